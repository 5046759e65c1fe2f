#!/usr/bin/env python3
"""The service's limits, measured on loopback (run by scripts/bench-server.sh, or alone with the path of a built
postcheck-server): 1,000 connections at once (wrk: requests/s, latency, errors, the server's peak memory),
slowloris sockets (are they closed by the header timeout, and does /healthz answer meanwhile), and the largest
draft checked within the check deadline (doubling sizes until the check no longer finishes in time)."""
import json, os, re, resource, socket, subprocess, sys, tempfile, threading, time

SERVER = sys.argv[1] if len(sys.argv) > 1 else ".build/release/postcheck-server"
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
POST = ("Trots op ons team! Vandaag lanceren we onze nieuwe app voor klanten in Gent en Antwerpen. " * 9)[:800]


def start(*arguments):
    out = tempfile.NamedTemporaryFile(delete=False)
    process = subprocess.Popen([os.path.abspath(SERVER), "--port", "0", *arguments], cwd=FIXTURES,
                               stdout=out, stderr=subprocess.DEVNULL)
    for _ in range(100):
        text = open(out.name).read()
        found = re.search(r"listening on http://[^:]+:(\d+)", text)
        if found:
            return process, int(found.group(1))
        time.sleep(0.1)
    raise SystemExit("postcheck-server did not start")


def peak_kib(process):
    with open(f"/proc/{process.pid}/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1))


def health_ms(port):
    started = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    ok = s.recv(100)[9:12] == b"200"
    s.close()
    return ok, (time.time() - started) * 1000


def many_connections():
    process, port = start()
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
    script.write("wrk.body = " + json.dumps(json.dumps({"text": POST, "platform": "linkedin"})) + "\n")
    script.close()
    before = peak_kib(process)
    result = subprocess.run(["wrk", "-t2", "-c1000", "-d20s", "--timeout", "30s", "--latency", "-s", script.name,
                             f"http://127.0.0.1:{port}/v1/check"], capture_output=True, text=True)
    peak = peak_kib(process)
    process.terminate(); process.wait()
    print("== 1,000 connections for 20 s (wrk -t2 -c1000, an 800-character draft to /v1/check)")
    print(result.stdout.strip())
    print(f"server peak memory (VmHWM): {before / 1024:.0f} MB idle -> {peak / 1024:.0f} MB under load")


def slowloris(count=500, timeout=5):
    process, port = start("--header-timeout", str(timeout), "--idle-timeout", str(timeout))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * count)), hard))
    sockets = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(s)
    opened = time.time()
    closed_at = {}
    health = []
    # Trickle one header line a second on every socket, as slowloris does, until the server has closed them all.
    while len(closed_at) < count and time.time() - opened < timeout * 4:
        for index, s in enumerate(sockets):
            if index in closed_at:
                continue
            try:
                s.sendall(b"X-a: b\r\n")
                s.setblocking(False)
                try:
                    if s.recv(1) == b"":
                        closed_at[index] = time.time() - opened
                except BlockingIOError:
                    pass
                finally:
                    s.setblocking(True)
            except OSError:
                closed_at[index] = time.time() - opened
        health.append(health_ms(port))
        time.sleep(1)
    process.terminate(); process.wait()
    times = sorted(closed_at.values())
    answered = sum(1 for ok, _ in health if ok)
    print(f"== slowloris: {count} sockets trickling header lines, --header-timeout {timeout}")
    if times:
        print(f"closed by the server: {len(times)} of {count}; first after {times[0]:.1f} s, last after {times[-1]:.1f} s")
    else:
        print(f"closed by the server: 0 of {count} within {timeout * 4} s")
    print(f"/healthz meanwhile: {answered} of {len(health)} answered, slowest {max(ms for _, ms in health):.1f} ms")


def largest_within_deadline(check_timeout=5):
    process, port = start("--max-body", str(256 << 20), "--check-timeout", str(check_timeout))
    # A worst case for the answer: every paragraph has findings (a comparison with a competitor, a hashtag).
    paragraph = ("Our team in Ghent launched the new app for customers today. It is faster than Globex, "
                 "and we are proud of it! #launch @jan\n\n")
    print(f"== largest draft checked within --check-timeout {check_timeout} (bundled pack and sample configuration)")
    size = 256 << 10
    while size <= 128 << 20:
        text = (paragraph * (size // len(paragraph) + 1))[:size]
        body = json.dumps({"text": text}).encode()
        started = time.time()
        s = socket.create_connection(("127.0.0.1", port), timeout=600)
        s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        data = b""
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            data += chunk
        seconds = time.time() - started
        answer = json.loads(data.split(b"\r\n\r\n", 1)[1])
        complete = not answer.get("incomplete")
        print(f"{size / (1 << 20):7.2f} MB: {'complete' if complete else 'incomplete (deadline)'} in {seconds:.2f} s,"
              f" {len(answer.get('findings', []))} findings, {len(data) / 1e6:.1f} MB answer"
              f" (server peak {peak_kib(process) / 1024:.0f} MB)")
        if not complete:
            break
        size *= 2
    process.terminate(); process.wait()


if __name__ == "__main__":
    which = sys.argv[2:] or ["connections", "slowloris", "largest"]
    if "connections" in which: many_connections()
    if "slowloris" in which: slowloris()
    if "largest" in which: largest_within_deadline()
