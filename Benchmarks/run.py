#!/usr/bin/env python3
"""postcheck's benchmark: throughput, start-up latency, memory and scaling, with grep -P as a floor.
Run from the repository root:  python3 Benchmarks/run.py [--quick]
It first builds the release binary the way a release is built (`swift build -c release --static-swift-stdlib`: the
Swift runtime linked in, which saves ~5 ms of dynamic linking at every start). Needs ../shared/vale-packages for the
Vale-package figures. Prints a Markdown report (see BENCHMARKS.md)."""
import os, re, shutil, statistics, subprocess, sys, tempfile, time, glob
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIN = os.path.join(ROOT, ".build/release/postcheck")
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
QUICK = "--quick" in sys.argv
subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "postcheck"], cwd=ROOT, check=True,
               stdout=subprocess.DEVNULL)
work = tempfile.mkdtemp(prefix="postcheck-bench-")

def corpus(posts, name, seed=1, single=True):
    out = os.path.join(work, name)
    args = [sys.executable, os.path.join(ROOT, "Benchmarks/generate-corpus.py"), "--posts", str(posts), "--seed", str(seed), "--out", out]
    if single: args += ["--single", "corpus.md"]
    subprocess.run(args, check=True)
    return os.path.join(out, "corpus.md") if single else out

def timed(args, cwd, cpus=None):
    """Wall time (perf_counter, microseconds apart) and peak resident memory (KiB) of one run, output to /dev/null."""
    if cpus: args = ["taskset", "-c", cpus] + args
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait4 gives this child's own resource use (taskset execs postcheck in the same process).
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss

def best(args, cwd, runs=3, cpus=None):
    results = [timed(args, cwd, cpus) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)

def mb(path): return os.path.getsize(path) / 1e6

rows = []
def row(*cells): rows.append("| " + " | ".join(str(c) for c in cells) + " |")

# Configurations: the bundled pack (drafts in the temporary folder find no configuration, so the default one
# applies; start-up runs in Fixtures and uses the sample company there), and the four Vale packages together.
vale_dir = os.path.join(work, "vale")
os.makedirs(vale_dir)
packages = ["alex", "Joblint", "proselint", "write-good"]
with open(os.path.join(vale_dir, ".vale.ini"), "w") as ini:
    for p in packages: ini.write(f"StylesPath = {SHARED}/vale-packages/{p}\n")
    ini.write("MinAlertLevel = suggestion\n[*]\nBasedOnStyles = " + ", ".join(packages) + "\n")

size = 300 if QUICK else 3000
big = corpus(size, "one")
shutil.copy(big, os.path.join(vale_dir, "corpus.md"))
fixtures = os.path.join(ROOT, "Fixtures")
print(f"# postcheck benchmark ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n")
print(f"Corpus: {size} generated posts in one {mb(big):.1f} MB file (seed 1).\n")

print("## Throughput, one core\n\n| rules | seconds | MB/s | peak memory |\n|---|---:|---:|---:|")
seconds, kib = best([BIN, "--format", "json", "--quiet", big], fixtures, cpus="0")
print(f"| bundled pack (default configuration) | {seconds:.3f} | {mb(big)/seconds:.1f} | {kib//1024} MB |")
seconds, kib = best([BIN, "--format", "json", "--quiet", "corpus.md"], vale_dir, cpus="0")
vale_speed = mb(big) / seconds
print(f"| the four Vale packages (alex, Joblint, proselint, write-good) | {seconds:.3f} | {vale_speed:.1f} | {kib//1024} MB |")
# grep -P floor: each of the four packages' existence and substitution rules as one grep -P -i -o run on the
# same file (grep's PCRE refuses all 5,000 tokens in one pattern), times added up.
grep_seconds = 0.0
grep_matches = 0
rule_count = 0
for p in packages:
    for path in sorted(glob.glob(f"{SHARED}/vale-packages/{p}/{p}/*.yml")):
        rule = yaml.safe_load(open(path))
        if rule.get("extends") == "existence":
            tokens = [str(t) for t in rule.get("tokens", [])]
            pattern = (r"\b(?:" + "|".join(tokens) + r")\b") if tokens and not rule.get("nonword") else "".join(str(r) for r in rule.get("raw", [])) or "|".join(tokens)
        elif rule.get("extends") == "substitution":
            pattern = r"\b(?:" + "|".join(str(k) for k in rule.get("swap", {})) + r")\b"
        else:
            continue
        with open(os.path.join(work, "pattern.txt"), "w") as handle: handle.write(pattern)
        start = time.time()
        grep = subprocess.run(["taskset", "-c", "0", "grep", "-P", "-o", "-f", os.path.join(work, "pattern.txt")] + (["-i"] if rule.get("ignorecase") else []) + [big], capture_output=True)
        grep_seconds += time.time() - start
        grep_matches += len(grep.stdout.splitlines())
        rule_count += 1
