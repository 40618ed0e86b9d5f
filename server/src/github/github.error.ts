/**
 * The one error the github module throws. Its message names the operation, what GitHub answered
 * and what to change (a setting, a permission, or to retry later); it never contains a credential.
 */
export class GithubError extends Error {
  override readonly name = 'GithubError';

  constructor(
    message: string,
    /** What was attempted, e.g. `create an issue in NixOS/nixpkgs`. */
    readonly operation: string,
    /** GitHub's HTTP status; undefined when GitHub could not be reached. */
    readonly status: number | undefined,
    /** Why, in one word: lets callers branch without parsing the message. */
    readonly reason: GithubErrorReason,
  ) {
    super(message);
  }
}

export type GithubErrorReason =
  | 'unreachable'
  | 'bad-credentials'
  | 'forbidden'
  | 'rate-limited'
  | 'not-found'
  | 'invalid-request'
  | 'unavailable'
  | 'unexpected';
