/** The one error of the channel heads client; its message names the URL and what to check. */
export class ChannelHeadsError extends Error {
  override readonly name = 'ChannelHeadsError';

  /** `status` is the last HTTP status, when a response came at all. */
  constructor(message: string, readonly url: string, readonly status?: number) {
    super(message);
  }
}
