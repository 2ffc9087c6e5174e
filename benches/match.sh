#!/usr/bin/env bash
# Speed, memory and recall of `claimtrail match` on generated corpora of 10k, 100k and 1M claims.
#
#   bash benches/match.sh                    # from anywhere: it cds to the repo
#   SIZES="10000 100000" bash benches/match.sh
#
# Steps: cargo build --release; for each size in SIZES, generate SIZE/CLAIMS claim files of CLAIMS claims (python3,
# below; reused when the generator and arguments are unchanged); run `/usr/bin/time -v $BIN match DIR --format
# json` once; print wall time, CPU, max RSS, pairs found, and the recall of the pairs the generator injected. JSON,
# not the text report, because its `pairs` list is one parseable shape in every version (v1 and v2, see
# src/cli/matching.rs), so an older binary can be measured with the same command (BIN=...).
#
# The corpus. Real news sentences are varied: word frequencies follow Zipf's law, and only a few sentences of one
# article are reported again elsewhere. The generator draws content words from a Zipf distribution (s = 1.05, ranks
# shifted by 30) over ~200 common news words followed by 60,000 made-up words, mixed with function words, numbers,
# weekdays and attributions ("..., Olvarek said."); the sentences read like word salad but give `match` the token
# statistics (and the crowded LSH buckets of common words) of a real corpus. Into that it injects, per claim:
#   - DUP_RATE (1%): the same sentence as a claim of an earlier file (wire copy; expected score 1.0);
#   - PARA_RATE (2%): a paraphrase of a claim of an earlier file: about 1 content word in 7 replaced, some function
#     words dropped, attribution moved to the front ("according to X, ..."), and half the time the two halves of the
#     sentence swapped. Expected Jaccard 0.3-0.6; the injected pairs are listed in DIR/.truth.tsv.
# Every file is a valid claim file (`claimtrail validate` passes): hash = "sha256:" + hex sha256 of the
# NFC-normalised, whitespace-collapsed text, id = its first 12 hex digits (`-2`... for repeats), document.id = file
# stem, locations are byte offsets into the notional article whose sha256 is text_sha256. YAML is written with
# benches/gen_claims.py's emitter when that file is there (JSON, which is YAML too, otherwise).
#
# Knobs (environment):
#   SIZES="10000 100000 1000000"  CLAIMS=10 (per file)  SEED=7  DUP_RATE=0.01  PARA_RATE=0.02
#   WORK=/tmp/claimtrail-match-bench   SKIP_BUILD=1   ARGS="" (extra arguments to `claimtrail match`, e.g. "--top 0")
#   BIN=$CARGO_TARGET_DIR/release/claimtrail (target/release/claimtrail without CARGO_TARGET_DIR)
# Needs: cargo, python3, /usr/bin/time (apt-get install -y time).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES=${SIZES:-"10000 100000 1000000"}
CLAIMS=${CLAIMS:-10}
SEED=${SEED:-7}
DUP_RATE=${DUP_RATE:-0.01}
PARA_RATE=${PARA_RATE:-0.02}
WORK=${WORK:-${TMPDIR:-/tmp}/claimtrail-match-bench}
ARGS=${ARGS:-}
BIN=${BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/claimtrail}
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
  echo "needs /usr/bin/time: apt-get install -y time" >&2
  exit 2
fi
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release --quiet
fi

GEN="$WORK/gen_match_corpus.py"
cat > "$GEN" <<'PY'
"""Generates the `claimtrail match` benchmark corpus; see benches/match.sh."""
import bisect, hashlib, itertools, json, os, random, re, sys, unicodedata
from pathlib import Path

out, nfiles, nclaims, seed, dup_rate, para_rate, root = sys.argv[1:8]
nfiles, nclaims, seed = int(nfiles), int(nclaims), int(seed)
dup_rate, para_rate = float(dup_rate), float(para_rate)
try:
    sys.path.insert(0, os.path.join(root, "benches"))
    from gen_claims import to_yaml  # the YAML emitter of the validate benchmark, read-only reuse
except Exception:
    def to_yaml(data):
        return "# yaml-language-server: $schema=../schemas/claim-file.schema.json\n" + json.dumps(
            data, ensure_ascii=False, indent=2) + "\n"

