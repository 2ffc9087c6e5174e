#!/usr/bin/env bash
# Time and memory of claimtrail on adversarial input: every stage must stay linear (or bounded) in input size.
#
#   bash benches/adversarial.sh            # from anywhere: it cds to the repo
#
# Inputs (generated under $WORK with python3; nothing third-party):
#   quote runs      640,000 of one mark with no partner, for each of ' " « » “ „ ‹ (quadratic in sentencex
#                   before segmentation blanked dense runs: 13-39 s each)
#   token-50mb      one 50,000,000-byte word on one line
#   brackets-1mb    500,000 '(' then 'x' then 500,000 ')'
#   cues-100k       one sentence with 100,000 "officials said" (1.5 MB)
#   tiny-1mb        "Go. " x 250,000: a quarter of a million sentences; its claim file would be far over the
#                   64 MiB claim-file limit, so extract refuses it (exit 1), which is the expected outcome
#   dots-1mb        1,000,000 '.'
#   nested-quotes   100,000 paragraphs of quotations nested four deep, with unbalanced quotes across lines
# For each: `claimtrail split FILE`, `claimtrail extract FILE --id x -o OUT` (new claim file), the same again
# (re-extraction: read, merge, unchanged) and `claimtrail validate OUT`, pinned to one core
# (`taskset -c $CORE`), wall time and max RSS from /usr/bin/time. A step fails the run (exit 1) when it takes
# longer than BOUND seconds (10) or exits with a code other than 0 or 1 (2 = I/O error, 101 = panic).
#
# Knobs: BOUND=10 CORE=0 WORK=/tmp/claimtrail-bench/adversarial BIN=target/release/claimtrail SKIP_BUILD=1
# Needs: cargo, python3, taskset, /usr/bin/time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BOUND=${BOUND:-10}
CORE=${CORE:-0}
WORK=${WORK:-/tmp/claimtrail-bench/adversarial}
BIN=${BIN:-$ROOT/target/release/claimtrail}
[ -n "${SKIP_BUILD:-}" ] || cargo build --release --quiet
mkdir -p "$WORK/in"

python3 - "$WORK/in" <<'PY'
import os, sys
d = sys.argv[1]
def put(name, text):
    path = os.path.join(d, name + ".txt")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
for i, mark in enumerate(["'", '"', "«", "»", "“", "„", "‹"]):
    put(f"quotes-{i}", mark * 640_000 + "\n")
put("token-50mb", "a" * 50_000_000 + "\n")
put("brackets-1mb", "(" * 500_000 + "x" + ")" * 500_000 + "\n")
put("cues-100k", "Officials said " * 100_000 + "the talks failed.\n")
put("tiny-1mb", "Go. " * 250_000 + "\n")
put("dots-1mb", "." * 1_000_000 + "\n")
put("nested-quotes", "“He said ‘she wrote “they claimed ‘it is so,’ officials said” today’ again,” Ms. Ray added.\n“Unclosed opening, then a new line\n" * 50_000)
PY

failed=0
printf '| input | bytes | step | exit | wall s | max RSS MB |\n|---|---:|---|---:|---:|---:|\n'
for f in "$WORK"/in/*.txt; do
  name=$(basename "$f" .txt)
  bytes=$(stat -c %s "$f")
  out="$WORK/out/$name"
  rm -rf "$out"
  for step in split extract re-extract validate; do
    case $step in
      split) cmd=("$BIN" split "$f") ;;
      extract | re-extract) cmd=("$BIN" extract "$f" --id x -o "$out") ;;
      validate) [ -d "$out" ] || continue; cmd=("$BIN" validate "$out") ;;
    esac
    set +e
    /usr/bin/time -f '%e %M' -o "$WORK/time" taskset -c "$CORE" "${cmd[@]}" >/dev/null 2>"$WORK/stderr"
    code=$?
    set -e
    read -r wall rss < <(tail -1 "$WORK/time")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$bytes" "$step" "$code" "$wall" "$((rss / 1024))"
    if [ "$code" -gt 1 ] || awk -v w="$wall" -v b="$BOUND" 'BEGIN { exit !(w > b) }'; then
      echo "FAILED: $name $step: exit $code, ${wall}s (bound ${BOUND}s)" >&2
      head -3 "$WORK/stderr" >&2
      failed=1
    fi
  done
done
echo
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u +%Y-%m-%d); $("$BIN" --version)"
exit $failed
