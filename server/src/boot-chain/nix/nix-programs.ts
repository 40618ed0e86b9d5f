import { AppConfig } from '../../config/app-config';
import { NixCommandOptions, runNix, runNixOrThrow } from './nix-command';

const FEATURES = ['--extra-experimental-features', 'nix-command'];

/** The Nix programs the boot chain runs, from configuration. */
export class NixPrograms {
  constructor(
    readonly nix: string,
    readonly instantiate: string,
    readonly nixStore: string,
  ) {}

  static fromConfig(config: AppConfig): NixPrograms {
    return new NixPrograms(config.get('NIXSEC_NIX'), config.get('NIXSEC_NIX_INSTANTIATE'), config.get('NIXSEC_NIX_STORE'));
  }

  /** `nix derivation show -r` (Nix ≥ 2.15), falling back to `nix show-derivation -r` on older Nix. */
  async showDerivationRecursive(drvPath: string, storeArgs: string[], options: NixCommandOptions = {}): Promise<unknown> {
    const modern = await runNix(this.nix, [...FEATURES, 'derivation', 'show', '-r', ...storeArgs, drvPath], options);
    if (modern.exitCode === 0) return JSON.parse(modern.stdout);
    if (!/not a recognised command|unrecognised command/i.test(modern.stderrTail)) {
      throw new Error(`nix derivation show -r ${drvPath} failed: ${modern.stderrTail.trim().split('\n').slice(-4).join('\n')}`);
    }
    return JSON.parse(await runNixOrThrow(this.nix, [...FEATURES, 'show-derivation', '-r', ...storeArgs, drvPath], options));
  }

  async pathInfoJson(paths: string[], storeArgs: string[], options: NixCommandOptions = {}): Promise<unknown> {
    return JSON.parse(await runNixOrThrow(this.nix, [...FEATURES, 'path-info', '--json', '--sigs', ...storeArgs, ...paths], options));
  }

  nixCommand(args: string[], options: NixCommandOptions = {}) {
    return runNix(this.nix, [...FEATURES, ...args], options);
  }
}