rng = random.Random(seed)
NEWS = """government minister president police officials army troops border election parliament vote party
opposition court judge prosecutors company shares market prices bank rates inflation economy budget tax oil gas
energy pipeline talks agreement ceasefire sanctions embassy ambassador diplomats capital city region province
village residents protesters strike workers union jobs factory plant report investigation inquiry charges arrest
suspects victims killed wounded injured attack explosion fire flood storm earthquake hospital health vaccine
virus cases deaths schools students teachers farmers grain exports imports trade deal contract million billion
percent year week month statement spokesman spokeswoman agency ministry council committee commission summit
leaders security defence military missile drone aircraft airport flights ship port bridge road railway trains
power electricity water prices fuel shortage crisis reform law bill decree plan proposal project funding aid
loan debt deficit growth forecast quarter profit loss revenue sales customers users data network internet
media newspaper television journalists rights freedom prison prisoners refugees migrants camp crossing coast
island river mountain north south east west central national local international foreign domestic new former
senior top chief head deputy acting interim general public private state federal regional""".split()
FUNCTION = """the the the a a an of of of to to in in in on for with by at from as that this its their has had was
were is are will would could be been not and and but after before during over under about into than""".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
SAY = ["said", "reported", "told reporters", "said in a statement", "announced"]
SYL = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"] + ["ar", "el", "in", "or", "us", "an", "ek", "ov"]


def pseudo_word(r):
    return "".join(r.choice(SYL) for _ in range(r.randint(2, 4)))


seen = set(NEWS)
vocab = list(dict.fromkeys(NEWS))
while len(vocab) < 60000:
    w = pseudo_word(rng)
    if w not in seen:
        seen.add(w)
        vocab.append(w)
# Zipf over ranks shifted by 30: the head of real news text is function words, which the stopword list removes;
# what remains starts flatter (the commonest content word is ~0.5% of tokens, not 9%).
cum = list(itertools.accumulate(1.0 / (r + 30) ** 1.05 for r in range(len(vocab))))
names = [pseudo_word(rng).capitalize() for _ in range(20000)]


def zipf_word(r):
    return vocab[bisect.bisect(cum, r.random() * cum[-1])]


def sentence(r):
    words = []
    for _ in range(r.randint(8, 26)):
        x = r.random()
        if x < 0.42:
            words.append(r.choice(FUNCTION))
        elif x < 0.47:
            words.append(str(r.choice([r.randint(2, 99), r.randint(100, 9999)])))
        elif x < 0.50:
            words.append("on " + r.choice(WEEKDAYS))
        elif x < 0.58:
            words.append(r.choice(names))
        else:
            words.append(zipf_word(r))
    if r.random() < 0.5:
        k = r.randint(3, len(words) - 2)
        words[k] = words[k] + ","
    attribution = r.choice(names) + " " + r.choice(SAY) if r.random() < 0.4 else None
    return {"words": words, "attribution": attribution}


def paraphrase(s, r):
    words = []
    for w in s["words"]:
        if w in FUNCTION and r.random() < 0.3:
            continue
        if w not in FUNCTION and not w[0].isupper() and r.random() < 0.15:
            w = zipf_word(r)  # a synonym, as far as the shingles can tell
        words.append(w)
    if r.random() < 0.5 and len(words) > 6:
        k = r.randint(3, len(words) - 3)
        words = words[k:] + ["and"] + words[:k]
    attribution = s["attribution"]
    if attribution:
        who = attribution.split(" ")[0]
        return {"words": ["according to " + who + ","] + words, "attribution": None}
    return {"words": words, "attribution": None}


def render(s):
    text = " ".join(s["words"]).replace(",,", ",").rstrip(",")
    if s["attribution"]:
        text += ", " + s["attribution"]
    return text[0].upper() + text[1:] + "."


def claim_hash(text):
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return "sha256:" + hashlib.sha256(t.encode()).hexdigest()


