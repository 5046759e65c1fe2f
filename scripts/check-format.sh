#!/usr/bin/env bash
# Fails when a Swift file differs from what the toolchain's `swift format` makes of it with .swift-format
# (120 columns, four spaces). `swift format --in-place --recursive Sources Tests Package.swift` fixes them.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r file; do
    if ! swift format --configuration .swift-format "$file" | cmp -s - "$file"; then
        echo "not formatted: $file (swift format --in-place $file)" >&2
        status=1
    fi
done < <(git ls-files 'Sources/*.swift' 'Tests/*.swift' 'Plugins/*.swift' Package.swift)
exit $status
