"""Benchmark: network analysis of 10,000 statements x 500 parties (generated).

Run: ``.venv/bin/python tests/perf/bench_network.py [--statements N] [--parties N]``.
Not collected by pytest (file name). Budget: projections + metrics + one Louvain
run in at most 10 s; exits 1 when over budget.

The generated data imitates the real corpus: party activity is heavy-tailed
(a few parties sign almost everything), most statements have 2-10 signatories
and a few are large consensus texts with up to 80.
"""

from __future__ import annotations

import argparse
import sys
import time

import networkx as nx
import numpy as np

from partygraph.network import (
    Slice,
    analyse_data,
    apply_slice,
    disparity_filter,
    eigenvector,
    louvain,
    modularity,
    project,
    weighted_betweenness,
    weighted_closeness,
)
from partygraph.network.countries import country_network
from partygraph.network.load import PartyInfo, SignatureData, StatementInfo

BUDGET_S = 10.0
ISO2 = (  # noqa: SIM905 (a compact list of 100 country codes)
    "GR PT ES CY RU UA GB VE CO IN ZA FR DE IT BE NL SE DK FI NO IE AT CH CZ SK PL HU RO BG RS "
    "HR SI MK AL TR SY LB IL PS JO IQ IR PK BD LK NP CN VN LA KP JP KR PH ID MY AU NZ US CA MX "
    "CU BR AR CL UY PY BO PE EC GT SV HN NI PA CR DO HT JM TT DZ MA TN EG SD ET KE UG TZ MZ AO "
    "NA BW ZW ZM NG GH SN ML BF CI TG BJ"
).split()


def generate(n_statements: int, n_parties: int, seed: int = 7) -> SignatureData:
    rng = np.random.default_rng(seed)
    activity = rng.pareto(1.2, n_parties) + 0.05
    p = activity / activity.sum()
    parties = {
        f"p{i:04d}": PartyInfo(
            f"p{i:04d}", "", f"Party {i}", country=ISO2[int(rng.integers(len(ISO2)))]
        )
        for i in range(n_parties)
    }
    names = list(parties)
    statements, records = {}, []
    for s in range(n_statements):
        u = rng.random()
        k = (
            int(rng.integers(2, 11))
            if u < 0.75
            else int(rng.integers(11, 31))
            if u < 0.95
            else int(rng.integers(31, 81))
        )
        members = rng.choice(n_parties, size=min(k, n_parties), replace=False, p=p)
        sid = f"s{s:05d}"
        statements[sid] = StatementInfo(sid, "", year=1998 + s % 25, meeting=f"m{s % 40}")
        for j, m in enumerate(members):
            records.append((sid, names[int(m)], "initiator" if j == 0 else "signatory"))
    return SignatureData.from_records(records, parties=parties, statements=statements)


def store_of(data: SignatureData):
    """An in-memory EmbeddedStore holding ``data`` as the contract's triples."""
    import pyoxigraph as ox

    from partygraph.store import EmbeddedStore

    idb, pg = "https://w3id.org/partygraph/id/", "https://w3id.org/partygraph/ontology#"
    skos, dct = "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/"
    n, lit = ox.NamedNode, ox.Literal
    rtype = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    g = n(idb + "graph/registry")
    xsd_date = n("http://www.w3.org/2001/XMLSchema#date")
    quads = []
    for p in data.parties.values():
        s = n(idb + "party/" + p.id)
        quads += [
            ox.Quad(s, rtype, n(pg + "Party"), g),
            ox.Quad(s, n(skos + "prefLabel"), lit(p.label), g),
        ]
        if p.country:
            quads.append(ox.Quad(s, n(pg + "country"), n(idb + "country/" + p.country), g))
    for st in data.statements.values():
        s = n(idb + "statement/" + st.id)
        quads.append(ox.Quad(s, rtype, n(pg + "Statement"), g))
        if st.year:
            quads.append(ox.Quad(s, n(dct + "date"), lit(f"{st.year}-06-01", datatype=xsd_date), g))
        if st.meeting:
            quads.append(ox.Quad(s, n(pg + "adoptedAt"), n(idb + "meeting/" + st.meeting), g))
    for sig in data.signatures:
        prop = "signedBy" if sig.role == "signatory" else "initiatedBy"
        quads.append(
            ox.Quad(
                n(idb + "statement/" + sig.statement),
                n(pg + prop),
                n(idb + "party/" + sig.party),
                g,
            )
        )
    store = EmbeddedStore()
    store.oxigraph.extend(quads)
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=10_000)
    ap.add_argument("--parties", type=int, default=500)
    ap.add_argument(
        "--with-store", action="store_true", help="also time the SPARQL read from an Oxigraph store"
    )
    args = ap.parse_args()
    t0 = time.perf_counter()
    data = generate(args.statements, args.parties)
    gen = time.perf_counter() - t0
    steps: dict[str, float] = {}

    def timed(name, fn, *a, **kw):
        t = time.perf_counter()
        out = fn(*a, **kw)
        steps[name] = time.perf_counter() - t
        return out

    sliced = timed("slice (role both)", apply_slice, data, Slice())
    g = timed("projection (count, newman, jaccard)", project, sliced, "newman")
    timed("betweenness (1/weight)", weighted_betweenness, g)
    timed("closeness (1/weight)", weighted_closeness, g)
    timed("eigenvector", eigenvector, g)
    timed("k-core", nx.core_number, g)
    timed("strength + degree", lambda: (dict(g.degree(weight="weight")), dict(g.degree())))
    part = timed("louvain (one run, resolution 1)", louvain, g, 1.0, 42)
    q = modularity(g, part)
    budget_total = sum(steps.values())
    extra = {}
    t = time.perf_counter()
    b = disparity_filter(g, 0.05)
    extra["disparity backbone"] = time.perf_counter() - t
    t = time.perf_counter()
    country_network(g, sliced)
    extra["country network"] = time.perf_counter() - t
    t = time.perf_counter()
    analyse_data(data, resolutions=[1.0])
    extra["analyse_data (all steps, one Louvain)"] = time.perf_counter() - t

    print(
        f"generated {len(data.statements)} statements x {len(data.parties)} parties, "
        f"{len(data.signatures)} signatures in {gen:.2f} s"
    )
    print(f"projection: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    print(f"louvain: {len(set(part.values()))} communities, modularity {q:.3f}")
    print(f"backbone: {b.number_of_edges()} edges kept at alpha 0.05")
    for name, s in steps.items():
        print(f"  {name:<40} {s:7.3f} s")
    print(f"  {'TOTAL (budget ' + str(BUDGET_S) + ' s)':<40} {budget_total:7.3f} s")
    if args.with_store:
        from partygraph.network import load_signatures

        store = store_of(data)
        t = time.perf_counter()
        loaded = load_signatures(store)
        extra["SPARQL read (load_signatures)"] = time.perf_counter() - t
        assert len(loaded.signatures) == len(data.signatures)
    for name, s in extra.items():
        print(f"  {name + ' (not in budget)':<40} {s:7.3f} s")
    return 0 if budget_total <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
