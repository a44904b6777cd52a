#!/usr/bin/env bash
# Installs, with apt-get, what this repository needs on a fresh Debian 12 machine beyond the .NET SDK:
# the tool chain and headers that eng/build-librdkafka.sh needs to build librdkafka from source
# (the package mirror has no librdkafka.redist; see docs/kafka-native.md).
#
# Idempotent: installs only what is missing, runs `apt-get update` once and only then, and prints
# one line naming what it installed (or that nothing was missing). Runs as root, as CI does.
set -euo pipefail

# Debian packages and why each is needed.
packages=(
  build-essential # gcc, make, libc6-dev, binutils (strip): compile and link librdkafka.so
  pkg-config      # librdkafka's configure finds OpenSSL and zlib through it
  libssl-dev      # TLS and SASL/SCRAM in librdkafka (linked to the system libssl3)
  zlib1g-dev      # gzip compression in librdkafka
  python3         # librdkafka's src/Makefile generates its linker script with lds-gen.py
  ca-certificates # npm talks to its registry over HTTPS
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$pkg")
done
# npm fetches the librdkafka source (inside an npm package). A NodeSource nodejs already bundles npm
# and conflicts with Debian's npm package, so look for the command rather than the package.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]} == 0)); then
  echo "install-prerequisites: nothing missing"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-prerequisites: missing ${missing[*]}; run this script as root to install them" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq >"$log" 2>&1 ||
   ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
  cat "$log" >&2
  echo "install-prerequisites: apt-get failed installing ${missing[*]}" >&2
  exit 1
fi
echo "install-prerequisites: installed ${missing[*]}"
