import { absoluteLink, formatTime, isEmailAddress, MAX_LISTED, renderDigest } from './digest-message';

const at = (iso: string) => new Date(iso);

describe('renderDigest', () => {
  it('lists each notification, newest first, with an absolute link and its time', () => {
    const { subject, text } = renderDigest(
      [
        { message: 'New suggestion: CVE-2024-9143 may affect openssl (you maintain openssl).', link: '/suggestions?cve=CVE-2024-9143', createdAt: at('2025-01-02T06:10:00Z') },
        { message: 'Advisory NIXPKGS-2025-0001 published for openssl: out of\nbounds read (you maintain openssl).', link: '/advisories/NIXPKGS-2025-0001', createdAt: at('2025-01-02T06:40:00Z') },
      ],
      'https://nixsec.example.org/',
    );
    expect(subject).toBe('[nixsec] 2 new notifications');
    expect(text).toBe(
      [
        'nixsec has 2 new notifications for you:',
        '',
        '- Advisory NIXPKGS-2025-0001 published for openssl: out of bounds read (you maintain openssl).',
        '  https://nixsec.example.org/advisories/NIXPKGS-2025-0001',
        '  2025-01-02 06:40 UTC',
        '',
        '- New suggestion: CVE-2024-9143 may affect openssl (you maintain openssl).',
        '  https://nixsec.example.org/suggestions?cve=CVE-2024-9143',
        '  2025-01-02 06:10 UTC',
        '',
        '-- ',
        'You get this digest because you switched it on in your nixsec notification preferences;',
        'switch it off there: https://nixsec.example.org/',
        '',
      ].join('\n'),
    );
  });

  it('says "notification" for one', () => {
    expect(renderDigest([{ message: 'x', link: '/a', createdAt: at('2025-01-01T00:00:00Z') }], 'http://localhost:3000').subject).toBe('[nixsec] 1 new notification');
  });

  it(`lists at most ${MAX_LISTED} and counts the older ones`, () => {
    const items = Array.from({ length: MAX_LISTED + 7 }, (_, i) => ({ message: `n${i}`, link: `/n/${i}`, createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)) }));
    const { subject, text } = renderDigest(items, 'https://x.org');
    expect(subject).toBe(`[nixsec] ${MAX_LISTED + 7} new notifications`);
    expect(text.match(/^- /gm)).toHaveLength(MAX_LISTED);
    expect(text).toContain(`- n${MAX_LISTED + 6}\n`);
    expect(text).not.toContain('- n6\n');
    expect(text).toContain('…and 7 older ones: https://x.org/');
  });
});

describe('absoluteLink and formatTime', () => {
  it.each([
    ['https://nixsec.example.org', '/advisories/NIXPKGS-2025-0001', 'https://nixsec.example.org/advisories/NIXPKGS-2025-0001'],
    ['https://nixsec.example.org/', '/suggestions?cve=CVE-2024-9143', 'https://nixsec.example.org/suggestions?cve=CVE-2024-9143'],
    ['https://example.org/nixsec', '/advisories/X', 'https://example.org/nixsec/advisories/X'],
    ['http://localhost:3000', '/', 'http://localhost:3000/'],
  ])('%s + %s', (base, link, expected) => expect(absoluteLink(base, link)).toBe(expected));

  it('prints UTC to the minute', () => expect(formatTime(at('2025-03-04T05:06:59.999Z'))).toBe('2025-03-04 05:06 UTC'));
});

describe('isEmailAddress', () => {
  it.each(['thillux@example.org', 'first.last+nixsec@mail.example.co.uk', "o'brien@example.org", 'a@b-c.de'])('accepts %s', (v) => expect(isEmailAddress(v)).toBe(true));
  it.each([
    '',
    'thillux',
    'thillux@',
    '@example.org',
    'thillux@localhost',
    'thillux@example.123',
    'two@@example.org',
    'a b@example.org',
    '"quoted@evil.org"@example.org',
    'thillux@example.org\r\nBcc: everyone@example.org',
    'Thillux <thillux@example.org>',
    'x..y@example.org',
    'thillux@[127.0.0.1]',
    `${'a'.repeat(65)}@example.org`,
    `a@${'b'.repeat(250)}.org`,
  ])('rejects %j', (v) => expect(isEmailAddress(v)).toBe(false));
});
