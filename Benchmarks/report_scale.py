#!/usr/bin/env python3
"""`postcheck report` over a large content repository: 50,000 generated posts (Benchmarks/generate-corpus.py, seed 1)
in 100 team folders, each with front matter (author among 400, a date over two years, a kind), as JSON and as the
HTML page; wall time and peak memory (GNU time's maximum resident set size).
Usage: python3 Benchmarks/report_scale.py [path of a release postcheck] [--posts N]"""
import os, pathlib, random, re, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parents[1]
arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
POSTCHECK = str(pathlib.Path(arguments[0]).resolve()) if arguments else str(ROOT / ".build/release/postcheck")
POSTS = int(sys.argv[sys.argv.index("--posts") + 1]) if "--posts" in sys.argv else 50_000


def measure(command, cwd):
    started = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    return seconds, peak // 1024, run


with tempfile.TemporaryDirectory() as work:
    corpus = pathlib.Path(work, "corpus")
    subprocess.run([sys.executable, str(ROOT / "Benchmarks/generate-corpus.py"), "--posts", str(POSTS), "--seed", "1",
                    "--out", str(corpus)], check=True)
    rng = random.Random(1)
    posts = sorted(corpus.glob("*.md"))
    repository = pathlib.Path(work, "repo")
    for index, post in enumerate(posts):
        team = repository / f"team-{index % 100:03d}"
        team.mkdir(parents=True, exist_ok=True)
        day = 1 + rng.randrange(730)
        date = f"{2025 + (day - 1) // 365}-{1 + ((day - 1) % 365) // 31:02d}-{1 + ((day - 1) % 365) % 28:02d}"
        front = f"---\nauthor: Writer {rng.randrange(400)}\ndate: {date}\nkind: {rng.choice(['news', 'insight', 'promo', 'job', 'behind-the-scenes'])}\n---\n"
        (team / post.name).write_text(front + post.read_text())
    (repository / ".postcheck.yml").write_text((ROOT / "Fixtures/.postcheck.yml").read_text().replace("./acme", str(ROOT / "Fixtures/acme")))
    size = sum(p.stat().st_size for p in repository.rglob("*.md")) / 1e6
    print(f"| drafts | size | output | seconds | peak memory |\n|---:|---:|---|---:|---:|")
    for label, command in [("JSON", [POSTCHECK, "report", ".", "--format", "json"]),
                           ("HTML page", [POSTCHECK, "report", ".", "--html", str(pathlib.Path(work, "report.html"))])]:
        seconds, peak, run = measure(command, repository)
        assert run.returncode == 0, run.stderr[-2000:]
        print(f"| {len(posts):,} | {size:.0f} MB | {label} | {seconds:.1f} | {peak} MB |")
