#!/usr/bin/env bash
# Builds librdkafka from source and packs it as the NuGet package librdkafka.redist into eng/packages,
# the local feed that nuget.config maps librdkafka.redist to. Confluent.Kafka depends on that package
# for its native library, and the package mirror these machines reach does not hold it.
# Why and how: docs/kafka-native.md. Needs eng/install-prerequisites.sh to have run.
#
# Idempotent: when the package is already built from the same recipe, it only checks that NuGet's
# extracted copy in the global packages folder matches the package, and exits (well under a second).
set -euo pipefail

readonly LIBRDKAFKA_VERSION=2.15.1
# librdkafka's source ships inside this npm package (folder deps/librdkafka); pinned exactly, and
# the tarball's SHA-256 is checked so that a changed or corrupt download is refused.
readonly NPM_PACKAGE=@confluentinc/kafka-javascript
readonly NPM_VERSION=1.10.1
readonly NPM_TARBALL_SHA256=ada7d703bb1d3237e2292bfabf438d663b6160c9f1ac2a2406b5dc4257c81b66
# System OpenSSL and zlib are required; optional dependencies that install-prerequisites does not
# install are off, so the build never depends on what else happens to be on the machine.
# --no-download keeps mklove from fetching anything: the package carries all it needs.
readonly CONFIGURE_FLAGS=(--no-download --enable-ssl --enable-zlib
  --disable-zstd --disable-gssapi --disable-curl --disable-lz4-ext)
# Bump when the packing below changes, so that an existing package is rebuilt.
readonly PACKING_REVISION=1
readonly RID=linux-x64

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/eng/.build
feed=$root/eng/packages
id=librdkafka.redist
nupkg=$feed/$id.$LIBRDKAFKA_VERSION.nupkg
stamp=$build/$id.$LIBRDKAFKA_VERSION.stamp
global_packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
nuget_copy=${global_packages%/}/$id/$LIBRDKAFKA_VERSION
recipe="$NPM_PACKAGE@$NPM_VERSION sha256=$NPM_TARBALL_SHA256 ${CONFIGURE_FLAGS[*]} packing=$PACKING_REVISION"

say() { echo "build-librdkafka: $*"; }
fail() { echo "build-librdkafka: error: $*" >&2; exit 1; }

# NuGet's own content hash of a package: base64 of the SHA-512 of the .nupkg's bytes. NuGet writes
# it into <global-packages>/<id>/<version>/<id>.<version>.nupkg.sha512 when it extracts a package.
nuget_hash() {
  python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$1"
}

# NuGet never re-extracts a package whose folder exists in the global packages folder, so a copy
# extracted from an older or broken build of this package would be used forever. Remove any copy
# that is not exactly this .nupkg; the next restore extracts it afresh.
sync_nuget_copy() {
  local expected=$1
  [[ -d "$nuget_copy" ]] || return 0
  local cached
  cached=$(cat "$nuget_copy/$id.$LIBRDKAFKA_VERSION.nupkg.sha512" 2>/dev/null || true)
  local cached_lib=$nuget_copy/runtimes/$RID/native/librdkafka.so
  local packed_lib=$build/nupkg/runtimes/$RID/native/librdkafka.so
  if [[ "$cached" != "$expected" || ! -f "$nuget_copy/.nupkg.metadata" || ! -f "$cached_lib" ]] ||
     { [[ -f "$packed_lib" ]] && ! cmp -s "$packed_lib" "$cached_lib"; }; then
    rm -rf "$nuget_copy"
    say "removed stale NuGet copy $nuget_copy (the next restore extracts the new package)"
  fi
}

# Fast path: the package exists, was built from this recipe and has not been changed since.
if [[ -f "$nupkg" && -f "$stamp" ]]; then
  hash=$(nuget_hash "$nupkg")
  if [[ "$(cat "$stamp")" == "$recipe $hash" ]]; then
    sync_nuget_copy "$hash"
    say "up to date: ${nupkg#"$root"/}"
    exit 0
  fi
fi

command -v npm >/dev/null || fail "npm not found; run eng/install-prerequisites.sh"
command -v python3 >/dev/null || fail "python3 not found; run eng/install-prerequisites.sh"
mkdir -p "$build" "$feed"
rm -f "$stamp"