print(f"| grep -P -o, the same {rule_count} rules' patterns one after another (floor; {grep_matches} matches) | {grep_seconds:.3f} | {mb(big)/grep_seconds:.1f} | |")
if not QUICK:
    # Ten times the text: loading the rules and building the shared scan (a fixed cost) weigh less.
    large = corpus(30000, "vale-large", seed=1)
    shutil.copy(large, os.path.join(vale_dir, "large.md"))
    seconds, kib = best([BIN, "--format", "json", "--quiet", "large.md"], vale_dir, runs=1, cpus="0")
    print(f"| the four Vale packages, {mb(large):.0f} MB | {seconds:.3f} | {mb(large)/seconds:.1f} | {kib//1024} MB |")
    os.remove(large)
    os.remove(os.path.join(vale_dir, "large.md"))

print(f"\npostcheck on the Vale packages runs at {vale_speed / (mb(big)/grep_seconds):.2f}× the speed of grep -P (1.0 = as fast).\n")

# Where the time goes (`--timings`), for the Vale packages on the same file.
start = time.perf_counter()
timing = subprocess.run(["taskset", "-c", "0", BIN, "--timings", "--format", "json", "--quiet", "corpus.md"], cwd=vale_dir,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).stderr.decode()
wall = (time.perf_counter() - start) * 1000
# The phases, the shared scan and the slowest rules; then the other rules together, and what is left of the run.
parts = [(float(m.group(1)), m.group(2)) for m in re.finditer(r"^postcheck:\s+([0-9.]+) ms  (.+)$", timing, re.M)]
print(f"Where the time goes on the Vale packages (`--timings`, one run of {wall:.0f} ms):\n\n| part | ms |\n|---|---:|")
for milliseconds, name in parts[:9]:
    print(f"| {name} | {milliseconds:.1f} |")
others = parts[9:]
other_count = sum(int(m.group(1)) if (m := re.match(r"\(the other (\d+) rules\)", name)) else 1 for _, name in others)
print(f"| the other {other_count} rules | {sum(m for m, _ in others):.1f} |")
print(f"| starting, reading the file, exiting | {max(0.0, wall - sum(m for m, _ in parts)):.0f} |\n")

print("## Scaling with input size (bundled pack, one core)\n\n| posts | MB | seconds | MB/s |\n|---:|---:|---:|---:|")
for factor in ([1, 10] if QUICK else [1, 10, 100]):
    # The same seed at every size: a single file gets one language (detected from its start), so the files must
    # start alike for the sizes to be compared.
    path = corpus(30 * factor * (1 if QUICK else 10), f"scale{factor}", seed=1)
    seconds, _ = best([BIN, "--format", "json", "--quiet", path], fixtures, runs=1, cpus="0")
    print(f"| {30 * factor * (1 if QUICK else 10)} | {mb(path):.1f} | {seconds:.3f} | {mb(path)/seconds:.1f} |")

