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


def existence_alternation(styles):
    """One alternation of every existence rule's tokens that grep -P accepts, word-bounded as Vale's template."""
    parts = []
    for package in PACKAGES:
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
            check = subprocess.run(["grep", "-P", "-o", piece], input=b"x", capture_output=True)
            if check.returncode != 2:
                parts.append(piece)
    return "|".join(parts), len(parts)


def cpu(args, cwd, runs=3):
    """Best CPU time (user + system) of `runs` runs on core 0, and the last run's peak memory in MB."""
    best, peak = None, 0
    for _ in range(runs):
        process = subprocess.Popen(["taskset", "-c", "0"] + args, cwd=cwd, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        seconds = usage.ru_utime + usage.ru_stime
        best = seconds if best is None else min(best, seconds)
        peak = usage.ru_maxrss / 1024
    return best, peak


def main():
    work = tempfile.mkdtemp(prefix="postcheck-real-")
    try:
        posts, size, single, few = make_corpus(work)
        styles = configure(work, [single, few])
        alternation, rules = existence_alternation(styles)
        print(f"# The real workload ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n")
        print(f"{len(posts)} posts, {size / 1e6:.1f} MB of SMS messages, YouTube comments and jokes; the seven Vale "
              f"packages ({', '.join(PACKAGES)}); CPU time on one core, best of three.\n")
        findings = subprocess.run([BIN, "--format", "json", "."], cwd=few, capture_output=True, text=True)
        import json
        count = sum(len(f["findings"]) for f in json.loads(findings.stdout)["files"])
        print(f"Findings: {count} ({count / len(posts):.1f} per post).\n")
        rows = []
        floor, _ = cpu(["grep", "-P", "-o", "-r", "--include=*.md", alternation, "."], few)
        for label, folder in (("7 files", few), (f"{len(posts)} files, one post each", single)):
            seconds, peak = cpu([BIN, "--format", "json", "."], folder)
            rows.append((label, seconds, peak))
        print("| layout | CPU s | MB/s | posts/s | × grep -P | peak memory |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, seconds, peak in rows:
            print(f"| {label} | {seconds:.3f} | {size / 1e6 / seconds:.1f} | {len(posts) / seconds:.0f} | "
                  f"{seconds / floor:.2f} | {peak:.0f} MB |")
        print(f"| grep -P -o, one alternation of {rules} existence rules' tokens, 7 files | {floor:.3f} | "
              f"{size / 1e6 / floor:.1f} | {len(posts) / floor:.0f} | 1.00 | |")
        print(f"\nOne post per file costs {rows[1][1] / rows[0][1]:.2f}× the same bytes in 7 files.")
    finally:
        shutil.rmtree(work)


main()
