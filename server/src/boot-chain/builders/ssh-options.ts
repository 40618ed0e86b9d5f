import { BuilderRow } from '../store/builder.store';

/** ssh options for an ssh-ng:// builder: its key file, never a prompt, and `host.sshPort` if set. */
export function sshOptions(builder: BuilderRow, knownHostsFile: string): string[] {
  const options = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=accept-new', '-o', `UserKnownHostsFile=${knownHostsFile}`];
  if (builder.sshKeyFile) options.unshift('-i', builder.sshKeyFile, '-o', 'IdentitiesOnly=yes');
  const port = Number(builder.host.sshPort);
  if (Number.isInteger(port) && port > 0 && port < 65536) options.push('-p', String(port));
  return options;
}

/** The environment Nix needs to reach an ssh-ng:// builder (NIX_SSHOPTS); nothing for other kinds. */
export function sshEnv(builder: BuilderRow, knownHostsFile: string): Record<string, string> {
  if (builder.kind !== 'ssh-ng') return {};
  return { NIX_SSHOPTS: sshOptions(builder, knownHostsFile).join(' ') };
}
