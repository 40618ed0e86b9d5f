/** A tracked-channels or static-heads setting that cannot be read; the message names the entry and the format. */
export class ChannelConfigError extends Error {
  override readonly name = 'ChannelConfigError';
}
