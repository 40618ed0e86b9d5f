import { runNix } from '../nix/nix-command';
import { NixPrograms } from '../nix/nix-programs';
import { BuilderRow } from '../store/builder.store';
import { sshOptions } from './ssh-options';

export type DetectedNixVersion = { version: string } | { error: string };

const VERSION = /^\d+\.\d+[0-9A-Za-z.+_-]*$/;
const TIMEOUT_MS = 20_000;

/** `nix (Nix) 2.8.0` (or `nix (Nix) 2.18.1+1`, `nix (Determinate Nix 3.1.0) 2.26.3`) → the Nix version. */
export function parseNixVersionOutput(text: string): string | null {
  const match = /^nix \([^)]*\) (\S+)\s*$/m.exec(text);
  return match && VERSION.test(match[1]) ? match[1] : null;
}

/**
 * The version a store reports to `nix store ping`: a `Version: 2.8.0` line (Nix 2.8 prints it on
 * stderr, newer Nix on stdout), or `"version"` of the JSON newer Nix prints with `--json`. A daemon
 * older than protocol 1.33 does not say its version: null.
 */
export function parseStorePingVersion(text: string): string | null {
  const line = /^Version: (\S+)\s*$/m.exec(text);
  if (line && VERSION.test(line[1])) return line[1];
  const json = /"version"\s*:\s*"([^"]+)"/.exec(text);
  return json && VERSION.test(json[1]) ? json[1] : null;
}

/**
 * The Nix a builder runs: for a local or chroot store the Nix nixsec runs there (`nix --version`);
 * for ssh-ng:// the remote store's own answer (`nix store ping`), else `nix --version` run over ssh
 * with the builder's key. Other kinds (caches, Hydra, submitters) build nothing here: null.
 */
export async function detectNixVersion(nix: NixPrograms, builder: BuilderRow, knownHostsFile: string): Promise<DetectedNixVersion | null> {
  if (builder.kind === 'local') {
    const result = await runNix(nix.nix, ['--version'], { timeoutMs: TIMEOUT_MS });
    const version = result.exitCode === 0 ? parseNixVersionOutput(result.stdout) : null;
    return version ? { version } : { error: `\`${nix.nix} --version\` ${failure(result.exitCode, result.stdout + result.stderrTail)}` };
  }
  if (builder.kind !== 'ssh-ng' || !builder.storeUri) return null;
  // Detection runs inside a request (registration, starting builds): an unreachable host must not hold it long.
  const options = [...sshOptions(builder, knownHostsFile), '-o', 'ConnectTimeout=10'];
  const ping = await nix.nixCommand(['store', 'ping', '--store', builder.storeUri], { env: { NIX_SSHOPTS: options.join(' ') }, timeoutMs: TIMEOUT_MS });
  const pinged = ping.exitCode === 0 ? parseStorePingVersion(`${ping.stdout}\n${ping.stderrTail}`) : null;
  if (pinged) return { version: pinged };
  const destination = sshDestination(builder.storeUri);
  const viaSsh = await runNix('ssh', [...options, destination, 'nix', '--version'], { timeoutMs: TIMEOUT_MS });
  const version = viaSsh.exitCode === 0 ? parseNixVersionOutput(viaSsh.stdout) : null;
  if (version) return { version };
  const pingWhy = ping.exitCode === 0 ? 'did not say its version' : failure(ping.exitCode, ping.stderrTail);
  return { error: `the store ${builder.storeUri} ${pingWhy}, and \`nix --version\` over ssh to ${destination} ${failure(viaSsh.exitCode, viaSsh.stdout + viaSsh.stderrTail)}` };
}

/** ssh-ng://user@host:22?remote-program=… → user@host (the port is in sshOptions, from host.sshPort). */
export function sshDestination(storeUri: string): string {
  return storeUri.replace(/^ssh-ng:\/\//, '').replace(/\?.*$/, '');
}

function failure(exitCode: number | null, output: string): string {
  // ssh ends its lines with \r\n.
  const last = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(-2).join(' ');
  if (exitCode === 0) return `printed no version${last ? ` (${last})` : ''}`;
  return `failed (exit code ${exitCode ?? '-'})${last ? `: ${last}` : ''}`;
}
