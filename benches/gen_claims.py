#!/usr/bin/env python3
"""Generate valid claimtrail claim files for the `validate` benchmark (python3 standard library only).

  python3 benches/gen_claims.py --out DIR --files 2000 --claims 10 [--seed 42]

Writes DIR/art-NNNNNN.yaml in the format `claimtrail extract` writes (schemas/claim-file.schema.json, key order
and quoting as src/yaml/write.rs produces them). Every file is valid for `claimtrail validate` and for
`check-jsonschema --schemafile schemas/claim-file.schema.json`:

- each file is the claims of one notional article: its sentences laid out in paragraphs; `location` and
  attribution `mention` spans are byte offsets into that article and `document.text_sha256` is its sha256;
- `hash` = "sha256:" + hex sha256 of the text after NFC, whitespace runs collapsed to one space, trimmed;
  `id` = first 12 hex digits, `-2`, `-3`, ... for repeated sentences in one file (about 1 file in 40 has one);
- `document.id` = file stem; dates are real dates (YYYY-MM-DD or RFC 3339);
- attributions carry a `mention`; agencies resolve to built-in registry ids (ap, afp, interfax, reuters, tass),
  anonymous sources are relayed `via` an agency some of the time;
- hedging cues are the hedge words put in the sentence, with the matching level;
- some claims are corroborated by claims of other generated files (`<doc>#<id>` that exist: only earlier
  files of the same run are referenced, so any prefix of the numbering is self-contained) or by URLs;
- about a quarter of the claims carry a review verdict, a few with waivers.

Sentence lengths follow those of the peer generator (../shared/peers/gen_yaml.py, punkt sentences of 20-400
chars: median ~97, mean ~107 chars). Deterministic: the same arguments give byte-identical files.
"""
import argparse
import hashlib
import json
import math
import random
import re
import sys
import unicodedata
from pathlib import Path

# --------------------------------------------------------------------------------------------- vocabulary

ACTORS = [
    "The central bank", "The foreign ministry in Dravin", "Karvia's defence minister", "Opposition lawmakers",
    "The company", "Emergency services", "Prosecutors in Hollin", "The city council", "Protesters",
    "The European Commission", "Health officials", "The prime minister", "The state energy firm", "Rebel forces",
    "The coalition government", "The national statistics office", "Border guards", "The supreme court",
    "Zoë Ménard, the mayor of Lyon,", "José Álvarez, the finance minister,", "Søren Kjær", "Björn Åström",
    "The airline", "Investigators", "The ruling party", "Union leaders", "The army", "Local authorities",
    "The International Monetary Fund", "The election commission", "Shareholders", "The port operator",
    "Estmark's president", "The interior ministry", "Firefighters", "The regulator", "Nguyễn Văn An",
]
VERB_PHRASES = [
    "raised interest rates by a quarter of a percentage point", "recalled its ambassador for consultations",
    "approved a budget of {num} billion {cur}", "suspended talks on the pipeline", "opened an investigation into "
    "the contract", "evacuated {num} residents from the flooded district", "expelled four diplomats",
    "signed a ceasefire agreement", "postponed the vote until {month}", "rejected the proposal",
    "announced plans to cut {num} jobs", "detained {num} people", "lifted the curfew", "closed the border crossing",
    "cut its growth forecast to {pct} percent", "ordered a recount in {num} districts", "resumed grain exports",
    "seized {num} tonnes of smuggled fuel", "dismissed the head of the security service",
    "blocked the merger", "paid {num} million {cur} in compensation", "withdrew its troops from the village",
    "imposed sanctions on {num} officials", "reported a net loss of {num} million {cur}", "won the runoff",
    "broke off negotiations", "shut down the reactor for repairs", "agreed to release {num} prisoners",
    "accepted the resignation", "rose", "fell sharply", "met", "resigned", "denied the report",
]
TIMES = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend", "last week",
         "earlier this month", "late on Sunday", "in {month}", "overnight", "for the second time this year"]
