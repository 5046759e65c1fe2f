#!/usr/bin/env bash
# Runs the whole test suite: unit tests, end-to-end golden-file tests and the Vale style-package suites
# (which read ../shared/vale-packages when it is present).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-dependencies.sh --test
swift build --product postcheck
swift build --product postcheck-server
swift test --disable-swift-testing "$@"
