#!/usr/bin/env bash
# Builds postcheck and checks the sample drafts in Fixtures/ with the bundled rules and the sample configuration.
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-dependencies.sh || exit 2
swift build -c release --static-swift-stdlib --product postcheck >&2 || exit 2
.build/release/postcheck Fixtures/drafts "$@"
status=$?
echo "postcheck exited with $status (0 clean, 1 findings at or above the fail level, 2 error)" >&2
exit 0