MODIFIERS = [
    "after a three-hour meeting", "in a statement posted on its website", "despite objections from the opposition",
    "amid rising tensions along the border", "in the capital, Hollin,", "without giving a reason",
    "following weeks of protests", "under pressure from creditors", "in a move that surprised analysts",
    "citing security concerns", "as fuel shortages spread to the provinces", "ahead of the summit in Vienna",
    "in response to the sanctions", "for the first time since {year}", "in a televised address",
    "after talks with the European Union", "before the markets opened", "to the dismay of local residents",
]
TAILS = [
    "a decision that could affect thousands of workers", "the biggest such move in a decade",
    "a step the opposition called illegal", "which the government denied",
    "raising fears of a wider conflict", "sending the currency to a record low",
    "although no details were released", "while talks with the unions continue",
]
MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September", "October",
          "November", "December"]
CURRENCIES = ["euros", "dollars", "crowns", "roubles", "francs"]

# (name as resolved, how the text names it, role or None, kind)
PEOPLE = [
    ("Dmitry Peskov", "Kremlin spokesman Dmitry Peskov", "Kremlin spokesman", "primary"),
    ("Irena Valk", "Ambassador Irena Valk", "ambassador", "primary"),
    ("Tomas Reyes", "Defence Minister Tomas Reyes", "defence minister", "primary"),
    ("Jake Sullivan", "Sullivan", None, "primary"),
    ("Hélène Dubois", "Hélène Dubois, a spokeswoman for the ministry,", "spokeswoman", "primary"),
    ("Marek Novák", "Marek Novák", None, "primary"),
    ("the interior ministry", "the interior ministry", None, "primary"),
    ("the Kremlin", "the Kremlin", None, "primary"),
]
PRONOUNS = {"Dmitry Peskov": "he", "Irena Valk": "she", "Tomas Reyes": "he", "Jake Sullivan": "he",
            "Hélène Dubois": "she", "Marek Novák": "he"}
# (registry id, name as resolved, how the text names it)
AGENCIES = [("ap", "Associated Press", "The Associated Press"), ("afp", "Agence France-Presse", "AFP"),
            ("interfax", "Interfax", "Interfax"), ("reuters", "Reuters", "Reuters"), ("tass", "TASS", "TASS")]
ANONYMOUS = ["a senior official", "officials", "a source familiar with the matter", "two diplomats",
             "a White House official", "people close to the talks"]
SAY_CUES = ["said", "told reporters", "said in a statement", "has said", "announced", "wrote"]
# hedge word -> level (as in data/hedges.txt)
HEDGES = [("reportedly", "reported"), ("purportedly", "reported"), ("allegedly", "alleged"),
          ("probably", "speculative"), ("apparently", "speculative"), ("likely", "speculative")]
LEVELS = ["none", "speculative", "reported", "alleged"]
REVIEWERS = ["mkowalski", "a.ferreira", "jlee", "r.okafor", "sdubois"]
WAIVER_RULES = ["single-secondary-source", "anonymous-only", "unhedged-allegation"]
REVIEW_NOTES = ["Matches the ministry's own statement.", "Two agencies report different figures.",
                "The quoted figure is from last year's report.", "Could not reach the company for comment.",
                "Confirmed by the court filing."]
TITLES = ["Karvia recalls ambassador to Estmark", "Central bank raises rates again", "Floods force evacuations",
          "Talks on pipeline suspended", "Government survives confidence vote", "Port strike enters second week",
          "Court blocks merger", "Prices rise for third month: what it means"]

# ----------------------------------------------------------------------------------------------- hashing


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, trimmed (src/hash.rs)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def claim_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


# -------------------------------------------------------------------------------------------- sentences


def fill(rng, s: str) -> str:
    return (s.replace("{num}", str(rng.choice([2, 3, 4, 12, 40, 150, 300, 1200, 4500])))
            .replace("{cur}", rng.choice(CURRENCIES)).replace("{month}", rng.choice(MONTHS))
            .replace("{pct}", f"{rng.randint(0, 4)}.{rng.randint(0, 9)}").replace("{year}", str(rng.randint(1990, 2019))))


def lower_first(s: str) -> str:
    return s if s.startswith(("Karvia", "Zoë", "José", "Søren", "Björn", "Estmark", "Nguyễn")) or not s \
        else s[0].lower() + s[1:]


