#!/usr/bin/env bash
# Speed and memory of `claimtrail validate` against check-jsonschema on the same generated claim files.
#
#   bash benches/validate.sh                 # from the repo root (or anywhere: it cds to the repo)
#
# Steps: cargo build --release; generate N (2,000) claim files of 10 claims (benches/gen_claims.py); time
# `claimtrail validate DIR` best of RUNS (3), pinned to one core (taskset -c $CORE) and unpinned; time
# `check-jsonschema --schemafile schemas/claim-file.schema.json DIR/*.yaml` once, pinned; print the ratio;
# then generate BIG_N (100,000) files and measure claimtrail's wall time and max RSS with /usr/bin/time -v.
#
# Knobs (environment):
#   N=2000 BIG_N=100000 CLAIMS=10 SEED=42 RUNS=3 CORE=0
#   WORK=/tmp/claimtrail-bench     generated files are kept here and reused when generator + arguments match
#   PEER_RUNS=1                    check-jsonschema runs (it takes minutes: 1 by default)
#   SKIP_PEER=1 SKIP_BIG=1 SKIP_BUILD=1
#   PEERS_VENV=/tmp/peers/venv     check-jsonschema venv; set up with ../shared/peers/setup.sh when missing
# Needs: the repo, cargo, python3, taskset; /usr/bin/time (apt-get install -y time) for the RSS step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N=${N:-2000}
BIG_N=${BIG_N:-100000}
CLAIMS=${CLAIMS:-10}
SEED=${SEED:-42}
RUNS=${RUNS:-3}
PEER_RUNS=${PEER_RUNS:-1}
CORE=${CORE:-0}
WORK=${WORK:-${TMPDIR:-/tmp}/claimtrail-bench}
PEERS_DIR=${PEERS_DIR:-$ROOT/../shared/peers}
PEERS_VENV=${PEERS_VENV:-/tmp/peers/venv}
BIN="$ROOT/target/release/claimtrail"
SCHEMA=schemas/claim-file.schema.json
GEN=benches/gen_claims.py
mkdir -p "$WORK"

say() { printf '%s\n' "$*"; }
load() { say "    load: $(uptime | sed 's/.*load average/load average/')"; }

# wall time of a whole process, best of $1 runs: prints each run, and writes "best_wall_s user_s sys_s maxrss_kb rc"
# of the best run to $WORK/last.res. The command's stdout+stderr (last run) go to $WORK/last.out.
timeit() {
  local runs=$1; shift
  python3 - "$runs" "$WORK/last.out" "$WORK/last.res" "$@" <<'PY'
import os, subprocess, sys, time
runs, out, res, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
best = None
for _ in range(runs):
    with open(out, "wb") as f:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    rec = (wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, rc)
    print(f"    run: {wall:.3f} s wall, {ru.ru_utime:.3f} s user, {ru.ru_stime:.3f} s sys, "
          f"{ru.ru_maxrss / 1024:.1f} MB max RSS, rc={rc}", flush=True)
    if best is None or wall < best[0]:
        best = rec
open(res, "w").write(f"{best[0]:.3f} {best[1]:.3f} {best[2]:.3f} {best[3]} {best[4]}\n")
PY
}

# generate $2 files into $1 unless a stamp says the same generator and arguments made them
generate() {
  local dir=$1 n=$2
  local stamp
  stamp="$(sha256sum "$GEN" | cut -c1-16) files=$n claims=$CLAIMS seed=$SEED"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" ]]; then
    say "    reusing $dir ($stamp)"
  else
    rm -rf "$dir"
    local t0=$SECONDS
    python3 "$GEN" --out "$dir" --files "$n" --claims "$CLAIMS" --seed "$SEED" | sed 's/^/    /'
    say "    (generated in $((SECONDS - t0)) s)"
    printf '%s' "$stamp" >"$dir/.stamp"
  fi
  say "    $(find "$dir" -name '*.yaml' | wc -l) files, $(du -s --apparent-size --block-size=1 "$dir" | awk '{printf "%.2f MB", $1/1e6}') on disk"
}

say "== machine"
say "    date (UTC): $(date -u '+%Y-%m-%d %H:%M:%S')"
say "    nproc: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); RAM: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
say "    kernel: $(uname -r); $(python3 --version); $(rustc --version 2>/dev/null || echo rustc ?)"
say "    claimtrail commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo ?)$(git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ' (with uncommitted changes in src/)')"
load

if [[ -z "${SKIP_BUILD:-}" ]]; then
  say "== build: cargo build --release"
  cargo build --release --quiet
fi
[[ -x "$BIN" ]] || { say "no $BIN: build first" >&2; exit 2; }

say "== generate $N files: python3 $GEN --out $WORK/n$N --files $N --claims $CLAIMS --seed $SEED"
DIR="$WORK/n$N"
generate "$DIR" "$N"

say "== claimtrail, pinned to one core, best of $RUNS"
say "    \$ taskset -c $CORE $BIN validate $DIR"
load
timeit "$RUNS" taskset -c "$CORE" "$BIN" validate "$DIR"
read -r CT1 CT1_U CT1_S CT1_RSS CT1_RC <"$WORK/last.res"
say "    output: $(tail -1 "$WORK/last.out")"
[[ "$CT1_RC" == 0 ]] || { say "claimtrail validate failed (rc=$CT1_RC): the generated files must be valid" >&2; cat "$WORK/last.out" | head -20 >&2; exit 1; }

