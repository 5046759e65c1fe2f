#!/usr/bin/env bash
# Runs the whole test suite: the formatting check (scripts/check-format.sh), unit tests, end-to-end golden-file
# tests and the Vale style-package suites (which read ../shared/vale-packages when it is present). Without arguments it then runs the parallel checking
# under ThreadSanitizer (scripts/tsan.sh) and every fuzz target for 3,000 inputs from a fixed seed
# (scripts/fuzz.sh --runs), each in its own build folder. Arguments go to `swift test` and skip those two steps.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-dependencies.sh --test
./scripts/check-format.sh
swift build --product postcheck
swift build --product postcheck-server
swift build --product generate-manual  # for ReleaseTests, which packs the debug builds into a release archive
swift test --disable-swift-testing "$@"
if [ $# -eq 0 ]; then
    ./scripts/tsan.sh
    ./scripts/fuzz.sh --runs 3000
fi