# 1. Source: the npm package's tarball, verified, with deps/librdkafka extracted from it.
tarball=$build/confluentinc-kafka-javascript-$NPM_VERSION.tgz
if [[ ! -f "$tarball" ]] || ! echo "$NPM_TARBALL_SHA256  $tarball" | sha256sum --check --status; then
  rm -f "$tarball"
  say "fetching $NPM_PACKAGE@$NPM_VERSION with npm pack"
  (cd "$build" && npm pack "$NPM_PACKAGE@$NPM_VERSION" --silent >/dev/null 2>"$build/npm-pack.log") ||
    { cat "$build/npm-pack.log" >&2; fail "npm pack $NPM_PACKAGE@$NPM_VERSION failed"; }
  [[ -f "$tarball" ]] || fail "npm pack did not write $tarball"
  echo "$NPM_TARBALL_SHA256  $tarball" | sha256sum --check --status ||
    fail "$tarball does not have the pinned SHA-256 $NPM_TARBALL_SHA256"
fi
src=$build/librdkafka-$LIBRDKAFKA_VERSION
if [[ ! -f "$src/.extracted" ]]; then
  rm -rf "$src"
  mkdir -p "$src"
  tar -xzf "$tarball" -C "$src" --strip-components=3 package/deps/librdkafka
  IFS=. read -r major minor patch <<<"$LIBRDKAFKA_VERSION"
  hex_version=$(printf '0x%02x%02x%02xff' "$major" "$minor" "$patch")
  grep -q "define RD_KAFKA_VERSION *$hex_version" "$src/src/rdkafka.h" ||
    fail "$tarball does not hold librdkafka $LIBRDKAFKA_VERSION (src/rdkafka.h has another RD_KAFKA_VERSION)"
  touch "$src/.extracted"
fi

# 2. Configure (again only when the flags changed) and build the shared library alone.
if [[ "$(cat "$src/.configured" 2>/dev/null)" != "${CONFIGURE_FLAGS[*]}" ]]; then
  say "configuring librdkafka $LIBRDKAFKA_VERSION"
  (cd "$src" && ./configure "${CONFIGURE_FLAGS[@]}") >"$build/configure.log" 2>&1 ||
    { tail -n 30 "$build/configure.log" >&2; fail "configure failed; full log: $build/configure.log"; }
  rm -f "$src/src/librdkafka.so.1"
  echo "${CONFIGURE_FLAGS[*]}" >"$src/.configured"
fi
say "compiling librdkafka.so.1 (about a minute on two cores)"
make -C "$src/src" -j2 librdkafka.so.1 >"$build/make.log" 2>&1 ||
  { tail -n 30 "$build/make.log" >&2; fail "make failed; full log: $build/make.log"; }

# 3. Pack: a .nupkg is a zip holding [Content_Types].xml, the .nuspec and the files. Confluent.Kafka
# loads "librdkafka" through the runtime's native search path, which includes the package's
# runtimes/<rid>/native folder (copied to bin/runtimes/<rid>/native/ on build).
stage=$build/nupkg
rm -rf "$stage"
mkdir -p "$stage/runtimes/$RID/native"
strip --strip-unneeded -o "$stage/runtimes/$RID/native/librdkafka.so" "$src/src/librdkafka.so.1"
cp "$src/LICENSES.txt" "$stage/LICENSES.txt"
cat >"$stage/$id.nuspec" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>$id</id>
    <version>$LIBRDKAFKA_VERSION</version>
    <authors>Magnus Edenhill, Confluent Inc.</authors>
    <license type="file">LICENSES.txt</license>
    <projectUrl>https://github.com/confluentinc/librdkafka</projectUrl>
    <description>librdkafka $LIBRDKAFKA_VERSION for $RID, built locally by eng/build-librdkafka.sh from the sources in $NPM_PACKAGE $NPM_VERSION and linked to the system OpenSSL and zlib.</description>
    <tags>native librdkafka kafka</tags>
  </metadata>
</package>
EOF
cat >"$stage/[Content_Types].xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="so" ContentType="application/octet" />
  <Default Extension="txt" ContentType="application/octet" />
</Types>
EOF
# Fixed timestamps and order make the zip a function of its contents alone.
python3 - "$stage" "$nupkg.tmp" <<'EOF'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
names = sorted(os.path.relpath(os.path.join(d, f), stage).replace(os.sep, "/")
               for d, _, files in os.walk(stage) for f in files)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in names:
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(stage, name), "rb") as f:
            z.writestr(info, f.read())
EOF
mv -f "$nupkg.tmp" "$nupkg"

hash=$(nuget_hash "$nupkg")
sync_nuget_copy "$hash"
echo "$recipe $hash" >"$stamp"
say "packed ${nupkg#"$root"/} ($(du -k "$nupkg" | cut -f1) KiB)"