say "== claimtrail, unpinned ($(nproc) cores), best of $RUNS"
say "    \$ $BIN validate $DIR"
load
timeit "$RUNS" "$BIN" validate "$DIR"
read -r CT2 CT2_U CT2_S CT2_RSS CT2_RC <"$WORK/last.res"

PEER=""
if [[ -n "${SKIP_PEER:-}" ]]; then
  say "== check-jsonschema: skipped (SKIP_PEER set)"
elif [[ ! -d "$PEERS_DIR" ]]; then
  say "== check-jsonschema: skipped ($PEERS_DIR is absent; set PEERS_DIR to the peers checkout)"
else
  if [[ ! -x "$PEERS_VENV/bin/check-jsonschema" ]]; then
    say "== installing the peers: PEERS_VENV=$PEERS_VENV sh $PEERS_DIR/setup.sh"
    PEERS_VENV="$PEERS_VENV" sh "$PEERS_DIR/setup.sh"
  fi
  CJ="$PEERS_VENV/bin/check-jsonschema"
  say "== check-jsonschema $("$CJ" --version 2>/dev/null | awk '{print $NF}'), pinned to one core, $PEER_RUNS run(s)"
  say "    \$ taskset -c $CORE $CJ --schemafile $SCHEMA $DIR/*.yaml"
  load
  timeit "$PEER_RUNS" taskset -c "$CORE" "$CJ" --schemafile "$SCHEMA" "$DIR"/*.yaml
read -r PJ PJ_U PJ_S PJ_RSS PJ_RC <"$WORK/last.res"
  say "    output: $(tail -1 "$WORK/last.out")"
  if [[ "$PJ_RC" != 0 ]] || ! grep -q 'ok -- validation done' "$WORK/last.out"; then
    say "check-jsonschema rejected the generated files (rc=$PJ_RC):" >&2; head -20 "$WORK/last.out" >&2; exit 1
  fi
  PEER=1
fi

say ""
say "== result: $N files x $CLAIMS claims"
printf '    %-44s %9s %9s %9s\n' "tool" "wall s" "user s" "RSS MB"
printf '    %-44s %9s %9s %9.1f\n' "claimtrail validate, 1 core, best of $RUNS" "$CT1" "$CT1_U" "$(awk "BEGIN {print $CT1_RSS/1024}")"
printf '    %-44s %9s %9s %9.1f\n' "claimtrail validate, $(nproc) cores, best of $RUNS" "$CT2" "$CT2_U" "$(awk "BEGIN {print $CT2_RSS/1024}")"
if [[ -n "$PEER" ]]; then
  printf '    %-44s %9s %9s %9.1f\n' "check-jsonschema, 1 core, $PEER_RUNS run(s)" "$PJ" "$PJ_U" "$(awk "BEGIN {print $PJ_RSS/1024}")"
  R1=$(python3 -c "print(f'{$PJ/$CT1:.1f}')")
  R2=$(python3 -c "print(f'{$PJ/$CT2:.1f}')")
  say "    ratio (wall, one core vs one core): ${R1}x   (check-jsonschema 1 core vs claimtrail $(nproc) cores: ${R2}x)"
  R3=$(python3 -c "print(f'{($PJ_U+$PJ_S)/($CT1_U+$CT1_S):.1f}')")
  say "    ratio of CPU time (user+sys, less sensitive to other load on the machine): ${R3}x"
  python3 -c "import sys; sys.exit(0 if $PJ/$CT1 >= 100 else 1)" && say "    target >= 100x (wall, one core): met" \
    || say "    target >= 100x (wall, one core): NOT met"
fi

if [[ -z "${SKIP_BIG:-}" ]]; then
  say ""
  say "== generate $BIG_N files: python3 $GEN --out $WORK/n$BIG_N --files $BIG_N --claims $CLAIMS --seed $SEED"
  BIG="$WORK/n$BIG_N"
  generate "$BIG" "$BIG_N"
  if [[ ! -x /usr/bin/time ]]; then
    say "    /usr/bin/time missing: apt-get install -y time"
    apt-get install -y time >/dev/null
  fi
  say "== claimtrail on $BIG_N files, unpinned, max RSS"
  say "    \$ /usr/bin/time -v $BIN validate $BIG"
  sync
  load
  /usr/bin/time -v "$BIN" validate "$BIG" >"$WORK/big.out" 2>"$WORK/big.time" && rc=0 || rc=$?
  say "    output: $(tail -1 "$WORK/big.out") (rc=$rc)"
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/big.time")
  RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/big.time")
  USR=$(awk -F': ' '/User time/ {print $2}' "$WORK/big.time")
  say "    wall $WALL, user ${USR} s, max RSS $((RSS / 1024)) MB ($RSS kB)"
  if (( RSS < 200 * 1024 )); then say "    target < 200 MB: met"; else say "    target < 200 MB: NOT met"; fi
  [[ "$rc" == 0 ]] || { say "claimtrail validate failed on $BIG (rc=$rc)" >&2; exit 1; }
fi
load