print("\n## Scaling with the number of rules (term-list rules of 20 terms, one core)\n\n| rules | seconds | MB/s |\n|---:|---:|---:|")
import random
rng = random.Random(7)
words = open(os.path.join(ROOT, "Rules/postcheck/data/tone-en.tsv"), encoding="utf-8").read().split("\n")[1:]
words = [w.split("\t")[0] for w in words if w and w.split("\t")[0].isalpha()]
for count in ([10, 100] if QUICK else [10, 100, 1000]):
    folder = os.path.join(work, f"rules{count}")
    os.makedirs(os.path.join(folder, "bench"))
    for index in range(count):
        with open(os.path.join(folder, "bench", f"R{index}.yml"), "w") as handle:
            handle.write("extends: existence\nmessage: x\nignorecase: true\ntokens:\n" + "".join(f"  - {w}\n" for w in rng.sample(words, 20)))
    with open(os.path.join(folder, ".postcheck.yml"), "w") as handle: handle.write("packs: [./bench]\n")
    shutil.copy(big, os.path.join(folder, "corpus.md"))
    seconds, _ = best([BIN, "--format", "json", "--quiet", "corpus.md"], folder, runs=1, cpus="0")
    print(f"| {count} | {seconds:.3f} | {mb(big)/seconds:.1f} |")

print("\n## Many files, one core and all cores\n")
files = corpus(200 if QUICK else 2000, "files", seed=5, single=False)
count = len(os.listdir(files))
total_mb = sum(os.path.getsize(os.path.join(files, name)) for name in os.listdir(files)) / 1e6
# The same posts under the Vale packages' .vale.ini, so that it applies to them.
shutil.copytree(files, os.path.join(vale_dir, "posts"))
print(f"{count} posts, {total_mb:.1f} MB, one file each.\n")
print("| rules | cores | seconds | posts/s | MB/s |\n|---|---:|---:|---:|---:|")
speedups = []
for name, folder, cwd in [("bundled pack", files, fixtures), ("the four Vale packages", "posts", vale_dir)]:
    one, _ = best([BIN, "--format", "json", "--quiet", folder], cwd, runs=3, cpus="0")
    every, _ = best([BIN, "--format", "json", "--quiet", folder], cwd, runs=3)
    print(f"| {name} | 1 | {one:.3f} | {count/one:.0f} | {total_mb/one:.1f} |")
    print(f"| {name} | {os.cpu_count()} | {every:.3f} | {count/every:.0f} | {total_mb/every:.1f} |")
    speedups.append(f"{name} {one/every:.2f}×")
print(f"\nSpeed-up on {os.cpu_count()} cores: {', '.join(speedups)}.\n")

print("## Start-up: a 1 KB draft through standard input (bundled pack + sample company, Fixtures/.postcheck.yml)\n")
draft = ("Trots op ons team! Vandaag lanceren we onze nieuwe app voor klanten in Gent en Antwerpen. " * 12)[:1000].encode()
times = []
for _ in range(30):
    start = time.perf_counter()
    subprocess.run([BIN, "--format", "json", "--stdin-filename", "post.md", "-"], cwd=fixtures, input=draft, capture_output=True)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms over 30 runs.")

if not QUICK or "--scale" in sys.argv:
    # Robustness at scale (too slow for the test suite): a 100 MB file and 100,000 tiny files, all cores.
    print("\n## At scale (bundled pack, all cores)\n\n| input | seconds | peak memory |\n|---|---:|---:|")
    huge = corpus(60000, "huge", seed=9)
    seconds, kib = best([BIN, "--format", "json", "--quiet", huge], fixtures, runs=1)
    print(f"| one {mb(huge):.0f} MB file | {seconds:.1f} | {kib // 1024} MB |")
    os.remove(huge)
    tiny = os.path.join(work, "tiny")
    os.makedirs(tiny)
    for index in range(100_000):
        folder = os.path.join(tiny, f"{index // 1000:03d}")
        if index % 1000 == 0: os.makedirs(folder)
        with open(os.path.join(folder, f"{index:06d}.md"), "w") as handle: handle.write(f"Post {index}: proud of the team! #team\n")
    seconds, kib = best([BIN, "--format", "line", "--quiet", tiny], fixtures, runs=1)
    print(f"| 100,000 tiny files in 100 folders | {seconds:.1f} | {kib // 1024} MB |")
shutil.rmtree(work)
