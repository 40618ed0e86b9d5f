import { parseMetaPosition } from './meta-position';

// The prefix of the real sample (eval-sample.jsonl): the machine that evaluated it.
const CHECKOUT = '/home/raito/dev/github.com/NixOS/nixpkgs';

describe('parseMetaPosition', () => {
  it.each<[position: string, file: string, line: number, why: string]>([
    [`${CHECKOUT}/pkgs/applications/audio/AMB-plugins/default.nix:24`, 'pkgs/applications/audio/AMB-plugins/default.nix', 24, 'real, eval-sample.jsonl'],
    ['/nix/store/0000000000000000000000000000000a-source/pkgs/by-name/he/hello/package.nix:47', 'pkgs/by-name/he/hello/package.nix', 47, 'a store checkout'],
    // The files below are real positions from data/nixpkgs/universe_extra.tsv.gz (with a made-up prefix).
    [`${CHECKOUT}/pkgs/kde/lib/mk-kde-derivation.nix:175`, 'pkgs/kde/lib/mk-kde-derivation.nix', 175, '"lib" inside pkgs/'],
    [`${CHECKOUT}/pkgs/desktops/gnome/nixos/gsettings-overrides/default.nix:45`, 'pkgs/desktops/gnome/nixos/gsettings-overrides/default.nix', 45, '"nixos" inside pkgs/'],
    ['/etc/nixos/nixpkgs/nixos/modules/profiles/nix-builder-vm.nix:226', 'nixos/modules/profiles/nix-builder-vm.nix', 226, 'the last "/nixos/"'],
    ['/var/lib/nixsec/nixpkgs/pkgs/by-name/am/AMB-plugins/package.nix:28', 'pkgs/by-name/am/AMB-plugins/package.nix', 28, '"/pkgs/" before "/lib/"'],
    [`${CHECKOUT}/maintainers/scripts/nixpkgs-lint.nix:33`, 'maintainers/scripts/nixpkgs-lint.nix', 33, 'maintainers/'],
    ['pkgs/development/lib/x/default.nix:3', 'pkgs/development/lib/x/default.nix', 3, 'already relative'],
    ['/somewhere/else/default.nix:7', '/somewhere/else/default.nix', 7, 'not recognisable: kept'],
  ])('%s → %s:%d (%s)', (position, file, line) => {
    expect(parseMetaPosition(position)).toEqual({ file, line });
  });

  it('prefers the given nixpkgs root, which the directory names cannot always find', () => {
    const position = '/etc/nixos/nixpkgs/lib/tests/misc.nix:12';
    expect(parseMetaPosition(position, '/etc/nixos/nixpkgs')).toEqual({ file: 'lib/tests/misc.nix', line: 12 });
    expect(parseMetaPosition(position, '/etc/nixos/nixpkgs/')).toEqual({ file: 'lib/tests/misc.nix', line: 12 });
    // Without the root, "/nixos/" outranks "/lib/" (see NIXPKGS_TOP_DIRS): a known limit.
    expect(parseMetaPosition(position)).toEqual({ file: 'nixos/nixpkgs/lib/tests/misc.nix', line: 12 });
  });

  it('falls back to the directory names when the root does not match', () => {
    expect(parseMetaPosition(`${CHECKOUT}/pkgs/a/default.nix:1`, '/elsewhere')).toEqual({ file: 'pkgs/a/default.nix', line: 1 });
  });

  it.each([undefined, null, 24, '', 'default.nix', 'default.nix:', 'default.nix:x'])('%j is no position', (value) => {
    expect(parseMetaPosition(value)).toBeNull();
  });
});
