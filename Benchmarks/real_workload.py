#!/usr/bin/env python3
"""The real workload: one post per file, real-world texts, the seven Vale packages as their authors wrote them.

Run from the repository root:
  python3 Benchmarks/real_workload.py [--megabytes N] [--floor-megabytes N] [--skip-build] [--instructions]

Posts are made of real short texts from openly licensed sets in ../shared/eval: SMS messages (SMS Spam Collection,
CC BY 4.0), YouTube comments (YouTube Spam Collection, CC BY 4.0) and jokes and headlines (ColBERT, MIT), three to
eight of them per post (about 600 bytes, like a LinkedIn post), seeded. The same posts are written twice: as one post
per file, and as 7 files with the posts as paragraphs. A larger corpus (20 MB in 67 files by default) compares
postcheck with the four older packages to the floor: `grep -P -o` running the packages' existence tokens merged into
alternations over the same bytes. Every figure is CPU time (user + system, `wait4`) of one process pinned to one core
(`taskset -c 0`), the best of three runs (one for grep on the large corpus), with the output written to a file:
GNU grep stops at the first match when its output is /dev/null, which once made the floor look 100 times lower than
it is. Start-up is the wall time of one post on standard input, the median of 20 runs, with Vale beside it when a
`vale` is on PATH. With --instructions, the two layouts are also counted in instructions under valgrind's callgrind
(about four minutes), which the machine's load does not change. Prints a Markdown report (BENCHMARKS.md, "The real
workload")."""
import csv, os, random, shutil, subprocess, sys, tempfile, time
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIN = os.path.join(ROOT, ".build/release/postcheck")
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
PACKAGES = ["Google", "IBM", "Microsoft", "Joblint", "alex", "proselint", "write-good"]
megabytes = float(sys.argv[sys.argv.index("--megabytes") + 1]) if "--megabytes" in sys.argv else 2.0
floor_megabytes = float(sys.argv[sys.argv.index("--floor-megabytes") + 1]) if "--floor-megabytes" in sys.argv else 20.0
FOUR = ["Joblint", "alex", "proselint", "write-good"]
if "--skip-build" not in sys.argv:
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "postcheck"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
if not os.path.isdir(os.path.join(SHARED, "vale-packages")) or not os.path.isdir(os.path.join(SHARED, "eval")):
    sys.exit("needs ../shared/vale-packages and ../shared/eval next to the repository")


def real_texts():
    texts = []
    with open(os.path.join(SHARED, "eval/spam/sms-spam-dev.tsv"), encoding="utf-8") as f:
        texts += [line.split("\t", 1)[1].strip() for line in f if "\t" in line]
    for name in sorted(os.listdir(os.path.join(SHARED, "eval/spam"))):
        if name.endswith(".csv"):
            with open(os.path.join(SHARED, "eval/spam", name), encoding="utf-8", errors="replace") as f:
                texts += [row["CONTENT"].strip() for row in csv.DictReader(f) if row.get("CONTENT")]
    with open(os.path.join(SHARED, "eval/humour/colbert-dev.csv"), encoding="utf-8") as f:
        texts += [row["text"].strip() for row in csv.DictReader(f)]
    return [t for t in texts if t and "\x00" not in t]


def make_posts(size_megabytes, seed=7):
    random.seed(seed)
    texts = real_texts()
    posts, size = [], 0
    while size < size_megabytes * 1e6:
        post = " ".join(random.choice(texts) for _ in range(random.randint(3, 8))) + "\n"
        posts.append(post)
        size += len(post.encode())
    return posts, size


