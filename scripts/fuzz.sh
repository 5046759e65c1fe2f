#!/usr/bin/env bash
# Fuzzes postcheck's input parsers with libFuzzer (and AddressSanitizer) for a fixed time per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]       default: 60 seconds each, every target
#   scripts/fuzz.sh --runs N [TARGET...]        N inputs each from a fixed seed: repeatable (scripts/test.sh uses it)
#
# Targets (Sources/PostcheckFuzzTargets): draft, positions, rule, config, valeini, check. Each starts from its seeds
# in Fuzz/corpus/<target>; inputs libFuzzer finds interesting go to a scratch corpus (.build-fuzz/corpus, kept
# between runs, not committed). An input that crashes, hangs (over 10 s) or runs out of memory is written to
# Fuzz/regressions/<target>/, where FuzzRegressionTests replays it on every test run: fix the bug, keep the file.
# With --runs, nothing is written to Fuzz/: crashes go to .build-fuzz/crashes/<target>/.
# Exit status 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=""
if [ "${1:-}" = "--runs" ]; then
    runs="$2"
    shift 2
    seconds=""
else
    seconds="${1:-60}"
    shift || true
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(draft positions rule config valeini check)

./scripts/ensure-dependencies.sh
mkdir -p .build-fuzz
POSTCHECK_FUZZ=1 swift build --scratch-path .build-fuzz --product postcheck-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld >.build-fuzz/build.log 2>&1 \
    || { cat .build-fuzz/build.log; exit 2; }
binary=.build-fuzz/debug/postcheck-fuzz

found=0
for target in "${targets[@]}"; do
    if [ -n "$runs" ]; then
        corpus="$(mktemp -d)"
        artifacts=".build-fuzz/crashes/$target/"
        limits=(-runs="$runs" -seed=1)
        echo "== $target: $runs runs"
    else
        corpus=".build-fuzz/corpus/$target"
        artifacts="Fuzz/regressions/$target/"
        limits=(-max_total_time="$seconds")
        echo "== $target: ${seconds}s"
    fi
    mkdir -p "$corpus" "$artifacts"
    log=".build-fuzz/fuzz-$target.log"
    # The Swift runtime's own crash handler fights ASan's; libFuzzer reports the crash either way. Leak checks are
    # off: the compiled rules live for the whole run on purpose.
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 POSTCHECK_FUZZ_TARGET="$target" "$binary" \
        "${limits[@]}" -timeout=10 -detect_leaks=0 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$artifacts" "$corpus" "Fuzz/corpus/$target" >"$log" 2>&1
    then
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$log" | tr '\n' ' '
        grep -Eo "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+" "$log" | tail -n 1 || echo
    else
        found=1
        grep -E "Fatal error|ERROR: |SUMMARY|Test unit written" "$log" | head -n 5
        echo "   full log: $log"
    fi
    [ -z "$runs" ] || rm -rf "$corpus"
done
exit "$found"
