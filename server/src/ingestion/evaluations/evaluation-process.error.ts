/** nix-eval-jobs did not finish: the evaluation is marked `failed` or `crashed` (OOM, signal) with its log tail. */
export class EvaluationProcessError extends Error {
  constructor(
    readonly status: 'failed' | 'crashed',
    message: string,
    readonly logTail: string,
  ) {
    super(message);
    this.name = 'EvaluationProcessError';
  }
}
