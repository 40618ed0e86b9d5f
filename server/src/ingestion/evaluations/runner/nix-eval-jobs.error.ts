/** nix-eval-jobs could not be started (or run options are unusable); the message says what to do. */
export class NixEvalJobsError extends Error {
  override readonly name = 'NixEvalJobsError';
}