def core_clause(rng, target: int, hedge: str | None) -> str:
    """A news clause (no final period) of roughly `target` characters."""
    actor = rng.choice(ACTORS)
    vp = fill(rng, rng.choice(VERB_PHRASES))
    if hedge:
        vp = f"{hedge} {vp}"
    parts = [f"{actor} {vp}"]
    length = len(parts[0])
    if length < target - 10 and rng.random() < 0.8:
        t = fill(rng, rng.choice(TIMES))
        parts.append(" " + t)
        length += len(t) + 1
    pool = rng.sample(MODIFIERS, len(MODIFIERS))
    while length < target - 25 and pool:
        m = fill(rng, pool.pop())
        if m.endswith(","):
            m = m[:-1]
        parts.append(" " + m)
        length += len(m) + 1
        if length < target - 40 and rng.random() < 0.35:
            t = rng.choice(TAILS)
            parts.append(", " + t)
            length += len(t) + 2
        if length < target - 60 and rng.random() < 0.3:
            more = f"{lower_first(rng.choice(ACTORS)).rstrip(',')} {fill(rng, rng.choice(VERB_PHRASES))}"
            parts.append(", and " + more)
            length += len(more) + 6
    return "".join(parts).replace(",,", ",").replace(", ,", ",")


def sentence_length(rng) -> int:
    # lognormal fitted to the peer's punkt sentences (median ~97, p90 ~196), kept in its 20..400 range
    return max(20, min(390, int(rng.lognormvariate(math.log(86), 0.6))))


def make_sentence(rng):
    """Returns (text, attribution list without offsets: (speaker_text, attr dict, relay), hedge cues)."""
    target = sentence_length(rng)
    hedge = None
    if rng.random() < 0.22:
        hedge = rng.choice(HEDGES)
    hedge_word = hedge[0] if hedge else None
    kind = rng.choices(["none", "said", "according", "agency", "via", "quote", "pronoun"],
                       [30, 22, 10, 14, 8, 10, 6])[0]
    attrs = []  # (mention text, char offset in text, dict, relay (mention, offset, dict, id) or None)
    if kind == "none":
        text = core_clause(rng, target, hedge_word) + "."
    elif kind in ("said", "according", "pronoun", "quote"):
        name, mention, role, skind = rng.choice(PEOPLE)
        if kind == "pronoun" and name in PRONOUNS:
            mention, role = PRONOUNS[name], None
        elif kind == "pronoun":
            kind = "said"
        cue = rng.choice(SAY_CUES)
        core = core_clause(rng, max(20, target - len(mention) - 12), hedge_word)
        mention = mention.rstrip(",")
        if kind == "according":
            cue = "according to"
            at = len("According to ")
            text = f"According to {mention}, {lower_first(core)}."
            quote = "indirect"
        elif kind == "quote":
            q = rng.choice([("\u201c", ",\u201d "), ('"', '," ')])
            at = len(q[0] + core + q[1])
            text = f"{q[0]}{core}{q[1]}{mention} {cue}."
            quote = "direct"
        elif kind == "pronoun" and rng.random() < 0.5:
            mention = mention[0].upper() + mention[1:]
            at = 0
            text = f"{mention} {cue} {lower_first(core)}."
            quote = "indirect"
        else:
            at = len(core) + 2
            text = f"{core}, {mention} {cue}."
            quote = "indirect" if rng.random() < 0.85 else "mixed"
        a = {"name": name, "kind": skind}
        if role:
            a["role"] = role
        a.update({"cue": cue, "quote": quote, "anonymous": False})
        attrs.append((mention, at, a, None))
    elif kind == "agency":
        sid, name, mention = rng.choice(AGENCIES)
        core = core_clause(rng, max(20, target - len(mention) - 12), hedge_word)
        if rng.random() < 0.5:
            at = len(core) + 2
            text = f"{core}, {mention} reported."
        else:
            at = 0
            text = f"{mention} reported that {lower_first(core)}."
        a = {"name": name, "kind": "secondary", "role": "news agency", "cue": "reported", "quote": "indirect",
             "anonymous": False, "source": sid}
        attrs.append((mention, at, a, None))
    else:  # via: "<core>, <agency> reported, citing <anonymous>."
        sid, aname, amention = rng.choice(AGENCIES)
        anon = rng.choice(ANONYMOUS)
        core = core_clause(rng, max(20, target - len(amention) - len(anon) - 20), hedge_word)
        text = f"{core}, {amention} reported, citing {anon}."
        a = {"name": anon, "kind": "unknown", "cue": "citing", "quote": "indirect", "anonymous": True}
        relay = {"name": aname, "kind": "secondary", "role": "news agency", "cue": "reported"}
        at = len(core) + 2
        attrs.append((anon, at + len(amention) + len(" reported, citing "), a, (amention, at, relay, sid)))
    cues = [hedge[0]] if hedge else []
    level = hedge[1] if hedge else "none"
    return text, attrs, {"level": level, "cues": cues}


