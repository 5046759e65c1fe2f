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
# Every remaining entry is then checked against the word frequencies of its language (the `wordfreq` package's
# data, CC BY-SA 4.0, used only to decide, not shipped): a single word used once per million words or more
# (Zipf >= 3) has an everyday sense in most cases ("welfare", "slave", "escort"; French "retard", "mettre",
# "pare-choc"; Dutch "aftrekken", "pijpen"), so it is dropped unless its main sense is vulgar or a slur (the
# lists below, read one by one). Phrases are kept (their estimate only multiplies common words), except those
# with an innocent everyday sense.
try:
    import wordfreq
except ImportError:
    sys.exit("build-lexicons.py needs the wordfreq package (pip install wordfreq) to check entries against word frequencies")
frequent_but_vulgar = {
    "en": set("""shit fuck fucking fucked bullshit asshole fuckin pissed wtf piss shitty cum goddamn boobs bastard cunt whore
bitches slut moron retarded negro nigga motherfucker prick dumbass arse faggot fuckers shitting dildo milf retard
porno porn nigger blowjob threesome jackass fag shite twat dickhead titties motherfucking pussies kkk sluts niggas
slutty bollocks bitchy coon fucks asses assholes shits pissing pisses fucker dammit damnit boner crappy bugger
titty negroes masturbation masturbating masturbate cumming boob hentai busty""".split()),
    "nl": set("""neuken shit lul kut pik hoer slet godverdomme reet stront wijf flikker klootzak eikel kloten teef schijt
beffen oprotten zeiken drol schijten snol""".split()),
    "fr": set("""merde putain foutre bordel chier salope connard couilles chiant connerie fuck enculé pisser conne nègre
suce niquer shit couille chiottes enfoiré enculer fdp branler salaud emmerder merdier connasse pd branlette negro
bitch fion pédé branleur merdeux baise pute""".split()),
}
innocent_phrases = {
    "en": {"girl on", "girl on top", "big black", "how to kill", "how to murder", "eight ball", "eight balls", "taste my",
           "hard core", "huge fat", "tight white", "tied up", "spread legs", "tongue in a", "strip club", "pleasure chest",
           "deep throat", "ball kicking", "hot chick", "blonde action", "leather straight jacket", "missionary position",
           "tainted love", "jelly donut", "alaskan pipeline", "date rape", "nsfw images", "two girls one cup"} - {"two girls one cup"},
    "nl": {"een beurt geven", "de ballen", "de pijp uitgaan"},
    "fr": {"en avoir deux", "sa mère", "ta mère", "bon coup", "pays-bas", "être la fête", "ta bouche", "tirer un coup",
           "ménage à trois", "salle des fêtes", "se casser la gueule", "mettre la misère", "mettre dans la sauce",
           "avoir les nerfs", "casser le pot", "pousser le repas de la veille", "pare-choc", "pare-chocs", "bombe atomique",
           "se cogner", "se taper", "dérouler du câble", "vendre du piment", "avoir de la merde dans les yeux"} - {"avoir de la merde dans les yeux"},
}
dropped_by_frequency = {}
def everyday_by_frequency(language, word):
    if " " in word.strip() or "-" in word:
        return word in innocent_phrases[language]
    return wordfreq.zipf_frequency(word, language) >= 3.0 and word not in frequent_but_vulgar[language]
for language, drop, extra in [("nl", everyday_nl, []), ("fr", everyday_fr, cuss("fr")), ("en", everyday_en, cuss("en"))]:
    words = sorted(set(ldnoobw(language, drop) + [w for w in extra if w not in drop]))
    dropped_by_frequency[language] = [w for w in words if everyday_by_frequency(language, w)]
    words = [w for w in words if w not in dropped_by_frequency[language]]
    write(f"profanity-{language}.txt", f"profanity ({language}): LDNOOBW (CC BY 4.0)" + (" and wooorm/cuss sureness 2 (MIT)" if extra else "") +
          ", everyday words removed (by hand, and by word frequency: see scripts/build-lexicons.py)", words)
for language, words in dropped_by_frequency.items():
    print(f"profanity-{language}: dropped as everyday words by frequency ({len(words)}): {', '.join(words)}")

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
