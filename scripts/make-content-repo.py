#!/usr/bin/env python3
"""Generates a content repository like a communication team's: several authors writing posts in Dutch, English and
French over months, most drafts improving over a few commits (a placeholder filled in, a comparison with a competitor
taken out, an ad-like line toned down), some clean from their first commit, some never passing. The git history is
reproducible (fixed names, e-mail addresses and dates), so `postcheck report --history` on it has golden outputs.

Usage: scripts/make-content-repo.py OUT [--drafts N] [--seed S]
With the defaults (24 drafts) it is the test fixture; `--drafts 2000` gives about 5,000 commits for the benchmark."""
import os, random, subprocess, sys

AUTHORS = [("Anna Peeters", "anna@acme.example"), ("Bram De Smet", "bram@acme.example"),
           ("Chloé Dubois", "chloe@acme.example"), ("Dev Patel", "dev@acme.example")]
KINDS = ["news", "insight", "behind-the-scenes", "promo", "job"]
CLEAN = {
    "nl": ["Trots op ons team: vandaag openen we ons nieuwe kantoor in Gent. Welkom aan alle nieuwe collega's.",
           "Deze week spraken we met klanten over hun ervaringen. Wat we leerden, delen we graag in ons blog.",
           "We zoeken een nieuwe collega voor ons team in Antwerpen. Ken jij iemand? Laat het ons weten."],
    "en": ["Proud of our team: today we open our new office in Ghent. Welcome to all new colleagues.",
           "This week we talked to customers about their experience. We share what we learned on our blog.",
           "We are looking for a new colleague for our team in Antwerp. Do you know someone? Let us know."],
    "fr": ["Fiers de notre équipe : nous ouvrons aujourd'hui notre nouveau bureau à Gand. Bienvenue à nos nouveaux collègues.",
           "Cette semaine, nous avons parlé avec des clients de leur expérience. Nous partageons ce que nous avons appris sur notre blog.",
           "Nous cherchons un nouveau collègue pour notre équipe à Anvers. Vous connaissez quelqu'un ? Dites-le-nous."],
}
# What a first draft often still has, and what the writer later takes out.
FLAWS = {
    "nl": [" TODO: foto toevoegen.", " Veel beter dan Globex, trouwens.", " Bestel vandaag nog met 50% korting!!!"],
    "en": [" TODO: add the photo.", " Much faster than Globex, by the way.", " Buy now with 50% off!!!"],
    "fr": [" TODO : ajouter la photo.", " Bien plus rapide que Globex, d'ailleurs.", " Commandez maintenant avec 50 % de remise !!!"],
}
CONFIGURATION = """# The example company of the generated content repository (scripts/make-content-repo.py).
packs: [postcheck]
names:
  competitors: [Globex]
  brands: [Acme Cloud]
policy:
  competitors: neutral-only
"""


def git(out, *arguments, author=None, day=None):
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_SYSTEM="/dev/null")
    if author:
        env.update(GIT_AUTHOR_NAME=author[0], GIT_AUTHOR_EMAIL=author[1], GIT_COMMITTER_NAME=author[0],
                   GIT_COMMITTER_EMAIL=author[1])
    if day:
        env.update(GIT_AUTHOR_DATE=f"{day}T10:00:00+01:00", GIT_COMMITTER_DATE=f"{day}T10:00:00+01:00")
    subprocess.run(["git", "-C", out] + list(arguments), check=True, env=env, stdout=subprocess.DEVNULL)


def main():
    out = sys.argv[1]
    drafts = int(sys.argv[sys.argv.index("--drafts") + 1]) if "--drafts" in sys.argv else 24
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    random.seed(seed)
    os.makedirs(os.path.join(out, "posts"), exist_ok=True)
    git(out, "init", "-q", "-b", "main")
    with open(os.path.join(out, ".postcheck.yml"), "w") as f:
        f.write(CONFIGURATION)
    git(out, "add", ".postcheck.yml")
    git(out, "commit", "-q", "-m", "Guidelines", author=AUTHORS[0], day="2026-01-01")
    # Each draft's versions: the flaws still in it, commit by commit, dated a few days apart.
    events = []
    for index in range(drafts):
        language = ["nl", "en", "fr"][index % 3]
        author = AUTHORS[(index * 7 + index // 3) % len(AUTHORS)]
        text = CLEAN[language][index % len(CLEAN[language])]
        journey = random.choice(["clean", "one-fix", "two-fixes", "two-fixes", "never"])
        flaws = {"clean": 0, "one-fix": 1, "two-fixes": 2, "never": 1}[journey]
        chosen = random.sample(FLAWS[language], flaws)
        if journey == "never":
            bodies = [text + chosen[0], text + chosen[0] + " #team"]
        else:
            bodies = [text + "".join(chosen[:kept]) for kept in range(flaws, -1, -1)]
        month = 1 + index * 6 // max(1, drafts)
        day = 1 + (index * 5) % 24
        kind = KINDS[index % len(KINDS)]
        for round_, body in enumerate(bodies):
            events.append((f"2026-{month:02d}-{min(28, day + 2 * round_):02d}", index, round_, author, language, kind, body))
    events.sort(key=lambda event: (event[0], event[1], event[2]))
    for date, index, round_, author, language, kind, body in events:
        name = f"posts/{date[:7]}-{index:04d}-{language}.md"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(f"---\nkind: {kind}\n---\n{body}\n")
        git(out, "add", name)
        git(out, "commit", "-q", "-m", f"{'Add' if round_ == 0 else 'Edit'} {name}", author=author, day=date)


main()