# ----------------------------------------------------------------------------------------------- files


def rand_date(rng, year=None) -> str:
    y = year or rng.randint(2019, 2025)
    return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def rand_timestamp(rng) -> str:
    tz = rng.choice(["Z", "+00:00", "+02:00", "-05:00", "+03:00"])
    return f"{rand_date(rng)}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}{tz}"


def make_file(rng, doc_id: str, nclaims: int, earlier: list):
    """One claim file as a dict (key order as record.rs), and its (id) list for later references."""
    sentences = []
    for _ in range(nclaims):
        if sentences and rng.random() < 0.002:
            sentences.append(sentences[rng.randrange(len(sentences))])  # a repeated sentence -> id suffix
        else:
            sentences.append(make_sentence(rng))
    sentences = sentences[:nclaims]
    # lay the article out: paragraphs of 1-3 sentences, sentences joined by a space, paragraphs by a blank line
    article = bytearray()
    header = (rng.choice(TITLES) + "\n\n").encode()
    article += header
    locs = []
    para, sent_in_para, para_len = 0, 0, rng.randint(1, 3)
    for i, (text, _, _) in enumerate(sentences):
        if i > 0:
            if sent_in_para >= para_len:
                article += b"\n\n"
                para, sent_in_para, para_len = para + 1, 0, rng.randint(1, 3)
            else:
                article += b" "
        start = len(article)
        article += text.encode()
        locs.append((para, sent_in_para, start, len(article)))
        sent_in_para += 1
    seen = {}
    claims = []
    for (text, attrs, hedging), (p, s, start, end) in zip(sentences, locs):
        h = claim_hash(text)
        base = h[7:19]
        seen[base] = seen.get(base, 0) + 1
        cid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        attribution = []
        for mention_text, i, a, relay in attrs:
            assert text[i:i + len(mention_text)] == mention_text, (text, i, mention_text)
            ms = start + len(text[:i].encode())
            a_out = {k: a[k] for k in ("name", "kind", "role", "cue", "quote", "anonymous") if k in a}
            a_out["mention"] = {"start": ms, "end": ms + len(mention_text.encode())}
            if "source" in a:
                a_out["source"] = a["source"]
            if relay:
                rmention, j, r, sid = relay
                assert text[j:j + len(rmention)] == rmention, (text, j, rmention)
                rs = start + len(text[:j].encode())
                r_out = dict(r)
                r_out["mention"] = {"start": rs, "end": rs + len(rmention.encode())}
                r_out["source"] = sid
                a_out["via"] = [r_out]
            attribution.append(a_out)
        claim = {"id": cid, "hash": h, "text": text,
                 "location": {"paragraph": p, "sentence": s, "start": start, "end": end}}
        if rng.random() < 0.004:
            claim["status"] = "missing"
        claim["attribution"] = attribution
        claim["hedging"] = hedging
        corroboration = []
        if earlier and rng.random() < 0.12:
            other_doc, other_ids = earlier[rng.randrange(len(earlier))]
            c = {"claim": f"{other_doc}#{rng.choice(other_ids)}"}
            if rng.random() < 0.5:
                c["note"] = "Same figure reported independently."
            corroboration.append(c)
        if rng.random() < 0.05:
            sid = rng.choice(AGENCIES)[0]
            corroboration.append({"url": f"https://example.org/{sid}/{rand_date(rng)}/story-{rng.randrange(10**6)}",
                                  "source": sid, "kind": "secondary"})
        claim["corroboration"] = corroboration
        r = rng.random()
        if r < 0.75:
            review = {"status": "unreviewed"}
        else:
            review = {"status": rng.choice(["supported", "supported", "disputed", "false", "unverifiable"]),
                      "by": rng.choice(REVIEWERS),
                      "at": rand_date(rng) if rng.random() < 0.6 else rand_timestamp(rng)}
            if rng.random() < 0.5:
                review["note"] = rng.choice(REVIEW_NOTES)
            if rng.random() < 0.1:
                review["waivers"] = [{"rule": rng.choice(WAIVER_RULES), "reason": "Checked with a second agency."}]
        claim["review"] = review
        if rng.random() < 0.9:
            digest = hashlib.sha256(json.dumps([attribution, hedging], sort_keys=True).encode()).hexdigest()
            claim["extracted"] = digest[:16]
        claims.append(claim)
    publisher = rng.choice(["reuters", "ap", "afp", "The Hollin Herald", "Dravin Daily", None])
    year = rng.randint(2019, 2025)
    document = {
        "id": doc_id,
        "title": rng.choice(TITLES) if rng.random() < 0.9 else None,
        "publisher": publisher,
        "url": f"https://example.org/news/{year}/{doc_id}" if rng.random() < 0.85 else None,
        "published": (rand_date(rng, year) if rng.random() < 0.6 else rand_timestamp(rng)) if rng.random() < 0.9
        else None,
        "retrieved": rand_date(rng, 2026) if rng.random() < 0.7 else rand_timestamp(rng),
        "language": "en",
        "text_sha256": hashlib.sha256(bytes(article)).hexdigest(),
    }
    if rng.random() < 0.1:
        del document["language"]
    data = {"schema_version": 1, "normalisation": "nfc-collapse-whitespace-v1", "document": document,
            "claims": claims}
    return data, [c["id"] for c in claims]


