#!/usr/bin/env python3
"""Latency of `postcheck lsp`: from a didChange of a 3,000-character post to its publishDiagnostics, over 300 changes,
with the bundled pack (Fixtures/.postcheck.yml) and with four Vale packages of ../shared/vale-packages when present.
Usage: python3 Benchmarks/lsp_latency.py [path of a release postcheck]"""
import json, os, pathlib, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parents[1]
POSTCHECK = str(pathlib.Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(ROOT / ".build/release/postcheck")
POST = ("Trots op ons team! Vandaag lanceren we onze nieuwe app voor klanten in Gent en Antwerpen. "
        "Bedankt aan iedereen die eraan meewerkte, van design tot support. #launch #team ") * 20
POST = POST[:3000]


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream):
    length = None
    while True:
        line = stream.readline()
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def measure(folder, label, changes=300):
    server = subprocess.Popen([POSTCHECK, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder)
    send = lambda message: (server.stdin.write(frame(message)), server.stdin.flush())
    uri = pathlib.Path(folder, "post.md").as_uri()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"capabilities": {}, "rootUri": pathlib.Path(folder).as_uri()}})
    while read_message(server.stdout).get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": POST}}})
    while read_message(server.stdout).get("method") != "textDocument/publishDiagnostics":
        pass
    times = []
    for version in range(2, changes + 2):
        started = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                "text": "x" if version % 2 else ""}]}})
        while read_message(server.stdout).get("method") != "textDocument/publishDiagnostics":
            pass
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(0.02)  # typing, not a burst: each change is checked
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    server.wait(timeout=30)
    times.sort()
    print(f"| {label} | {statistics.median(times):.1f} ms | {times[int(len(times) * 0.99) - 1]:.1f} ms | {changes} |")


print("| rules | median | p99 | changes |\n|---|---:|---:|---:|")
measure(ROOT / "Fixtures", "bundled pack + sample company (Fixtures/.postcheck.yml)")
vale = ROOT.parent / "shared" / "vale-packages"
if vale.is_dir():
    with tempfile.TemporaryDirectory() as folder:
        # The four packages the CLI benchmark uses (Benchmarks/run.py), each from its own StylesPath.
        styles = ["alex", "Joblint", "proselint", "write-good"]
        paths = "".join(f"StylesPath = {vale / style}\n" for style in styles)
        pathlib.Path(folder, ".vale.ini").write_text(
            paths + f"MinAlertLevel = suggestion\n[*]\nBasedOnStyles = {', '.join(styles)}\n")
        measure(folder, f"Vale packages ({', '.join(styles)})")
