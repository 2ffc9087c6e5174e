#!/usr/bin/env python3
"""Generate claim files plus a large source registry for the `check`/`match` scale benchmark (stdlib only).

  python3 benches/gen_registry.py --out DIR --files 100000 [--claims 10] [--sources 5000] [--seed 7]

Writes DIR/sources.yaml (a registry of --sources entries, valid against schemas/sources.schema.json) and
DIR/art-NNNNNN.yaml claim files made by benches/gen_claims.py's `make_file` (same text, hashes, spans, review
and corroboration mix; that script itself is unchanged), then rewritten so that the registry is used:

- registry: outlets, news agencies, government bodies, officials, organisations, people and documents, with
  aliases (0-2), a role, a reliability for most outlets and agencies (a few `deprecated`/`generally-unreliable`),
  and `republishes` links from 30 % of outlets to agencies (registry agencies or the built-in `reuters`, `ap`,
  `afp`, `interfax`, `tass`), so syndication chains exist;
- 55 % of named attributions and 50 % of `via` relays are re-pointed at a registry entry: by `source` id
  (60 %) or only by its name or one of its aliases (40 %, resolved through the registry's name index);
  2 % of named attributions name an outlet that is in no registry (the `unknown-source` rule);
- url corroborations get a registry `source` half of the time, and 4 % of claims get one more;
- 4 % of claims get a waiver with a reason (`single-secondary-source` or `anonymous-only`), 0.3 % one without;
- claim corroborations (`art-NNNNNN#id`) are those of gen_claims.py: 12 % of claims, always earlier files.

Every file is valid for `claimtrail validate`: referenced ids exist, and only earlier files are referenced, so
any prefix `art-000001 .. art-N` of the numbering (plus sources.yaml) is a self-contained set; benches/check.sh
uses hard links to such prefixes for the smaller sizes. Deterministic: same arguments, byte-identical files.
"""
import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in benches/
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_claims  # noqa: E402  (benches/gen_claims.py: write_files, scalar)

PLACES = ["Hollin", "Dravin", "Karvia", "Estmark", "Lyon", "Vienna", "Northgate", "Brenmoor", "Tasveld",
          "Oskara", "Marrow", "Velden", "Quarry Bay", "Sundhal", "Corvin", "Istra", "Palmyra Falls", "Redwater",
          "Ambergate", "Kestrel", "Lowmarsh", "Farrow", "Ulmstad", "Greyhaven", "Westmoor", "Tiber Cove",
          "Halvik", "Ostrava", "Meridian", "Caledon", "Brightwell", "Eskerby", "Norvale", "Sorrento Bay",
          "Vasska", "Pelham", "Ruthen", "Zamora", "Linden", "Atherby"]
KINDS = {
    # type: (role, share, name patterns)
    "outlet": ("secondary", 40, ["{p} Herald", "{p} Daily", "{p} Gazette", "{p} Evening Post", "{p} Tribune",
                                 "{p} Radio", "{p} Television", "The {p} Courier", "{p} Observer", "{p} Times",
                                 "{p} Chronicle", "{p} Ledger", "{p} Sentinel", "{p} News Online"]),
    "news-agency": ("secondary", 5, ["{p} Press Agency", "{p} News Service", "{p} Wire", "{p} Telegraph Agency"]),
    "government": ("primary", 20, ["{p} Foreign Ministry", "{p} Interior Ministry", "{p} Finance Ministry",
                                   "{p} City Council", "{p} Port Authority", "{p} Health Department",
                                   "{p} Statistics Office", "{p} Election Commission", "{p} Central Bank",
                                   "{p} Defence Ministry", "{p} Energy Ministry", "{p} Police"]),
    "official": ("primary", 10, ["Mayor of {p}", "{p} Prime Minister", "{p} Chief Prosecutor",
                                 "{p} Harbour Master", "{p} Government Spokesperson", "{p} Fire Chief"]),
    "organisation": ("primary", 15, ["{p} Energy Company", "{p} Workers' Union", "{p} Airlines",
                                     "{p} Chamber of Commerce", "{p} Red Cross", "{p} Shipping Group",
                                     "{p} University", "{p} Football Club", "{p} Farmers' Association"]),
    "person": ("primary", 5, ["{f} {l}"]),
    "document": ("primary", 5, ["{p} Annual Budget Report", "{p} Audit Office Report", "{p} Court Filing",
                                "{p} Census Dataset", "{p} Safety Inspection Report"]),
}
FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Katya", "Luis",
         "Mira", "Nils", "Olga", "Pavel", "Rosa", "Stefan", "Tara", "Viktor"]
LAST = ["Andersen", "Bauer", "Costa", "Dvořák", "Eriksen", "Fischer", "García", "Horvat", "Ivanova", "Jansen",
        "Kowalska", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quintero", "Rossi", "Sato", "Weber"]
BUILTIN_AGENCIES = ["reuters", "ap", "afp", "interfax", "tass"]
RELIABILITY = [("generally-reliable", 50), ("no-consensus", 15), ("generally-unreliable", 6), ("deprecated", 2),
               (None, 27)]
UNREGISTERED = ["Valley Gazette", "Harbour Weekly", "The Evening Lantern", "Coastline FM", "Metro Bulletin"]
WAIVABLE = ["single-secondary-source", "anonymous-only"]


def slug(s: str) -> str:
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in s.lower())
    return "-".join(p for p in out.split("-") if p)