# ------------------------------------------------------------------------------------------ YAML output

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` ")
_RESERVED = re.compile(r"(?i)(y|yes|n|no|true|false|on|off|null|~|\.inf|[-+]\.inf|\.nan)")
_NUMBERISH = re.compile(r"[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[-+]?\d[\d_]*(:\d+)+")
_DATEISH = re.compile(r"\d{4}-\d\d?-\d\d?.*")


def scalar(v) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    s = v
    plain = (s and s == s.strip() and s[0] not in _PLAIN_UNSAFE_START and ": " not in s and " #" not in s
             and not s.endswith(":") and s.isprintable() and not _RESERVED.fullmatch(s)
             and not _NUMBERISH.fullmatch(s) and not _DATEISH.fullmatch(s))
    return s if plain else json.dumps(s, ensure_ascii=False)


def emit(obj, indent: int, out: list):
    pad = " " * indent
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, dict):
                out.append(f"{pad}{k}:\n")
                emit(v, indent + 2, out)
            elif isinstance(v, list):
                if not v:
                    out.append(f"{pad}{k}: []\n")
                else:
                    out.append(f"{pad}{k}:\n")
                    emit(v, indent + 2, out)
            else:
                out.append(f"{pad}{k}: {scalar(v)}\n")
    else:  # list of dicts or scalars, `- ` at `indent`, item content at indent + 2
        for item in obj:
            if isinstance(item, dict):
                sub = []
                emit(item, indent + 2, sub)
                first = sub[0]
                sub[0] = f"{pad}- {first[indent + 2:]}"
                out.extend(sub)
            else:
                out.append(f"{pad}- {scalar(item)}\n")


def to_yaml(data) -> str:
    out = ["# yaml-language-server: $schema=../schemas/claim-file.schema.json\n"]
    emit(data, 0, out)
    return "".join(out)


# ------------------------------------------------------------------------------------------------- main


def write_files(rng, out: Path, files: int, claims: int, refs_window: int, transform=None) -> int:
    """Writes art-000001.yaml … to `out`, each corroborating claims of the last `refs_window` files; `transform`
    (rng-using, called right after each file is made) may rewrite a file's data first. Returns the bytes written."""
    earlier = []
    total = 0
    for n in range(1, files + 1):
        doc_id = f"art-{n:06d}"
        data, ids = make_file(rng, doc_id, claims, earlier)
        if transform is not None:
            transform(data)
        text = to_yaml(data).encode("utf-8")
        total += len(text)
        (out / f"{doc_id}.yaml").write_bytes(text)
        earlier.append((doc_id, ids))
        if len(earlier) > refs_window:
            earlier.pop(0)
    return total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (created; existing art-*.yaml are replaced)")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--claims", type=int, default=10, help="claims per file")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--refs-window", type=int, default=200, help="corroborations point into the last N files")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total = write_files(rng, out, args.files, args.claims, args.refs_window)
    print(f"wrote {args.files} claim files ({total / 1e6:.2f} MB, {args.claims} claims each) to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
