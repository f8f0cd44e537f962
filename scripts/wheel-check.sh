#!/usr/bin/env bash
# CI: partygraph works wherever it is installed, not only from its checkout.
# Builds the wheel, installs it into a fresh venv, and from an empty temporary folder
# (umask 027) runs the seed extraction, `demo` and `query --list`, then makes a project
# folder and edits its registry. Checks the facts, every demo output, the files' modes
# (the umask's: 0640) and that the installed package was not changed.
# Usage: scripts/wheel-check.sh [PYTHON]   (PYTHON builds the wheel; default .venv/bin/python)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_python=${1:-$root/.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build_python" -m pip wheel -q --no-deps -w "$work/dist" "$root" 2>&1 | grep -v '^WARNING' || true
# A fresh venv without its own pip (the builder's pip installs into it: --python), and
# no byte-compiling at install time: half the time of a plain venv + pip install.
python3 -m venv --without-pip "$work/venv"
"$build_python" -m pip --python "$work/venv/bin/python" install -q --no-compile \
  "$work"/dist/partygraph-*.whl 2>&1 | grep -v '^WARNING' || true
pg="$work/venv/bin/partygraph"
py="$work/venv/bin/python"
data=$("$py" -c 'from partygraph import paths; print(paths.bundled_dir("registry").parent)')
case "$data" in "$work"/venv/*) ;; *) echo "wheel-check: data read from $data, not the venv" >&2; exit 1 ;; esac
before=$(cd "$data" && find . -type f -exec sha256sum {} + | sort | sha256sum)

mkdir "$work/empty"
cd "$work/empty"
umask 027
"$pg" extract --format json "$data/statements/000_d09a13167ed8fed5.txt" > seed.json
"$pg" query --list --format csv > queries.csv
"$pg" demo --out out > demo.log
"$pg" init ws > init.log
(cd ws && "$pg" registry add-alias akel "A.K.E.L. (wheel check)" --why "CI" > /dev/null)
if "$pg" registry add-alias akel "outside a project" 2> refused.txt; then
  echo "wheel-check: a registry edit outside a project folder was not refused" >&2; exit 1
fi

"$py" - "$root/tests/expected/seed.json" "$root/data/statements" <<'PY'
import csv, json, stat, sys
from pathlib import Path

got, want = json.loads(Path("seed.json").read_text()), json.loads(Path(sys.argv[1]).read_text())
for field in ("title", "headline", "date", "publication_date", "place"):
    assert got[field] == want[field], f"seed {field}: {got[field]!r} != {want[field]!r}"
assert [(s["position"], s["as_printed"], s["country"]) for s in got["signatories"]] == [
    (s["position"], s["as_printed"], s["country"]) for s in want["signatories"]
], "seed signatories"
names = [r["name"] for r in csv.DictReader(open("queries.csv"))]
assert len(names) >= 20 and "signatories" in names, names
out = Path("out")
for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld", "ingest-report.json",
             "validation.txt", "network/report.md", "network/network.gexf",
             "solidarity/solidarity.gexf", "viz/network.html", "viz/solidarity.html"):
    assert (out / name).is_file() and (out / name).stat().st_size > 0, f"demo wrote no {name}"
bundled = [p for p in Path(sys.argv[2]).iterdir() if p.is_file()]
assert len(list((out / "extract").glob("*.json"))) == len(bundled), "extract outputs"
assert sorted(p.stem for p in (out / "queries").glob("*.csv")) == sorted(names), "query outputs"
assert "conforms" in Path("demo.log").read_text()
assert "partygraph init" in Path("refused.txt").read_text()
assert "A.K.E.L. (wheel check)" in Path("ws/registry/parties.csv").read_text()
files = [p for p in [*out.rglob("*"), *Path("ws").rglob("*")] if p.is_file() and "store" not in p.parts]
bad = [f"{p} {oct(stat.S_IMODE(p.stat().st_mode))}" for p in files if stat.S_IMODE(p.stat().st_mode) != 0o640]
assert not bad, "not the umask's mode (0640): " + ", ".join(bad[:5])
print(f"wheel-check: seed facts, {len(names)} queries, demo outputs, {len(files)} files at 0640: ok")
PY

after=$(cd "$data" && find . -type f -exec sha256sum {} + | sort | sha256sum)
[ "$before" = "$after" ] || { echo "wheel-check: the installed package data changed" >&2; exit 1; }
echo "wheel-check: installed package unchanged: ok"