def make_registry(rng, n: int):
    """`n` registry entries (dicts in the order sources.schema.json lists the keys)."""
    types = list(KINDS)
    weights = [KINDS[t][1] for t in types]
    entries, names, ids = [], set(), set()
    agencies = []
    while len(entries) < n:
        t = rng.choices(types, weights)[0]
        role, _, patterns = KINDS[t]
        name = rng.choice(patterns).format(p=rng.choice(PLACES), f=rng.choice(FIRST), l=rng.choice(LAST))
        k = 2
        base = name
        while name.lower() in names:
            name = f"{base} {k}"
            k += 1
        names.add(name.lower())
        sid = slug(name)
        assert sid not in ids and sid not in BUILTIN_AGENCIES, sid
        ids.add(sid)
        e = {"id": sid, "name": name}
        aliases = []
        for _ in range(rng.choices([0, 1, 2], [40, 40, 20])[0]):
            a = rng.choice([f"the {name}", f"{name} ({t.replace('-', ' ')})", name.upper(), f"{name} staff"])
            if a.lower() not in names:
                names.add(a.lower())
                aliases.append(a)
        if aliases:
            e["aliases"] = aliases
        e["type"] = t
        e["role"] = role
        if t in ("outlet", "news-agency"):
            rel = rng.choices([r for r, _ in RELIABILITY], [w for _, w in RELIABILITY])[0]
            if rel:
                e["reliability"] = rel
        if t == "outlet" and rng.random() < 0.3:
            pool = BUILTIN_AGENCIES + agencies
            e["republishes"] = sorted(set(rng.choice(pool) for _ in range(rng.randint(1, 2))))
        if t == "news-agency":
            agencies.append(sid)
        if rng.random() < 0.2:
            e["url"] = f"https://example.org/{sid}"
        entries.append(e)
    return entries


def registry_yaml(entries) -> str:
    out = ["# yaml-language-server: $schema=../schemas/sources.schema.json\n",
           f"# Generated by benches/gen_registry.py: {len(entries)} entries.\n",
           "schema_version: 1\n", "sources:\n"]
    gen_claims.emit(entries, 2, out)
    return "".join(out)


def retarget(rng, data, entries, secondary):
    """Points attributions, relays and corroborations of one claim file at registry entries (in place)."""
    def pick(pool):
        e = pool[rng.randrange(len(pool))]
        if rng.random() < 0.6:
            return e["name"], e["id"]
        return rng.choice([e["name"]] + e.get("aliases", [])), None

    for claim in data["claims"]:
        for a in claim["attribution"]:
            if not a["anonymous"]:
                r = rng.random()
                if r < 0.55:
                    e = entries[rng.randrange(len(entries))]
                    name, sid = pick([e])
                    a["name"] = name
                    a["kind"] = e["role"]
                    a.pop("role", None)
                    if sid:
                        a["source"] = sid
                    else:
                        a.pop("source", None)
                elif r < 0.57:
                    a["name"] = rng.choice(UNREGISTERED)
                    a["kind"] = "secondary"
                    a.pop("role", None)
                    a.pop("source", None)
            for relay in a.get("via", []):
                if rng.random() < 0.5:
                    name, sid = pick(secondary)
                    relay["name"] = name
                    if sid:
                        relay["source"] = sid
                    else:
                        relay.pop("source", None)
        for c in claim["corroboration"]:
            if "url" in c and rng.random() < 0.5:
                c["source"] = secondary[rng.randrange(len(secondary))]["id"]
        if rng.random() < 0.04:
            e = secondary[rng.randrange(len(secondary))]
            claim["corroboration"].append({"url": f"https://example.org/{e['id']}/story-{rng.randrange(10**6)}",
                                           "source": e["id"], "kind": "secondary"})
        r = rng.random()
        if r < 0.043:
            review = claim["review"]
            waiver = {"rule": rng.choice(WAIVABLE)}
            if r < 0.04:
                waiver["reason"] = "Checked against the registry entry's own statement."
            review.setdefault("waivers", []).append(waiver)
        if "extracted" in claim:
            digest = hashlib.sha256(json.dumps([claim["attribution"], claim["hedging"]],
                                               sort_keys=True).encode()).hexdigest()
            claim["extracted"] = digest[:16]
    # keep key order as record.rs writes it: review and extracted last
    for claim in data["claims"]:
        for k in ("review", "extracted"):
            if k in claim:
                claim[k] = claim.pop(k)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (created; existing files are replaced)")
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--claims", type=int, default=10, help="claims per file")
    ap.add_argument("--sources", type=int, default=5000, help="registry entries")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--refs-window", type=int, default=200, help="corroborations point into the last N files")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    entries = make_registry(rng, args.sources)
    (out / "sources.yaml").write_text(registry_yaml(entries), encoding="utf-8")
    secondary = [e for e in entries if e["role"] == "secondary"]
    total = gen_claims.write_files(rng, out, args.files, args.claims, args.refs_window,
                                   transform=lambda data: retarget(rng, data, entries, secondary))
    print(f"wrote sources.yaml ({len(entries)} entries) and {args.files} claim files "
          f"({total / 1e6:.2f} MB, {args.claims} claims each) to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
