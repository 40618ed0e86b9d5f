/** The one error the NVD client throws; its message names the URL (never the API key) and what to do. */
export class NvdFetchError extends Error {
  override readonly name = 'NvdFetchError';

  constructor(
    message: string,
    readonly url: string,
    readonly status: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
  }
}
