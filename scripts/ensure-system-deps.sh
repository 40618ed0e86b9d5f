#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: nix-bin (nix-instantiate, nix-build)
# chromium (browser tests), zstd (compressed evaluation fixtures) and openssh-server (an ssh-ng:// boot-chain builder). Needs root and apt; prints what to do otherwise.
set -euo pipefail
missing=()
command -v nix-instantiate >/dev/null 2>&1 || missing+=(nix-bin)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing programs for the tests: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian (needed by the tests)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
