#!/usr/bin/env python3
"""The real workload: one post per file, real-world texts, the seven Vale packages as their authors wrote them.

Run from the repository root:  python3 Benchmarks/real_workload.py [--megabytes N] [--skip-build]

Posts are made of real short texts from openly licensed sets in ../shared/eval: SMS messages (SMS Spam Collection,
CC BY 4.0), YouTube comments (YouTube Spam Collection, CC BY 4.0) and jokes and headlines (ColBERT, MIT), three to
eight of them per post (about 600 bytes, like a LinkedIn post), seeded. The same posts are written twice: as one post
per file, and as 7 files with the posts as paragraphs. Every figure is CPU time (user + system, `wait4`) of one
process pinned to one core (`taskset -c 0`), the best of three runs, with the report written to /dev/null; the floor
is `grep -P -o` running one merged alternation of the packages' existence tokens over the same bytes. Prints a
Markdown report (BENCHMARKS.md, "The real workload")."""
import csv, os, random, shutil, subprocess, sys, tempfile, time
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIN = os.path.join(ROOT, ".build/release/postcheck")
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
PACKAGES = ["Google", "IBM", "Microsoft", "Joblint", "alex", "proselint", "write-good"]
megabytes = float(sys.argv[sys.argv.index("--megabytes") + 1]) if "--megabytes" in sys.argv else 2.0
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


def make_corpus(work):
    random.seed(7)
    texts = real_texts()
    posts, size = [], 0
    while size < megabytes * 1e6:
        post = " ".join(random.choice(texts) for _ in range(random.randint(3, 8))) + "\n"
        posts.append(post)
        size += len(post.encode())
    single = os.path.join(work, "one-post-per-file")
    few = os.path.join(work, "seven-files")
    for folder in (single, few):
        os.makedirs(folder)
    for index, post in enumerate(posts):
        with open(os.path.join(single, f"post-{index:05d}.md"), "w", encoding="utf-8") as f:
            f.write(post)
    per_file = (len(posts) + 6) // 7
    for part in range(7):
        with open(os.path.join(few, f"part-{part}.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(posts[part * per_file:(part + 1) * per_file]))
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


def cpu(args, cwd, runs=3):
    """Best CPU time (user + system) of `runs` runs on core 0, and the peak memory in MB of the last run, as
    /usr/bin/time reports it (the rusage of a forked child also counts the parent's memory before the exec)."""
    best, peak = None, 0
    memory = os.path.join(cwd, "..", "peak-memory.txt")
    for _ in range(runs):
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", memory, "taskset", "-c", "0"] + args, cwd=cwd,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        seconds = usage.ru_utime + usage.ru_stime
        best = seconds if best is None else min(best, seconds)
        with open(memory) as f:
            peak = int(f.read().split()[-1]) / 1024
    return best, peak


def main():
    work = tempfile.mkdtemp(prefix="postcheck-real-")
    try:
        posts, size, single, few = make_corpus(work)
        styles = configure(work, [single, few])
        four = os.path.join(work, "four-packages")
        os.makedirs(four)
        for name in os.listdir(few):
            if name.endswith(".md"):
                shutil.copy(os.path.join(few, name), four)
        FOUR = ["Joblint", "alex", "proselint", "write-good"]
        with open(os.path.join(four, ".vale.ini"), "w") as f:
            f.write(f"StylesPath = {styles}\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = {', '.join(FOUR)}\n")
        print(f"# The real workload ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n")
        print(f"{len(posts)} posts, {size / 1e6:.1f} MB of SMS messages, YouTube comments and jokes; CPU time on one "
              f"core, best of three; JSON report to /dev/null.\n")
        import json
        def findings(folder):
            out = subprocess.run([BIN, "--format", "json", "."], cwd=folder, capture_output=True, text=True).stdout
            return sum(len(f["findings"]) for f in json.loads(out)["files"])
        def floor(packages):
            patterns, rules = existence_alternations(styles, packages)
            total = 0.0
            for pattern in patterns:
                seconds, _ = cpu(["grep", "-P", "-o", "-r", "--include=*.md", pattern, "."], few)
                total += seconds
            return total, rules, len(patterns)
        rows = []
        for label, folder, packages in (
                ("seven packages, 7 files", few, PACKAGES),
                (f"seven packages, {len(posts)} files (one post each)", single, PACKAGES),
                ("four packages (Joblint, alex, proselint, write-good), 7 files", four, FOUR)):
            seconds, peak = cpu([BIN, "--format", "json", "."], folder)
            rows.append((label, seconds, peak, findings(folder), packages))
        print("| run | CPU s | MB/s | posts/s | findings | × grep -P | peak memory |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        floors = {}
        for label, seconds, peak, count, packages in rows:
            key = tuple(packages)
            if key not in floors:
                floors[key] = floor(packages)
            grep_seconds = floors[key][0]
            print(f"| {label} | {seconds:.3f} | {size / 1e6 / seconds:.1f} | {len(posts) / seconds:.0f} | {count} | "
                  f"{seconds / grep_seconds:.1f} | {peak:.0f} MB |")
        for packages, (seconds, rules, parts) in floors.items():
            print(f"| grep -P -o over the 7 files: the existence tokens of {rules} rules of the {len(packages)} packages, "
                  f"in {parts} alternation{'s' if parts > 1 else ''} (PCRE2 refuses a larger one) | {seconds:.3f} | "
                  f"{size / 1e6 / seconds:.1f} | {len(posts) / seconds:.0f} | | 1.0 | |")
        print(f"\nOne post per file costs {rows[1][1] / rows[0][1]:.2f}× the same bytes in 7 files.")
    finally:
        shutil.rmtree(work)


main()
