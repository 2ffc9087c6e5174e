#!/usr/bin/env bash
# Speed and memory of `claimtrail check` (and `claimtrail match`, when the build has it) from 10k to 1M claims.
#
#   bash benches/check.sh                   # from anywhere: it cds to the repo
#
# Target (issue): 10,000 claim files, 100,000 claims, 5,000 registry entries: `check` under 2 s and `match` under
# 10 s on the 2-core machine, max RSS under 500 MB; and how both grow from 10k to 100k to 1M claims.
#
# Steps: cargo build --release; generate the largest size once with benches/gen_registry.py (claim files of
# gen_claims.py re-pointed at a generated sources.yaml of $SOURCES entries, placed beside them); make the smaller
# sizes as hard-linked prefixes of it (art-000001..art-N + sources.yaml: self-contained, see the generator);
# then per size time the whole process with /usr/bin/time -f "%e s %M KB":
#   target/release/claimtrail check DIR --format json > /dev/null     (best of $RUNS; once for the largest size)
#   target/release/claimtrail match DIR > /dev/null                   (same; skipped if `match --help` fails)
# and print a Markdown table with the machine, date and load.
#
# Knobs (environment):
#   SIZES="1000 10000 100000"   claim files per size (x CLAIMS claims)     CLAIMS=10 SOURCES=5000 SEED=7
#   RUNS=3 BIG_RUNS=1            runs per size (best is kept); BIG_RUNS for the largest size
#   MATCH_TIMEOUT=1200           seconds before a match run is stopped (reported as a timeout)
#   MATCH_MAX_FILES=10000        sizes above this skip match (it needed 1.3 GB at 10,000 files: see README)
#   MATCH_MAX_RSS_MB=8000        a match run whose RSS passes this is stopped (reported as such)
#   WORK=/tmp/claimtrail-bench-check    generated files, kept and reused while generator + arguments match
#   SKIP_BUILD=1 SKIP_MATCH=1
# Needs: the repo, cargo, python3, /usr/bin/time (apt-get install -y time; installed when missing and root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES=${SIZES:-"1000 10000 100000"}
CLAIMS=${CLAIMS:-10}
SOURCES=${SOURCES:-5000}
SEED=${SEED:-7}
RUNS=${RUNS:-3}
BIG_RUNS=${BIG_RUNS:-1}
MATCH_TIMEOUT=${MATCH_TIMEOUT:-1200}
MATCH_MAX_FILES=${MATCH_MAX_FILES:-10000}
MATCH_MAX_RSS_MB=${MATCH_MAX_RSS_MB:-8000}
WORK=${WORK:-${TMPDIR:-/tmp}/claimtrail-bench-check}
BIN="$ROOT/target/release/claimtrail"
GEN=benches/gen_registry.py
mkdir -p "$WORK"

say() { printf '%s\n' "$*"; }
loadavg() { uptime | sed 's/.*load average: //'; }

if [[ ! -x /usr/bin/time ]]; then
  say "== /usr/bin/time missing: apt-get install -y time"
  apt-get install -y time >/dev/null
fi

MAX=0
for n in $SIZES; do ((n > MAX)) && MAX=$n; done

say "== machine"
DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
say "    date: $DATE"
say "    nproc: $(nproc); CPU: $CPU; RAM: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
say "    kernel: $(uname -r); $(rustc --version 2>/dev/null || echo rustc ?)"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo ?)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ' + uncommitted changes in src/')"
say "    claimtrail commit: $COMMIT"
say "    load average (1, 5, 15 min): $(loadavg)"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  say "== build: cargo build --release"
  cargo build --release --quiet
fi
[[ -x "$BIN" ]] || { say "no $BIN: build first" >&2; exit 2; }

# the largest size, generated once (a stamp records generator and arguments)
BIGDIR="$WORK/gen$MAX"
stamp="$(cat "$GEN" benches/gen_claims.py | sha256sum | cut -c1-16) files=$MAX claims=$CLAIMS sources=$SOURCES seed=$SEED"
if [[ -f "$BIGDIR/.stamp" && "$(cat "$BIGDIR/.stamp")" == "$stamp" ]]; then
  say "== reusing $BIGDIR ($stamp)"
else
  say "== generate: python3 $GEN --out $BIGDIR --files $MAX --claims $CLAIMS --sources $SOURCES --seed $SEED"
  rm -rf "$BIGDIR"
  t0=$SECONDS
  python3 "$GEN" --out "$BIGDIR" --files "$MAX" --claims "$CLAIMS" --sources "$SOURCES" --seed "$SEED" | sed 's/^/    /'
  say "    (generated in $((SECONDS - t0)) s)"
  printf '%s' "$stamp" >"$BIGDIR/.stamp"
fi

# DIR for n files: the big directory itself, or a hard-linked prefix of it
dir_for() {
  local n=$1
  if ((n == MAX)); then echo "$BIGDIR"; return; fi
  local d="$WORK/n$n"
  if [[ ! -f "$d/.stamp" || "$(cat "$d/.stamp")" != "$stamp" ]]; then
    rm -rf "$d"
    mkdir -p "$d"
    ln "$BIGDIR/sources.yaml" "$d/sources.yaml"
    (cd "$BIGDIR" && seq -f 'art-%06g.yaml' 1 "$n" | xargs ln -t "$d")
    printf '%s' "$stamp" >"$d/.stamp"
  fi
  echo "$d"
}

