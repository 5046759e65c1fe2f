#!/usr/bin/env python3
"""`postcheck report --history` on a large content repository: about 5,000 commits made by
scripts/make-content-repo.py (2,300 drafts by four authors over six months, most improving over a few commits).
Prints wall and CPU time and peak memory (/usr/bin/time) with and without --history, best of three.
Run from the repository root after `swift build -c release`:  python3 Benchmarks/report_history.py [--drafts N]"""
import os, shutil, subprocess, sys, tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIN = os.path.join(ROOT, ".build/release/postcheck")
drafts = sys.argv[sys.argv.index("--drafts") + 1] if "--drafts" in sys.argv else "2300"
work = tempfile.mkdtemp(prefix="postcheck-history-")
try:
    repository = os.path.join(work, "content")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts/make-content-repo.py"), repository, "--drafts", drafts],
                   check=True)
    commits = subprocess.run(["git", "-C", repository, "rev-list", "--count", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
    print(f"{drafts} drafts, {commits} commits\n")
    print("| report | wall s | CPU s | peak memory |")
    print("|---|---:|---:|---:|")
    for label, extra in (("without --history", []), ("--history (every committed version checked again)", ["--history"])):
        best = None
        for _ in range(3):
            timing = os.path.join(work, "time.txt")
            subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing, BIN, "report", "--format", "json",
                            "--date", "2026-07-01", "posts"] + extra, cwd=repository, stdout=subprocess.DEVNULL,
                           check=True)
            wall, user, system, peak = open(timing).read().split()[-4:]
            run = (float(wall), float(user) + float(system), int(peak) / 1024)
            best = run if best is None or run[0] < best[0] else best
        print(f"| {label} | {best[0]:.2f} | {best[1]:.2f} | {best[2]:.0f} MB |")
finally:
    shutil.rmtree(work)
