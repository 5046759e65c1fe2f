#!/usr/bin/env bash
# Installs a postcheck release under a prefix, without root: bin/postcheck, bin/postcheck-server, the man pages,
# the completions and the documentation.
#   scripts/install.sh [--prefix DIR] [ARCHIVE]
# DIR defaults to ~/.local. ARCHIVE is a postcheck-*.tar.gz; without it, the release folder this script sits in
# (install.sh inside an unpacked archive) or the newest archive in dist/ (in a checkout, after scripts/release.sh).
set -euo pipefail
prefix="$HOME/.local"
archive=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) archive="$1"; shift ;;
  esac
done
here="$(cd "$(dirname "$0")" && pwd)"
unpacked=""
if [ -z "$archive" ] && [ -x "$here/bin/postcheck" ]; then
  source_dir="$here"
else
  if [ -z "$archive" ]; then
    archive=$(ls -t "$here"/../dist/postcheck-*.tar.gz 2>/dev/null | head -1 || true)
    [ -n "$archive" ] || { echo "install: no archive given and none in dist/ (run scripts/release.sh)" >&2; exit 2; }
  fi
  [ -f "$archive" ] || { echo "install: $archive: no such file" >&2; exit 2; }
  if [ -f "$archive.sha256" ]; then
    (cd "$(dirname "$archive")" && sha256sum --check --status "$(basename "$archive").sha256") \
      || { echo "install: $archive does not match its .sha256" >&2; exit 2; }
  fi
  unpacked=$(mktemp -d)
  trap 'rm -rf "$unpacked"' EXIT
  tar -xzf "$archive" -C "$unpacked"
  source_dir=$(find "$unpacked" -mindepth 1 -maxdepth 1 -type d | head -1)
fi
mkdir -p "$prefix"
cp -R "$source_dir/bin" "$source_dir/share" "$prefix/"
chmod 755 "$prefix/bin/postcheck" "$prefix/bin/postcheck-server"
echo "postcheck $("$prefix/bin/postcheck" --version) installed in $prefix (add $prefix/bin to PATH, $prefix/share/man to MANPATH)"
