#!/usr/bin/env python3
"""Generates a seeded corpus of realistic multilingual social posts (nl, en, fr): hashtags, mentions, links, emoji
(with skin tones and ZWJ sequences), accents in NFC and NFD, 300–3,000 characters each.
    python3 Benchmarks/generate-corpus.py --posts 1000 --seed 1 --out /tmp/corpus [--single corpus.md]
Writes one .md file per post into --out, or everything into one file with --single."""
import argparse, os, random, unicodedata

SENTENCES = {
    "nl": ["Trots op ons team dat vandaag de nieuwe versie lanceert.", "We zoeken een collega voor ons kantoor in Gent.",
           "Wat een mooie dag op de beurs in Utrecht, bedankt aan iedereen!", "Ons project kreeg een subsidie van de Vlaamse overheid.",
           "Klantentevredenheid blijft voor ons de belangrijkste maatstaf.", "Hoe houden jullie het hoofd koel tijdens drukke periodes?",
           "Het nieuwe seizoen van onze podcast staat online.", "Samen met onze partners bouwen we aan een groenere haven.",
           "Dit rapport laat zien hoe de markt in België verandert.", "Bestel nu en krijg 20% korting op je eerste maand!"],
    "en": ["Proud of our team launching the new release today.", "We are looking for a colleague for our office in Leeds.",
           "What a great day at the fair, thanks to everyone who came by!", "Our project received a grant from the government.",
           "Customer satisfaction remains our most important measure.", "How do you keep a cool head during busy periods?",
           "The new season of our podcast is online.", "Together with our partners we are building a greener port.",
           "This report shows how the market in the UK is changing.", "Buy now and get 20% off your first month!"],
    "fr": ["Fiers de notre équipe qui lance la nouvelle version aujourd'hui.", "Nous cherchons un collègue pour notre bureau de Liège.",
           "Quelle belle journée au salon, merci à tous ceux qui sont passés !", "Notre projet a reçu une subvention de la Région wallonne.",
           "La satisfaction des clients reste notre critère le plus important.", "Comment gardez-vous la tête froide pendant les périodes chargées ?",
           "La nouvelle saison de notre podcast est en ligne.", "Avec nos partenaires, nous construisons un port plus vert.",
           "Ce rapport montre comment le marché évolue en Belgique.", "Commandez maintenant et profitez de 20 % de remise !"],
}
EMOJI = ["🎉", "👍🏽", "👩🏽‍💻", "🇧🇪", "🚀", "😂", "❤️", "👨‍👩‍👧", "☕", "🙌🏻"]
TAGS = ["#innovation", "#team", "#data", "#cloud", "#careers", "#gent", "#ai", "#duurzaamheid", "#emploi", "#startup"]

def post(rng):
    language = rng.choice(["nl", "en", "fr"])
    target = rng.randint(300, 3000)
    parts = []
    while sum(len(p) + 1 for p in parts) < target:
        roll = rng.random()
        if roll < 0.70: parts.append(rng.choice(SENTENCES[language]))
        elif roll < 0.80: parts.append(rng.choice(EMOJI))
        elif roll < 0.88: parts.append(rng.choice(TAGS))
        elif roll < 0.93: parts.append("@" + rng.choice(["acme", "jan.peeters", "marie_d", "globex"]))
        elif roll < 0.97: parts.append("https://example.com/" + str(rng.randint(1, 99999)))
        else: parts.append("\n\n")
    text = " ".join(parts)[:target]
    if rng.random() < 0.2:
        text = unicodedata.normalize("NFD", text)
    return f"---\nlang: {language}\nplatform: linkedin\n---\n{text}\n"

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--single")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.single:
        with open(os.path.join(args.out, args.single), "w", encoding="utf-8") as handle:
            for _ in range(args.posts):
                handle.write(post(rng).split("---\n", 2)[2] + "\n")
    else:
        for index in range(args.posts):
            with open(os.path.join(args.out, f"post-{index:06d}.md"), "w", encoding="utf-8") as handle:
                handle.write(post(rng))
