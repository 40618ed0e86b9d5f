import { parseNixVersionOutput, parseStorePingVersion, sshDestination } from './nix-version-detection';

describe('Nix versions as builders report them', () => {
  it.each([
    ['nix (Nix) 2.8.0\n', '2.8.0'],
    ['nix (Nix) 2.18.1+1\n', '2.18.1+1'],
    ['nix (Determinate Nix 3.1.0) 2.26.3\n', '2.26.3'],
    ['bash: nix: command not found\n', null],
  ])('nix --version %j → %s', (output, version) => {
    expect(parseNixVersionOutput(output)).toBe(version);
  });

  it.each([
    // Nix 2.8, recorded against a chroot store and an ssh-ng:// store (printed on stderr).
    ['Store URL: ssh-ng://root@127.0.0.1\nVersion: 2.8.0\n', '2.8.0'],
    // Newer Nix adds whether we are trusted.
    ['Store URL: daemon\nVersion: 2.24.10\nTrusted: 1\n', '2.24.10'],
    ['{"trusted":1,"url":"daemon","version":"2.24.10"}', '2.24.10'],
    // A daemon older than protocol 1.33 does not say.
    ['Store URL: ssh-ng://builder\n', null],
  ])('nix store ping %j → %s', (output, version) => {
    expect(parseStorePingVersion(output)).toBe(version);
  });

  it('reaches the ssh-ng host as user@host, without the store parameters', () => {
    expect(sshDestination('ssh-ng://root@127.0.0.1?remote-program=/x/nix-daemon')).toBe('root@127.0.0.1');
  });
});
