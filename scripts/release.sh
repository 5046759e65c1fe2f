#!/usr/bin/env bash
# Builds a release archive: dist/postcheck-<version>-linux-<arch>.tar.gz with both executables (the Swift standard
# library linked in, the bundled rule packs built into them), man pages (swift-argument-parser's generate-manual
# tool, which its plugin runs too), bash, zsh and fish completions (--generate-completion-script), README, the licences and NOTICE files of
# postcheck's data and of the Swift packages it is built from, the list of dynamic libraries it needs (ldd), and
# install.sh. The version comes from one place: postcheckVersion in Sources/PostcheckCore/Output/ReportedFinding.swift.
# Prints the archive's path. POSTCHECK_RELEASE_CONFIGURATION=debug packs the debug builds instead, and
# POSTCHECK_RELEASE_PREBUILT=1 takes the executables (and generate-manual) as they are built: the test suite does
# both, to check the archive and the installation without a second, ten-minute release build (and without a
# `swift build` inside `swift test`, which would wait for the running one's lock).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${POSTCHECK_RELEASE_PREBUILT:-}" ] || ./scripts/ensure-dependencies.sh >&2
version=$(sed -n 's/^public let postcheckVersion = "\(.*\)"$/\1/p' Sources/PostcheckCore/Output/ReportedFinding.swift)
[ -n "$version" ] || { echo "release: no postcheckVersion found" >&2; exit 2; }
arch=$(uname -m)
name="postcheck-$version-linux-$arch"
stage=".build/release-stage/$name"
rm -rf "$stage" && mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/doc/postcheck/licenses" \
  "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
configuration="${POSTCHECK_RELEASE_CONFIGURATION:-release}"
flags=(-c "$configuration")
[ "$configuration" = release ] && flags+=(--static-swift-stdlib)
prebuilt="${POSTCHECK_RELEASE_PREBUILT:-}"
for product in postcheck postcheck-server; do
  [ -n "$prebuilt" ] || swift build "${flags[@]}" --product "$product" >&2
  cp ".build/$configuration/$product" "$stage/bin/"
done
[ -n "$prebuilt" ] || swift build --product generate-manual >&2
for tool in postcheck postcheck-server; do
  .build/debug/generate-manual "$stage/bin/$tool" --multi-page --output-directory "$stage/share/man/man1" >&2
done
for tool in postcheck postcheck-server; do
  "$stage/bin/$tool" --generate-completion-script bash > "$stage/share/bash-completion/completions/$tool"
  "$stage/bin/$tool" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_$tool"
  "$stage/bin/$tool" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/$tool.fish"
done
cp README.md CHANGELOG.md "$stage/share/doc/postcheck/"
cp Rules/postcheck/SOURCES.md "$stage/share/doc/postcheck/licenses/rules-postcheck-SOURCES.md"
cp Sources/PostcheckCore/Language/NOTICE "$stage/share/doc/postcheck/licenses/stopwords-NOTICE"
for checkout in .build/checkouts/*; do
  for licence in "$checkout"/LICENSE* "$checkout"/LICENCE* "$checkout"/NOTICE*; do
    [ -f "$licence" ] && cp "$licence" "$stage/share/doc/postcheck/licenses/$(basename "$checkout")-$(basename "$licence")"
  done
done
{
  echo "Dynamic libraries the executables need (ldd on the build machine); install libpcre2-8-0 (Debian, Ubuntu)"
  echo "or pcre2 (Fedora, Alpine) where it is missing. The Swift runtime is linked in."
  for tool in postcheck postcheck-server; do echo; echo "$tool:"; ldd "$stage/bin/$tool" | sed 's/ (0x[0-9a-f]*)//'; done
} > "$stage/share/doc/postcheck/DEPENDENCIES"
cp scripts/install.sh "$stage/install.sh"
mkdir -p dist
tar -C .build/release-stage -czf "dist/$name.tar.gz" "$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "dist/$name.tar.gz"
