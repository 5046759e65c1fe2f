#!/usr/bin/env bash
# Runs postcheck's parallel file checking under ThreadSanitizer: a build with -sanitize=thread checks, fixes and
# diffs 400 generated posts (nl/en/fr, emoji, NFD) plus the sample drafts on every core, with the report written to
# several formats at once. Any data race makes ThreadSanitizer print a report and exit 66; this script then fails.
#
#   scripts/tsan.sh          (run by scripts/test.sh; needs ~1 minute and its own build folder, .build-tsan)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build-tsan
swift build --scratch-path .build-tsan --product postcheck -Xswiftc -sanitize=thread >.build-tsan/build.log 2>&1 \
    || { cat .build-tsan/build.log; exit 2; }
binary="$PWD/.build-tsan/debug/postcheck"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/generate-corpus.py --posts 400 --seed 11 --out "$work/posts" >/dev/null
cp -R Fixtures/. "$work/fixtures"
cp -R "$work/posts" "$work/fixtures/generated"

export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
run() {
    # Exit 0 or 1 (findings) is a clean run; 66 is a race; anything else is an error worth seeing.
    local status=0
    "$@" >"$work/out" 2>"$work/err" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "ThreadSanitizer run failed (exit $status): $*"
        head -n 60 "$work/err"
        exit 1
    fi
}
cd "$work/fixtures"
run "$binary" --format json --quiet .
run "$binary" --format sarif -o json="$work/report.json" -o junit="$work/report.xml" --quiet .
run "$binary" --diff --quiet generated
run "$binary" --fix --quiet generated
echo "ThreadSanitizer: no data races in parallel checking, fixing and reporting ($(ls generated | wc -l) generated posts + sample drafts, $(nproc) cores)."
