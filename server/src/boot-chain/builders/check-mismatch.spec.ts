import { parseCheckMismatch } from './check-mismatch';

// Recorded from Nix 2.8 (`nix-store --store /tmp/bcx/s --realise <drv> --check [--keep-failed]` of a derivation writing a random uuid).
const WITH_KEEP_FAILED = `checking outputs of '/nix/store/mwm9669a4sybf4bnqgyjgcdqcx7ykwgf-nd.drv'...
note: keeping build directory '/tmp/nix-build-nd.drv-0'
error: derivation '/nix/store/mwm9669a4sybf4bnqgyjgcdqcx7ykwgf-nd.drv' may not be deterministic: output '/tmp/bcx/s/nix/store/ilkf9g98ncn92r1px92ww30z5pyfjgal-nd' differs from '/tmp/bcx/s/nix/store/ilkf9g98ncn92r1px92ww30z5pyfjgal-nd.check'
`;
const WITHOUT = `checking outputs of '/nix/store/mwm9669a4sybf4bnqgyjgcdqcx7ykwgf-nd.drv'...
error: derivation '/nix/store/mwm9669a4sybf4bnqgyjgcdqcx7ykwgf-nd.drv' may not be deterministic: output '/nix/store/ilkf9g98ncn92r1px92ww30z5pyfjgal-nd' differs
`;

describe('a differing --check rebuild in the build log', () => {
  it('gives the real output path, where Nix kept the rebuild (under the chroot store root) and its build directory', () => {
    expect(parseCheckMismatch(WITH_KEEP_FAILED)).toEqual({
      realOutputPath: '/tmp/bcx/s/nix/store/ilkf9g98ncn92r1px92ww30z5pyfjgal-nd',
      realCheckPath: '/tmp/bcx/s/nix/store/ilkf9g98ncn92r1px92ww30z5pyfjgal-nd.check',
      keptBuildDir: '/tmp/nix-build-nd.drv-0',
    });
  });

  it('without --keep-failed there is no rebuild to hash', () => {
    expect(parseCheckMismatch(WITHOUT)).toEqual({ realOutputPath: '/nix/store/ilkf9g98ncn92r1px92ww30z5pyfjgal-nd', realCheckPath: null, keptBuildDir: null });
  });

  it('other failures are not a check mismatch', () => {
    expect(parseCheckMismatch("error: builder for '/nix/store/x.drv' failed with exit code 1")).toBeNull();
  });
});