outdir = Path(out)
outdir.mkdir(parents=True, exist_ok=True)
pool = []  # (doc id, claim id, sentence) of recent files, for injection
truth = []
for n in range(1, nfiles + 1):
    doc = f"m-{n:07d}"
    texts, injected = [], []
    for _ in range(nclaims):
        x = rng.random()
        if pool and x < dup_rate + para_rate:
            src_doc, src_id, src = pool[rng.randrange(len(pool))]
            if x < dup_rate:
                s, kind = src, "duplicate"
            else:
                s, kind = paraphrase(src, rng), "paraphrase"
            injected.append((len(texts), src_doc, src_id, kind))
        else:
            s = sentence(rng)
        texts.append((render(s), s))
    article = bytearray(b"Generated article\n\n")
    claims, ids = [], {}
    for i, (text, s) in enumerate(texts):
        if i:
            article += b"\n\n" if i % 3 == 0 else b" "
        start = len(article)
        article += text.encode()
        h = claim_hash(text)
        ids[h] = ids.get(h, 0) + 1
        cid = h[7:19] if ids[h] == 1 else f"{h[7:19]}-{ids[h]}"
        claims.append({"id": cid, "hash": h, "text": text,
                       "location": {"paragraph": i // 3, "sentence": i % 3, "start": start, "end": len(article)},
                       "attribution": [], "hedging": {"level": "none", "cues": []}, "corroboration": [],
                       "review": {"status": "unreviewed"}})
    for i, src_doc, src_id, kind in injected:
        truth.append(f"{src_doc}#{src_id}\t{doc}#{claims[i]['id']}\t{kind}\n")
    for c, (_, s) in zip(claims, texts):
        pool.append((doc, c["id"], s))
    if len(pool) > 50000:
        del pool[:10000]
    data = {"schema_version": 1, "normalisation": "nfc-collapse-whitespace-v1",
            "document": {"id": doc, "title": None, "publisher": None, "url": None, "published": "2026-01-02",
                         "retrieved": "2026-01-03", "language": "en",
                         "text_sha256": hashlib.sha256(bytes(article)).hexdigest()},
            "claims": claims}
    (outdir / f"{doc}.yaml").write_text(to_yaml(data), encoding="utf-8")
(outdir / ".truth.tsv").write_text("".join(truth))
print(f"wrote {nfiles} files, {nfiles * nclaims} claims, {len(truth)} injected pairs to {out}", file=sys.stderr)
PY

measure() {  # measure DIR: runs match once under /usr/bin/time -v
  local dir=$1
  # shellcheck disable=SC2086
  /usr/bin/time -v "$BIN" match "$dir" --format json $ARGS >"$WORK/pairs.json" 2>"$WORK/time.txt" || true
  python3 - "$dir/.truth.tsv" "$WORK/pairs.json" "$WORK/time.txt" <<'PY'
import json, re, sys
truth, pairs, timing = sys.argv[1:4]
found = set()
n = 0
for p in json.load(open(pairs))["pairs"]:
    a, b = p["a"], p["b"]
    found.add((a, b)); found.add((b, a)); n += 1
kinds = {}
for line in open(truth):
    a, b, kind = line.rstrip("\n").split("\t")
    hit, total = kinds.get(kind, (0, 0))
    kinds[kind] = (hit + ((a, b) in found), total + 1)
t = open(timing).read()
def field(name):
    m = re.search(re.escape(name) + r": (.*)", t)
    return m.group(1).strip() if m else "?"
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
recall = " ".join(f"{k} {h}/{tot}" for k, (h, tot) in sorted(kinds.items()))
summary = [json.dumps(json.load(open(pairs))["summary"])]
print(f"{secs:8.2f} s {float(field('User time (seconds)')):7.2f} s {float(field('System time (seconds)')):6.2f} s "
      f"{rss:8.1f} MB {n:9d}  {recall}")
print("    " + (summary[0] if summary else "(no summary line: see " + timing + ")"), file=sys.stderr)
PY
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr); $(uptime | sed 's/.*load average/load average/')"
echo "command: /usr/bin/time -v $BIN match DIR --format json $ARGS"
printf '%9s %8s | %10s %9s %8s %11s %9s  %s\n' claims files wall user sys "max RSS" pairs "injected pairs found"
for size in $SIZES; do
  files=$(( size / CLAIMS ))
  dir="$WORK/corpus-$size"
  stamp="$(sha256sum "$GEN" | cut -c1-16) $files $CLAIMS $SEED $DUP_RATE $PARA_RATE"
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$dir"
    python3 "$GEN" "$dir" "$files" "$CLAIMS" "$SEED" "$DUP_RATE" "$PARA_RATE" "$ROOT"
    echo "$stamp" > "$dir/.stamp"
  fi
  printf '%9d %8d | %s\n' "$size" "$files" "$(measure "$dir")"
done
