#!/usr/bin/env python3
"""Builds the bundled pack's data files (Rules/postcheck/data/) from the openly licensed sources in
../shared/lexicons. Run from the repository root:  python3 scripts/build-lexicons.py ../shared/lexicons
Every output names its source in Rules/postcheck/data/SOURCES.md; the licences are copied next to the data."""
import sys, pathlib, re, shutil, xml.etree.ElementTree as ET

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/lexicons")
out = pathlib.Path("Rules/postcheck/data")
out.mkdir(parents=True, exist_ok=True)
(out / "licences").mkdir(exist_ok=True)

def write(name, header, rows):
    with open(out / name, "w", encoding="utf-8") as handle:
        handle.write("# " + header + "\n")
        for row in rows:
            handle.write(row + "\n")

# Tone: VADER (MIT) for English, vaderSentiment-fr (MIT) for French, pattern (PDDL) adjectives for Dutch.
vader = {}
for line in (src / "vader/vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
    parts = line.split("\t")
    if len(parts) >= 2:
        vader[parts[0]] = float(parts[1])
write("tone-en.tsv", "VADER lexicon (cjhutto/vaderSentiment, MIT): term<TAB>valence", (f"{t}\t{v}" for t, v in vader.items()))
french = []
for line in (src / "vader-fr/fr_lexicon.txt").read_text(encoding="utf-8").splitlines():
    if "->" in line:
        term, value = line.rsplit("->", 1)
        try:
            french.append(f"{term}\t{float(value)}")
        except ValueError:
            pass
write("tone-fr.tsv", "vaderSentiment-fr lexicon (PyPI vadersentiment-fr 1.3.4, MIT): term<TAB>valence", french)
dutch = {}
for word in ET.parse(src / "pattern/nl-sentiment.xml").getroot().iter("word"):
    form, polarity = word.get("form"), word.get("polarity")
    if form and polarity is not None:
        dutch.setdefault(form.lower(), []).append(float(polarity))
# pattern's polarity is -1…1 per sense; the mean over senses, scaled to VADER's -4…4.
write("tone-nl.tsv", "pattern nl-sentiment (clips/pattern, PDDL): adjective<TAB>mean polarity x 4",
      (f"{w}\t{round(sum(p) / len(p) * 4, 3)}" for w, p in sorted(dutch.items()) if abs(sum(p) / len(p)) >= 0.1))
# Emoji weights for Dutch and French: each VADER emoji description scored with the VADER lexicon.
rows = []
for line in (src / "vader/emoji_utf8_lexicon.txt").read_text(encoding="utf-8").splitlines():
    parts = line.split("\t")
    if len(parts) >= 2 and len(parts[0]) == 1:
        score = sum(vader.get(w, 0.0) for w in parts[1].lower().split())
        if score:
            rows.append(f"{parts[0]}\t{round(score, 3)}")
write("emoji-weights.tsv", "emoji<TAB>sum of VADER valences of its VADER description (derived from VADER, MIT)", rows)
(out / "emoji-en.tsv").unlink(missing_ok=True)
shutil.copy(src / "vader/emoji_utf8_lexicon.txt", out / "emoji-en.tsv")

# Profanity: LDNOOBW (CC BY 4.0) and wooorm/cuss (MIT, sureness 2 only), without everyday words.
everyday_nl = set("""aardappels afgieten|achter het raam zitten|afberen|aflebberen|afrossen|afwerkplaats|anita|asbak|aso|balen|bedonderen|
bekken|belazeren|beurt|boemelen|brugpieper|buffelen|dombo|del|de hond uitlaten|de koffer induiken|driehoog achter wonen|engerd|flikken|gat|
gedoogzone|graftak|gras maaien|griet|hoempert|hol|huisdealer|johny|kanen|kettingzeug|klooien|klootjesvolk|knor|kwakkie|liefdesgrot|lummel|
mafketel|matje|mof|muts|naakt|nicht|paal|palen|penoze|piesen|poep|poepen|poot|pot|potverdorie|publiciteitsgeil|raaskallen|remsporen|reutelen|
schatje|schoft|schuinsmarcheerder|slempen|spuiten|standje|stootje|sufferd|toeter|tongzoeng|trottoir prostituée|vergallen|viespeuk|vingeren|
watje|welzijnsmafia|wuftje|zaadje|zuigen|zuiplap|naaien|wippen|
klaarkomen|kont|toeter|boerenpummel|krentekakker""".replace("\n", "").split("|"))
everyday_fr = {"con", "folle", "bite", "queue", "chatte", "baiser", "cul", "sucer", "salope"} - {"salope"}
everyday_en = {"anal", "ass", "balls", "bang", "beaver", "bitch", "blow", "breasts", "butt", "clit", "cock", "crap", "dick",
               "hooker", "horny", "knob", "nude", "nudity", "pussy", "screw", "sex", "sexy", "suck", "tit", "tits", "willy",
               "stupid", "idiot", "dumb", "hell", "sucks", "loser", "god"}
def ldnoobw(language, drop):
    words = [w.strip() for w in (src / f"ldnoobw/{language}").read_text(encoding="utf-8").splitlines() if w.strip()]
    return sorted({w.lower() for w in words if w.lower() not in drop and not w.startswith("%")})
def cuss(language):
    words = []
    for line in (src / f"words/cuss-{language}.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 2 and parts[1].strip() == "2":
            words.append(parts[0].lower())
    return words
for language, drop, extra in [("nl", everyday_nl, []), ("fr", everyday_fr, cuss("fr")), ("en", everyday_en, cuss("en"))]:
    words = sorted(set(ldnoobw(language, drop) + [w for w in extra if w not in drop]))
    write(f"profanity-{language}.txt", f"profanity ({language}): LDNOOBW (CC BY 4.0)" + (" and wooorm/cuss sureness 2 (MIT)" if extra else "") +
          ", everyday words removed", words)

# Hedges: wooorm/words (MIT) for English.
hedges = [w.strip() for w in (src / "words/hedges.txt").read_text(encoding="utf-8").splitlines()
          if w.strip() and not w.startswith(("#", "%"))]
# The source list also holds everyday words (like, think, can, will, about…): keep only the unmistakable hedges.
unmistakable = {"apparently", "basically", "conceivably", "hopefully", "kind of", "sort of", "maybe", "more or less", "perhaps",
                "possibly", "presumably", "probably", "seemingly", "somehow", "somewhat", "supposedly", "in my opinion",
                "in my view", "in my mind", "my impression", "my understanding is", "if i'm understanding you correctly",
                "something or other", "and all that", "more or less", "quite clearly", "practically", "virtually", "roughly"}
write("hedges-en.txt", "hedges (wooorm/words, MIT), the unmistakable ones", [h for h in hedges if h in unmistakable])

for licence, name in [("vader/LICENSE.txt", "VADER-MIT.txt"), ("vader-fr/LICENSE.txt", "vadersentiment-fr-MIT.txt"),
                      ("pattern/LICENSE.txt", "pattern-BSD.txt"), ("ldnoobw/LICENSE", "LDNOOBW-CC-BY-4.0.txt"),
                      ("words/LICENSE-MIT-wooorm", "wooorm-words-MIT.txt")]:
    (out / "licences" / name).unlink(missing_ok=True)
    shutil.copy(src / licence, out / "licences" / name)
for path in out.rglob("*"):
    path.chmod(0o644 if path.is_file() else 0o755)
