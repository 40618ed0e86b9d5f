import { normalizeMeta } from './meta.normalizer';

// MADE UP meta values; shapes as Nixpkgs' lib.licenses and check-meta.nix produce them.
describe('normalizeMeta', () => {
  it.each<[string, unknown, string[]]>([
    ['one licence object', { spdxId: 'MIT', shortName: 'mit' }, ['MIT']],
    ['a list, SPDX id else shortName', [{ spdxId: 'MIT', shortName: 'mit' }, { spdxId: null, shortName: 'unfree' }], ['MIT', 'unfree']],
    ['a licence with only fullName', { fullName: 'Example Licence' }, ['Example Licence']],
    ['a string', 'GPL', ['GPL']],
    ['duplicates and junk', ['MIT', { spdxId: 'MIT' }, 3, null, ''], ['MIT']],
    ['absent', undefined, []],
  ])('licence as %s', (_case, license, licenses) => {
    expect(normalizeMeta({ license }).licenses).toEqual(licenses);
  });

  it.each<[unknown, string[]]>([
    ['https://example.invalid/', ['https://example.invalid/']],
    [['https://a.example.invalid/', 'https://b.example.invalid/', 'https://a.example.invalid/'], ['https://a.example.invalid/', 'https://b.example.invalid/']],
    [null, []],
  ])('homepage %j', (homepage, homepages) => {
    expect(normalizeMeta({ homepage }).homepages).toEqual(homepages);
  });

  it('flags are true only when true', () => {
    expect(normalizeMeta({ broken: 'yes', unfree: 1, insecure: true })).toMatchObject({ broken: false, unfree: false, insecure: true, unsupported: false });
  });

  it('keeps unread meta, drops platform lists, keeps "__proto__" as data', () => {
    const meta = JSON.parse('{"platforms":["x86_64-linux"],"badPlatforms":[],"hydraPlatforms":[],"outputsToInstall":["out"],"__proto__":{"polluted":true}}');
    const { extraMeta } = normalizeMeta(meta);
    expect(Object.keys(extraMeta)).toEqual(['outputsToInstall', '__proto__']);
    expect(Object.getPrototypeOf(extraMeta)).toBe(Object.prototype);
    expect((extraMeta as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('an identifiers attrset holding only cpe leaves nothing behind', () => {
    expect(normalizeMeta({ identifiers: { cpe: 'cpe:2.3:a:example:example:1.0:*:*:*:*:*:*:*' } })).toMatchObject({
      cpe: 'cpe:2.3:a:example:example:1.0:*:*:*:*:*:*:*',
      extraMeta: {},
    });
  });
});
