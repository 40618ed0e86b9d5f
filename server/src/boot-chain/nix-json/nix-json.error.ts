/** A record Nix printed that nixsec cannot read; `record` is the drv path or store path it was about. */
export class NixJsonError extends Error {
  constructor(
    readonly record: string,
    readonly reason: string,
  ) {
    super(`${record}: ${reason}`);
    this.name = 'NixJsonError';
  }
}