# timeit RUNS CMD...: runs CMD (stdout to /dev/null) under /usr/bin/time -f "%e s %M KB" (plus user and sys CPU
# seconds on a second line: the two cores are often shared, and CPU time does not depend on that); prints every
# run; sets BEST_WALL, BEST_RSS (KB), BEST_CPU (user+sys s) and BEST_RC to the fastest run's.
# rc 124 = stopped after the timeout, 125 = stopped for its RSS (capped.sh).
timeit() {
  local runs=$1; shift
  BEST_WALL="" BEST_RSS="" BEST_RC="" BEST_CPU=""
  local i wall rss rc cpu
  for ((i = 1; i <= runs; i++)); do
    rc=0
    /usr/bin/time -f $'%e s %M KB\n%U %S' -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || rc=$?
    read -r wall _ rss _ < <(grep -E '^[0-9.]+ s [0-9]+ KB$' "$WORK/time.txt" | tail -1)
    cpu=$(tail -1 "$WORK/time.txt" | awk '{printf "%.2f", $1 + $2}')
    say "    run $i: $wall s $rss KB, CPU $cpu s user+sys (exit $rc; load $(loadavg))"
    if [[ -z "$BEST_WALL" ]] || awk "BEGIN {exit !($wall < $BEST_WALL)}"; then
      BEST_WALL=$wall BEST_RSS=$rss BEST_RC=$rc BEST_CPU=$cpu
    fi
  done
}

# capped.sh SECONDS MAX_MB CMD...: runs CMD, stops it (exit 124) after SECONDS or (exit 125) once its RSS passes
# MAX_MB, so a run that grows too large cannot take the shared machine's memory.
cat >"$WORK/capped.sh" <<'SH'
secs=$1 max_kb=$(($2 * 1024)); shift 2
"$@" & pid=$!
start=$SECONDS
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  if (( ${rss:-0} > max_kb )); then kill "$pid"; wait "$pid"; exit 125; fi
  if (( SECONDS - start >= secs )); then kill "$pid"; wait "$pid"; exit 124; fi
  sleep 0.2
done
wait "$pid"
SH

HAS_MATCH=""
if [[ -n "${SKIP_MATCH:-}" ]]; then
  say "== match: skipped (SKIP_MATCH set)"
elif "$BIN" match --help >/dev/null 2>&1; then
  HAS_MATCH=1
else
  say "== match: skipped (\`claimtrail match --help\` fails: this build has no match subcommand)"
fi

ROWS=()
for n in $SIZES; do
  d=$(dir_for "$n")
  runs=$RUNS
  ((n == MAX)) && runs=$BIG_RUNS
  files=$(find "$d" -maxdepth 1 -name 'art-*.yaml' | wc -l)
  mb=$(du -s --apparent-size --block-size=1 "$d" | awk '{printf "%.0f", $1/1e6}')
  say ""
  say "== $files claim files ($((files * CLAIMS)) claims, $mb MB) + sources.yaml ($SOURCES entries): $d"
  say "    \$ /usr/bin/time -f \"%e s %M KB\" $BIN check $d --format json > /dev/null    (best of $runs)"
  sync
  timeit "$runs" "$BIN" check "$d" --format json
  if [[ "$BEST_RC" != 0 && "$BEST_RC" != 1 ]]; then
    say "claimtrail check failed (exit $BEST_RC):" >&2; head -20 "$WORK/stderr.txt" >&2; exit 1
  fi
  c_wall=$BEST_WALL c_rss=$BEST_RSS c_cpu=$BEST_CPU
  m_wall="n/a" m_rss="n/a" m_cpu="n/a"
  if [[ -n "$HAS_MATCH" ]] && ((n > MATCH_MAX_FILES)); then
    say "    match: skipped above MATCH_MAX_FILES=$MATCH_MAX_FILES files"
    m_wall="skipped" m_rss="-"
  elif [[ -n "$HAS_MATCH" ]]; then
    say "    \$ /usr/bin/time -f \"%e s %M KB\" $BIN match $d > /dev/null    (best of $runs, timeout ${MATCH_TIMEOUT} s, stopped above ${MATCH_MAX_RSS_MB} MB)"
    timeit "$runs" bash "$WORK/capped.sh" "$MATCH_TIMEOUT" "$MATCH_MAX_RSS_MB" "$BIN" match "$d"
    if [[ "$BEST_RC" == 125 ]]; then
      m_wall="stopped above $MATCH_MAX_RSS_MB MB" m_rss="$((BEST_RSS / 1024))+"
    elif [[ "$BEST_RC" == 124 ]]; then
      m_wall="> $MATCH_TIMEOUT (stopped)" m_rss="$((BEST_RSS / 1024))+"
    elif [[ "$BEST_RC" != 0 && "$BEST_RC" != 1 ]]; then
      say "    match failed (exit $BEST_RC): $(head -3 "$WORK/stderr.txt")"
      m_wall="failed (exit $BEST_RC)" m_rss="-"
    else
      m_wall=$BEST_WALL m_rss=$((BEST_RSS / 1024)) m_cpu=$BEST_CPU
    fi
  fi
  ROWS+=("| $((files * CLAIMS)) | $files | $SOURCES | $mb MB | $c_wall | $c_cpu | $((c_rss / 1024)) | $m_wall | $m_cpu | $m_rss | $runs |")
done

say ""
say "== result ($DATE; nproc $(nproc), $CPU; commit $COMMIT; load after: $(loadavg))"
say ""
say "| claims | files | registry entries | on disk | check wall s | check CPU s | check max RSS MB | match wall s | match CPU s | match max RSS MB | runs (best kept) |"
say "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in "${ROWS[@]}"; do say "$r"; done
say ""
say "Targets at 100,000 claims: check < 2 s, match < 10 s, max RSS < 500 MB."
