"""Slices of the signature data: by meeting, year range, series and role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from partygraph.errors import PartygraphError
from partygraph.network.load import ROLE_INITIATOR, ROLE_SIGNATORY, SignatureData
from partygraph.text import slugify

ROLE_CHOICES = ("signatory", "initiator", "both")


@dataclass(frozen=True)
class Slice:
    """Which signatures to keep.

    ``meetings`` and ``series`` are slugs (or IRIs, or meeting labels); an empty
    tuple keeps all. ``since``/``until`` are inclusive years; a statement with no
    known year is dropped when either is set. ``role`` keeps signatories,
    initiators or both.

    Examples
    --------
    >>> Slice(since=2011, until=2014).describe()
    'years 2011-2014, role both'
    """

    meetings: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None
    series: tuple[str, ...] = ()
    role: str = "both"
    label: str | None = field(default=None, compare=False)

    def describe(self) -> str:
        """A short human description of the slice."""
        if self.label:
            return self.label
        parts = []
        if self.meetings:
            parts.append("meeting " + ", ".join(self.meetings))
        if self.series:
            parts.append("series " + ", ".join(self.series))
        if self.since is not None or self.until is not None:
            lo = "" if self.since is None else str(self.since)
            hi = "" if self.until is None else str(self.until)
            parts.append(f"years {lo}-{hi}")
        parts.append(f"role {self.role}")
        return ", ".join(parts) if len(parts) > 1 else "all statements, " + parts[0]

    def slug(self) -> str:
        """A folder name for the slice's files; ``""`` for the whole store.

        Examples
        --------
        >>> Slice(meetings=("imcwp-13",)).slug(), Slice().slug()
        ('meeting-imcwp-13', '')
        >>> Slice(since=2011, series=("imcwp",), role="signatory").slug()
        'series-imcwp-2011-signatory'
        """
        parts = [f"meeting-{m}" for m in self.meetings] + [f"series-{s}" for s in self.series]
        if self.since is not None or self.until is not None:
            years = [str(y) for y in (self.since, self.until) if y is not None]
            parts.append("-".join(years) if self.since is not None else f"until-{years[0]}")
        if self.role != "both":
            parts.append(self.role)
        return slugify("-".join(parts), max_length=80)

    def validate(self) -> Slice:
        """Raise :class:`PartygraphError` on an impossible slice; return self."""
        if self.role not in ROLE_CHOICES:
            raise PartygraphError(
                f"unknown role {self.role!r}, expected one of {', '.join(ROLE_CHOICES)}",
                where="--role",
            )
        if self.since is not None and self.until is not None and self.since > self.until:
            raise PartygraphError(
                f"--since {self.since} is after --until {self.until}", where="year range"
            )
        return self


def _match(value: str, candidates: dict[str, str], what: str) -> str:
    v = value.strip()
    low = v.lower()
    for slug, label in candidates.items():
        if low in (slug.lower(), label.lower()) or v.endswith("/" + slug):
            return slug
    known = ", ".join(candidates) or "none in the graph"
    raise PartygraphError(f"unknown {what} {value!r}; known: {known}", where=f"--{what}")


def apply_slice(data: SignatureData, spec: Slice) -> SignatureData:
    """Keep the signatures of ``data`` that fall in ``spec``.

    Parameters
    ----------
    data
        All signatures read from the store.
    spec
        The slice; unknown meeting or series names raise :class:`PartygraphError`.

    Returns
    -------
    SignatureData
        A new object; parties and statements restricted to those kept.

    Examples
    --------
    >>> from partygraph.network.load import StatementInfo
    >>> d = SignatureData.from_records(
    ...     [("s1", "a", "signatory"), ("s1", "b", "signatory"), ("s2", "a", "initiator")],
    ...     statements={"s1": StatementInfo("s1", "x", year=2011),
    ...                 "s2": StatementInfo("s2", "y", year=2018)})
    >>> sorted(s.party for s in apply_slice(d, Slice(until=2012)).signatures)
    ['a', 'b']
    >>> [s.statement for s in apply_slice(d, Slice(role="initiator")).signatures]
    ['s2']
    """
    spec.validate()
    meetings = {_match(m, data.meetings(), "meeting") for m in spec.meetings}
    series = {_match(s, data.series(), "series") for s in spec.series}
    roles = {ROLE_SIGNATORY, ROLE_INITIATOR} if spec.role == "both" else {spec.role}

    def keep_statement(st_id: str) -> bool:
        st = data.statements.get(st_id)
        if st is None:
            return False
        if meetings and st.meeting not in meetings:
            return False
        if series and st.series not in series:
            return False
        if spec.since is not None or spec.until is not None:
            if st.year is None:
                return False
            if spec.since is not None and st.year < spec.since:
                return False
            if spec.until is not None and st.year > spec.until:
                return False
        return True

    kept_st = {s for s in data.statements if keep_statement(s)}
    sigs = [s for s in data.signatures if s.statement in kept_st and s.role in roles]
    parties = {s.party for s in sigs}
    statements = {s.statement for s in sigs}
    return replace(
        data,
        signatures=sigs,
        parties={k: v for k, v in data.parties.items() if k in parties},
        statements={k: v for k, v in data.statements.items() if k in statements},
    )


@dataclass(frozen=True)
class SliceDiff:
    """What changed between slice A and slice B.

    ``moved`` lists parties present in both whose community in B is not the one
    matched to their community in A (communities matched by maximum overlap).
    """

    joined: list[str]
    left: list[str]
    moved: list[tuple[str, int, int]]  # party, community in A, community in B
    stayed: list[str]
    matching: dict[int, int]  # community in A -> matched community in B


def diff_partitions(
    a_members: Sequence[str],
    a_partition: dict[str, int],
    b_members: Sequence[str],
    b_partition: dict[str, int],
) -> SliceDiff:
    """Compare two slices' node sets and communities.

    Communities are matched one-to-one by maximum member overlap (Hungarian
    assignment), so renumbering between slices is not counted as moving.

    Examples
    --------
    >>> a = {"x": 0, "y": 0, "z": 1, "w": 1}
    >>> b = {"x": 5, "y": 5, "z": 5, "v": 7}
    >>> d = diff_partitions(list(a), a, list(b), b)
    >>> d.joined, d.left, d.moved
    (['v'], ['w'], [('z', 1, 5)])
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sa, sb = set(a_members), set(b_members)
    common = sorted(sa & sb)
    ca = sorted({a_partition[p] for p in common})
    cb = sorted({b_partition[p] for p in common})
    matching: dict[int, int] = {}
    if ca and cb:
        overlap = np.zeros((len(ca), len(cb)))
        ia = {c: i for i, c in enumerate(ca)}
        ib = {c: i for i, c in enumerate(cb)}
        for p in common:
            overlap[ia[a_partition[p]], ib[b_partition[p]]] += 1
        rows, cols = linear_sum_assignment(-overlap)
        matching = {ca[r]: cb[c] for r, c in zip(rows, cols, strict=True) if overlap[r, c] > 0}
    moved = [
        (p, a_partition[p], b_partition[p])
        for p in common
        if matching.get(a_partition[p]) != b_partition[p]
    ]
    moved_set = {m[0] for m in moved}
    return SliceDiff(
        joined=sorted(sb - sa),
        left=sorted(sa - sb),
        moved=moved,
        stayed=[p for p in common if p not in moved_set],
        matching=matching,
    )
