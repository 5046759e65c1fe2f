#!/usr/bin/env bash
# Load check of the pre-publish service: wrk (Debian's package) posting a typical 800-character LinkedIn draft to
# /v1/check on a loopback port, 10 seconds over one connection and 10 over sixteen. Prints requests/s and the latency
# distribution (p99) of each; then the limits measured by Benchmarks/server_limits.py.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 2; }
swift build -c release --product postcheck-server >&2
scratch=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
(cd Fixtures && ../.build/release/postcheck-server --port 0 > "$scratch/out" 2> /dev/null) &
server=$!
for _ in $(seq 50); do grep -q listening "$scratch/out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o ':[0-9]*$' "$scratch/out" | tr -d :)
python3 - > "$scratch/post.lua" <<'PY'
import json
text = ("Trots op ons team! Vandaag lanceren we onze nieuwe app voor klanten in Gent en Antwerpen. " * 9)[:800]
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "application/json"')
print('wrk.body = ' + json.dumps(json.dumps({"text": text, "platform": "linkedin"})))
PY
# One connection: the time the service takes per request, with no request waiting behind another. Sixteen
# connections: throughput with both cores busy, where the latency is mostly waiting (16 requests in flight over 2
# cores). One wrk thread, so that wrk takes as little of the same cores as it can.
echo "== 1 connection (latency)"
wrk -t1 -c1 -d10s --latency -s "$scratch/post.lua" "http://127.0.0.1:$port/v1/check"
echo "== 16 connections (throughput)"
wrk -t1 -c16 -d10s --latency -s "$scratch/post.lua" "http://127.0.0.1:$port/v1/check"
# The limits: 1,000 connections at once with the server's peak memory, 500 slowloris sockets against the header
# timeout, and the largest draft checked within the check deadline.
python3 Benchmarks/server_limits.py .build/release/postcheck-server
