#!/usr/bin/env bash
# Fuzzes postcheck's input parsers with libFuzzer (and AddressSanitizer) for a fixed time per target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      default: 60 seconds each, every target
#
# Targets (Sources/PostcheckFuzzTargets): draft, positions, rule, config, valeini, check. Each starts from its seeds
# in Fuzz/corpus/<target>; inputs libFuzzer finds interesting go to a scratch corpus (.build-fuzz/corpus, kept
# between runs, not committed). An input that crashes, hangs (over 10 s) or runs out of memory is written to
# Fuzz/regressions/<target>/, where FuzzRegressionTests replays it on every test run: fix the bug, keep the file.
# Exit status 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
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
    mkdir -p ".build-fuzz/corpus/$target" "Fuzz/regressions/$target"
    log=".build-fuzz/fuzz-$target.log"
    echo "== $target: ${seconds}s"
    # The Swift runtime's own crash handler fights ASan's; libFuzzer reports the crash either way. Leak checks are
    # off: the compiled rules live for the whole run on purpose.
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 POSTCHECK_FUZZ_TARGET="$target" "$binary" \
        -max_total_time="$seconds" -timeout=10 -detect_leaks=0 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="Fuzz/regressions/$target/" \
        ".build-fuzz/corpus/$target" "Fuzz/corpus/$target" >"$log" 2>&1
    then
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$log" | tr '\n' ' '
        grep -Eo "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+" "$log" | tail -n 1
    else
        found=1
        grep -E "Fatal error|ERROR: |SUMMARY|Test unit written" "$log" | head -n 5
        echo "   full log: $log"
    fi
done
exit "$found"
