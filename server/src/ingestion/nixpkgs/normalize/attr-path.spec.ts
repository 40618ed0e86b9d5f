import { joinAttrPath, packageAttrOf, splitAttr } from './attr-path';

describe('splitAttr reverses the joining of nix-eval-jobs (attrPathJoin)', () => {
  it.each<[attr: string, attrPath: string[]]>([
    ['AMB-plugins.x86_64-linux', ['AMB-plugins', 'x86_64-linux']], // real, eval-sample.jsonl
    ['CuboCore.coreaction.aarch64-linux', ['CuboCore', 'coreaction', 'aarch64-linux']], // real, eval-sample.jsonl
    ['haskell.packages."ghc9.6".hello.x86_64-linux', ['haskell', 'packages', 'ghc9.6', 'hello', 'x86_64-linux']],
    ['"a.b"', ['a.b']],
    ['', []],
  ])('%s', (attr, attrPath) => {
    expect(splitAttr(attr)).toEqual(attrPath);
    expect(joinAttrPath(attrPath)).toBe(attr);
  });
});

describe('packageAttrOf', () => {
  it('drops a trailing system component', () => {
    expect(packageAttrOf(['CuboCore', 'coreaction', 'aarch64-linux'], 'aarch64-linux')).toBe('CuboCore.coreaction');
  });

  it('keeps a path that does not end in the system (a flake output)', () => {
    expect(packageAttrOf(['packages', 'x86_64-linux', 'hello'], 'x86_64-linux')).toBe('packages.x86_64-linux.hello');
  });

  it('keeps a trailing component that is another system', () => {
    expect(packageAttrOf(['hello', 'aarch64-linux'], 'x86_64-linux')).toBe('hello.aarch64-linux');
  });

  it('quotes components with dots, as nix-eval-jobs does', () => {
    expect(packageAttrOf(['python3.12-pkgs', 'requests', 'x86_64-linux'], 'x86_64-linux')).toBe('"python3.12-pkgs".requests');
  });
});