def write_parts(posts, folder, parts):
    os.makedirs(folder)
    per_file = (len(posts) + parts - 1) // parts
    for part in range(parts):
        with open(os.path.join(folder, f"part-{part:02d}.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(posts[part * per_file:(part + 1) * per_file]))


def make_corpus(work):
    posts, size = make_posts(megabytes)
    single = os.path.join(work, "one-post-per-file")
    few = os.path.join(work, "seven-files")
    os.makedirs(single)
    for index, post in enumerate(posts):
        with open(os.path.join(single, f"post-{index:05d}.md"), "w", encoding="utf-8") as f:
            f.write(post)
    write_parts(posts, few, 7)
    return posts, size, single, few


def configure(work, folders):
    styles = os.path.join(work, "styles")
    os.makedirs(styles)
    for package in PACKAGES:
        os.symlink(os.path.join(SHARED, "vale-packages", package, package), os.path.join(styles, package))
    ini = f"StylesPath = {styles}\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = {', '.join(PACKAGES)}\n"
    for folder in folders:
        with open(os.path.join(folder, ".vale.ini"), "w") as f:
            f.write(ini)
    return styles


def existence_alternations(styles, packages):
    """Every existence rule's tokens (word-bounded as Vale's template) as alternations grep -P accepts: one, or, when
    PCRE2 finds the merged one too large to compile (it does for these packages), the fewest parts that compile."""
    parts = []
    for package in packages:
        folder = os.path.join(styles, package)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".yml"):
                continue
            try:
                rule = yaml.safe_load(open(os.path.join(folder, name), encoding="utf-8"))
            except yaml.YAMLError:
                continue
            if not isinstance(rule, dict) or rule.get("extends") != "existence":
                continue
            tokens = [str(t) for t in rule.get("tokens") or []]
            if not tokens:
                continue
            body = "|".join(tokens)
            piece = f"(?:{body})" if rule.get("nonword") else rf"\b(?:{body})\b"
            if rule.get("ignorecase"):
                piece = f"(?i:{piece})"
            if compiles(piece):
                parts.append(piece)
    groups = [parts]
    while not all(compiles("|".join(group)) for group in groups):
        groups = [half for group in groups for half in (group[:len(group) // 2], group[len(group) // 2:]) if half]
    return ["|".join(group) for group in groups], len(parts)


def compiles(pattern):
    return subprocess.run(["grep", "-P", "-o", pattern], input=b"x", capture_output=True).returncode != 2


def cpu(args, cwd, runs=3, cores="0"):
    """Best CPU time (user + system) of `runs` runs on `cores`, the wall time of that run, and the peak memory in MB
    of the last run, as /usr/bin/time reports it. The output goes to a file (see the module's note on grep)."""
    best, wall, peak = None, None, 0
    memory = os.path.join(cwd, "..", "peak-memory.txt")
    output = os.path.join(cwd, "..", "output.txt")
    for _ in range(runs):
        with open(output, "wb") as sink:
            started = time.perf_counter()
            process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", memory, "taskset", "-c", cores] + args,
                                       cwd=cwd, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"{args[0]} failed in {cwd}: exit {os.waitstatus_to_exitcode(status)}")
        seconds = usage.ru_utime + usage.ru_stime
        if best is None or seconds < best:
            best, wall = seconds, elapsed
        with open(memory) as f:
            peak = int(f.read().split()[-1]) / 1024
    os.remove(output)
    return best, wall, peak


def instructions(folder, work):
    """Instructions executed by a check of `folder` (all threads), counted by callgrind. valgrind cannot read the
    release binary's DWARF, so it runs a copy without debug information."""
    binary = os.path.join(work, "postcheck-no-debug-info")
    if not os.path.exists(binary):
        subprocess.run(["objcopy", "--strip-debug", BIN, binary], check=True)
    log = os.path.join(work, "callgrind.log")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={os.path.join(work, 'callgrind.out')}",
                    f"--log-file={log}", binary, "--format", "json", "."], cwd=folder, stdout=subprocess.DEVNULL)
    with open(log) as f:
        return int(next(line for line in f if "Collected" in line).split()[-1])


def startup(args, cwd, stdin_bytes, runs=20):
    """Median wall time in ms of `runs` runs reading `stdin_bytes`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, cwd=cwd, input=stdin_bytes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[len(times) // 2]


def vale_ini(folder, styles, packages):
    with open(os.path.join(folder, ".vale.ini"), "w") as f:
        f.write(f"StylesPath = {styles}\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = {', '.join(packages)}\n")


def grep_floor(styles, packages, folder, runs):
    patterns, rules = existence_alternations(styles, packages)
    total = 0.0
    for pattern in patterns:
        seconds, _, _ = cpu(["grep", "-P", "-o", "-r", "--include=*.md", pattern, "."], folder, runs=runs)
        total += seconds
    return total, rules, len(patterns)


def main():
    work = tempfile.mkdtemp(prefix="postcheck-real-")
    try:
        posts, size, single, few = make_corpus(work)
        styles = configure(work, [single, few])
        print(f"# The real workload ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n")
        print(f"{len(posts)} posts, {size / 1e6:.1f} MB of SMS messages, YouTube comments and jokes; CPU time on one "
              f"core, best of three; output to a file.\n")
        import json

        def findings(folder):
            out = subprocess.run([BIN, "--format", "json", "."], cwd=folder, capture_output=True, text=True).stdout
            return sum(len(f["findings"]) for f in json.loads(out)["files"])

        print("| run | CPU s | MB/s | posts/s | findings | peak memory |")
        print("|---|---:|---:|---:|---:|---:|")
        layouts = []
        for label, folder in (("seven packages, 7 files", few),
                              (f"seven packages, {len(posts)} files (one post each)", single)):
            seconds, _, peak = cpu([BIN, "--format", "json", "."], folder)
            layouts.append(seconds)
            print(f"| {label} | {seconds:.3f} | {size / 1e6 / seconds:.1f} | {len(posts) / seconds:.0f} | "
                  f"{findings(folder)} | {peak:.0f} MB |")
        print(f"\nOne post per file costs **{layouts[1] / layouts[0]:.2f}×** the same bytes in 7 files.\n")
        if "--instructions" in sys.argv:
            counts = [instructions(folder, work) for folder in (few, single)]
            print(f"In instructions (callgrind): {counts[0] / 1e9:.2f} G in 7 files, {counts[1] / 1e9:.2f} G one post per "
                  f"file: **{counts[1] / counts[0]:.2f}×**.\n")

        # The floor: the four older packages on the large corpus, against grep -P -o.
        large_posts, large_size = make_posts(floor_megabytes, seed=8)
        large = os.path.join(work, "large")
        write_parts(large_posts, large, 67)
        vale_ini(large, styles, FOUR)
        print(f"{len(large_posts)} posts, {large_size / 1e6:.1f} MB in 67 files, the four packages (Joblint, alex, "
              f"proselint, write-good):\n")
        print("| run | CPU s | wall s | MB/s | × grep -P (CPU) | peak memory |")
        print("|---|---:|---:|---:|---:|---:|")
        one, one_wall, one_peak = cpu([BIN, "--format", "json", "."], large)
        two, two_wall, two_peak = cpu([BIN, "--format", "json", "."], large, cores="0,1")
        floor, rules, parts = grep_floor(styles, FOUR, large, runs=1)
        report_size = len(subprocess.run([BIN, "--format", "json", "."], cwd=large, capture_output=True).stdout)
        print(f"| postcheck, JSON report ({report_size / 1e6:.0f} MB), 1 core | {one:.2f} | {one_wall:.2f} | "
              f"{large_size / 1e6 / one:.1f} | {one / floor:.2f} | {one_peak:.0f} MB |")
        print(f"| postcheck, JSON report, 2 cores | {two:.2f} | {two_wall:.2f} | {large_size / 1e6 / two_wall:.1f} "
              f"(wall) | {two / floor:.2f} | {two_peak:.0f} MB |")
        print(f"| grep -P -o: the existence tokens of {rules} rules in {parts} alternation{'s' if parts > 1 else ''} "
              f"(PCRE2 refuses one larger), one run | {floor:.2f} | | {large_size / 1e6 / floor:.2f} | 1.00 | |")
        print(f"\n2 cores against 1 (wall time): **{one_wall / two_wall:.2f}×**.\n")

        # Start-up: one post on standard input.
        # A post of about 900 bytes, as in the measurement: the first of the corpus that long.
        post = next(p for p in large_posts if 850 <= len(p.encode()) <= 950).encode()
        fixtures = os.path.join(ROOT, "Fixtures")
        vale = shutil.which("vale")
        print(f"One post ({len(post)} bytes) on standard input, wall time, median of 20 runs:\n")
        print("| configuration | postcheck ms | Vale ms | Vale ÷ postcheck |")
        print("|---|---:|---:|---:|")
        for label, folder, packages in (("bundled pack + sample company (Fixtures/.postcheck.yml)", fixtures, None),
                                        ("the seven Vale packages", few, PACKAGES),
                                        ("the four older Vale packages", large, FOUR)):
            ours = startup([BIN, "--format", "json", "-"], folder, post)
            if vale and packages:
                theirs = startup([vale, "--output", "JSON", "--ext", ".md"], folder, post)
                print(f"| {label} | {ours:.1f} | {theirs:.1f} | {theirs / ours:.1f} |")
            else:
                print(f"| {label} | {ours:.1f} | {'not installed' if packages else 'n/a'} | |")
    finally:
        shutil.rmtree(work)


main()
