import { parseDrvName } from './parse-drv-name';

// Where each expectation comes from:
const NIX_MANUAL = 'Nix manual, builtins.parseDrvName (doc string of primop_parseDrvName in NixOS/nix src/libexpr/primops.cc)';
const NAMES_CC = 'comment on DrvName::DrvName, NixOS/nix src/libexpr/names.cc @b095c06';
const PRIMOPS_TEST = 'ParseDrvNamePrimOpTest, NixOS/nix tests/unit/libexpr/primops.cc @0250c98';
const LANG_TEST = 'NixOS/nix tests/functional/lang/eval-okay-versions.nix @b601117';
const SAMPLE = 'real name in test/fixtures/nixpkgs/eval-sample.jsonl, split by the rule of names.cc';
const RULE = 'made up for nixsec, expected value worked out from the rule in names.cc';

describe('parseDrvName behaves as builtins.parseDrvName', () => {
  it.each<[input: string, name: string, version: string, source: string]>([
    ['nix-0.12pre12876', 'nix', '0.12pre12876', NIX_MANUAL],
    ['apache-httpd-2.0.48', 'apache-httpd', '2.0.48', NAMES_CC],
    ['nix-0.12pre12876', 'nix', '0.12pre12876', PRIMOPS_TEST],
    ['a-b-c-1234pre5+git', 'a-b-c', '1234pre5+git', PRIMOPS_TEST],
    ['hello-1.0.2', 'hello', '1.0.2', LANG_TEST],
    ['hello', 'hello', '', LANG_TEST],
    ['915resolution-0.5.2', '915resolution', '0.5.2', LANG_TEST],
    ['xf86-video-i810-1.7.4', 'xf86-video-i810', '1.7.4', LANG_TEST],
    // The second dash is not a letter, so the split is at the first one and the version keeps a dash.
    ['name-that-ends-with-dash--1.0', 'name-that-ends-with-dash', '-1.0', LANG_TEST],
    ['AMB-plugins-0.8.1', 'AMB-plugins', '0.8.1', SAMPLE],
    ['EBTKS-unstable-2017-09-23', 'EBTKS-unstable', '2017-09-23', SAMPLE],
    ['empty-epsilon-2023.06.17', 'empty-epsilon', '2023.06.17', SAMPLE],
    ['foo-bar-1.0', 'foo-bar', '1.0', RULE],
    ['firefox-esr-115.0', 'firefox-esr', '115.0', RULE],
    ['python3.12-requests-2.31.0', 'python3.12-requests', '2.31.0', RULE],
    ['linux-6.1.0-rc1', 'linux', '6.1.0-rc1', RULE],
    ['foo-Bar-1', 'foo-Bar', '1', RULE], // capital letters are letters too
    ['foo-_bar', 'foo', '_bar', RULE], // anything but a letter starts the version, not only digits
    ['foo-é', 'foo', 'é', RULE], // isalpha is ASCII-only
    ['foo-', 'foo-', '', RULE], // a dash at the very end is never a separator
    ['-1.0', '', '1.0', RULE],
    ['-', '-', '', RULE],
    ['', '', '', RULE],
  ])('%s → name %j, version %j (%s)', (input, name, version) => {
    expect(parseDrvName(input)).toEqual({ name, version });
  });
});
