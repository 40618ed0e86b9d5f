import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

// The test vector of GitHub's "Validating webhook deliveries" documentation.
const SECRET = "It's a Secret to Everybody";
const BODY = Buffer.from('Hello, World!');
const SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('webhook signatures', () => {
  it("matches GitHub's documented example", () => {
    expect(signWebhookBody(SECRET, BODY)).toBe(SIGNATURE);
    expect(verifyWebhookSignature(SECRET, BODY, SIGNATURE)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the sha1 header format', 'sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59'],
    ['a truncated signature', SIGNATURE.slice(0, -2)],
    ['a non-hex signature', `sha256=${'z'.repeat(64)}`],
    ['one changed digit', SIGNATURE.replace(/7$/, '8')],
  ])('rejects %s', (_name, header) => {
    expect(verifyWebhookSignature(SECRET, BODY, header)).toBe(false);
  });

  it('rejects a different body or secret', () => {
    expect(verifyWebhookSignature(SECRET, Buffer.from('Hello, World?'), SIGNATURE)).toBe(false);
    expect(verifyWebhookSignature('another secret', BODY, SIGNATURE)).toBe(false);
  });
});
