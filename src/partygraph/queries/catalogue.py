"""The saved-query catalogue: ``queries/*.rq`` files with a grlc-style header.

Each file is SPARQL 1.1 preceded by ``#+ key: value`` comment lines (YAML once the
``#+`` is removed, the convention of grlc): ``title``, ``summary``, ``description``,
``tags``, ``params`` (a list of ``{name, type, required, default, description}``),
``defaultView`` and ``pagination`` (grlc's: the query answers in pages of that many
rows, see :func:`partygraph.queries.run.run_query`). In the body, parameter ``name`` is
the variable ``?_name``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from partygraph import paths
from partygraph.errors import PartygraphError

PARAM_TYPES = ("iri", "string", "integer", "date", "party", "country")
# parameter types whose value is an IRI: the body may write them ``?_name_iri`` (grlc)
IRI_TYPES = ("iri", "party")
VIEWS = ("Table", "BarChart", "Graph", "Map", "Timeline", "PieChart", "LineChart")
HEADER_KEYS = (
    "title",
    "summary",
    "description",
    "tags",
    "params",
    "defaultView",
    # keys grlc itself reads; allowed so the folder stays a valid grlc repository
    "defaults",
    "enumerate",
    "endpoint",
    "method",
    "pagination",
    "transform",
    "endpoint_in_url",
)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_QUERY_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# ?_name or $_name, not inside a longer name; strings/comments are removed first
_PARAM_VAR = re.compile(r"[?$]_([A-Za-z0-9_]+)")
_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
)
_COMMENT = re.compile(r"#[^\n]*")


@dataclass(frozen=True)
class Param:
    """One declared parameter of a saved query.

    ``default`` is the raw text a user would type (as for ``--param``), or ``None``.
    """

    name: str
    type: str = "string"
    required: bool = False
    default: str | None = None
    description: str = ""
    # the body writes it ``?_name_iri``: grlc's convention for a parameter it pastes as
    # an IRI, which lets the query use the value in triple patterns directly
    iri: bool = False

    @property
    def variable(self) -> str:
        """The SPARQL variable that carries the value, without ``?``.

        Examples
        --------
        >>> Param("party", "party").variable, Param("party", "party", iri=True).variable
        ('_party', '_party_iri')
        """
        return "_" + self.name + ("_iri" if self.iri else "")


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its header fields and its SPARQL text.

    Examples
    --------
    >>> q = parse_query('''#+ title: Count
    ... #+ summary: How many triples.
    ... #+ params:
    ... #+   - {name: p, type: iri, required: false}
    ... SELECT ?_p (COUNT(*) AS ?n) WHERE { ?s ?x ?o FILTER(COALESCE(?x = ?_p, true)) } GROUP BY ?_p
    ... ''', name="count")
    >>> q.title, [p.name for p in q.params], q.default_view
    ('Count', ['p'], 'Table')
    """

    name: str
    title: str
    summary: str
    sparql: str
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    default_view: str = "Table"
    path: Path | None = None
    header: Mapping[str, Any] = field(default_factory=dict)
    #: rows a page (grlc's ``#+ pagination: N``), or ``None``: the query answers in one piece
    pagination: int | None = None

    def param(self, name: str) -> Param | None:
        """Return the declared parameter ``name``, or ``None``."""
        return next((p for p in self.params if p.name == name), None)

    def signature(self) -> str:
        """A one-line summary of the parameters, e.g. ``party* min?`` (``*`` required).

        Examples
        --------
        >>> SavedQuery("q", "t", "s", "", params=(Param("party", "party", True),
        ...            Param("min", "integer"))).signature()
        'party:party* min:integer'
        """
        return " ".join(f"{p.name}:{p.type}{'*' if p.required else ''}" for p in self.params)


def _source(path: Path | None, name: str) -> str:
    return str(path) if path is not None else f"{name}.rq"


def split_header(text: str) -> tuple[str, str]:
    """Split a query file into its ``#+`` header (as YAML text) and the rest.

    The header is the run of ``#+`` lines at the top of the file (blank lines and plain
    ``#`` comments before it are allowed).

    Examples
    --------
    >>> split_header("#+ title: T\\n#+ tags:\\n#+   - a\\nSELECT * {}\\n")
    ('title: T\\ntags:\\n  - a', 'SELECT * {}\\n')
    """
    lines = text.splitlines(keepends=True)
    i, n = 0, len(lines)

    def is_header(line: str) -> bool:
        return line.lstrip().startswith("#+")

    while i < n and not is_header(lines[i]):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return "", text  # the query starts before any header line
        i += 1
    header: list[str] = []
    while i < n and is_header(lines[i]):
        body = lines[i].lstrip()[2:]
        header.append(body[1:] if body.startswith(" ") else body)
        i += 1
    if not header:
        return "", text
    return "".join(h.rstrip("\n") + "\n" for h in header).rstrip("\n"), "".join(lines[i:])


def body_variables(sparql: str) -> set[str]:
    """The parameter names used in a SPARQL body (``?_name`` -> ``name``).

    Text in comments, strings and IRIs is ignored.

    Examples
    --------
    >>> sorted(body_variables('SELECT ?_a ?b WHERE { ?s ?p "?_not" . # ?_nor\\n ?s ?q $_c }'))
    ['a', 'c']
    """
    text = _STRINGS.sub(" ", sparql)
    text = _COMMENT.sub(" ", text)
    return set(_PARAM_VAR.findall(text))


def _text(header: Mapping[str, Any], key: str, source: str, required: bool = False) -> str:
    value = header.get(key)
    if value is None:
        if required:
            raise PartygraphError(f"header has no '{key}'", source=source)
        return ""
    if not isinstance(value, str | int | float):
        raise PartygraphError(f"header '{key}' must be text", source=source)
    return str(value).strip()


def _pagination(header: Mapping[str, Any], source: str) -> int | None:
    value = header.get("pagination")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PartygraphError(
            f"header 'pagination' must be a number of rows a page >= 1, got {value!r}",
            source=source,
        )
    return value


def _params(raw: Any, source: str) -> tuple[Param, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise PartygraphError("header 'params' must be a YAML list", source=source)
    out: list[Param] = []
    for i, item in enumerate(raw, 1):
        where = f"params[{i}]"
        if not isinstance(item, dict):
            raise PartygraphError(
                "expected a mapping {name, type, ...}", source=source, where=where
            )
        unknown = set(item) - {"name", "type", "required", "default", "description"}
        if unknown:
            raise PartygraphError(f"unknown keys {sorted(unknown)}", source=source, where=where)
        name = item.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise PartygraphError(
                f"name {name!r} must be lowercase letters, digits and _", source=source, where=where
            )
        ptype = item.get("type", "string")
        if ptype not in PARAM_TYPES:
            raise PartygraphError(
                f"type {ptype!r} is not one of {', '.join(PARAM_TYPES)}", source=source, where=where
            )
        required = item.get("required", False)
        if not isinstance(required, bool):
            raise PartygraphError("required must be true or false", source=source, where=where)
        default = item.get("default")
        if default is not None:
            default = str(default)
        if name in {p.name for p in out}:
            raise PartygraphError(f"parameter {name!r} declared twice", source=source, where=where)
        out.append(Param(name, ptype, required, default, str(item.get("description") or "")))
    return tuple(out)


def parse_query(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Parse a saved query file's text.

    Raises :class:`PartygraphError` (naming the file) for a header that is not valid
    YAML, lacks a title or summary, declares a malformed parameter or a pagination that
    is not a number of rows, or for a body that uses an undeclared ``?_name`` or leaves a
    declared one unused.

    Examples
    --------
    >>> parse_query("#+ title: T\\n#+ summary: S\\nSELECT ?_x WHERE {}", "q")
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: q.rq: ?_x is used in the query but not declared in params
    >>> head = "#+ title: T\\n#+ summary: S\\n#+ pagination: "
    >>> parse_query(head + "100\\nSELECT * {}", "q").pagination
    100
    >>> parse_query(head + "all\\nSELECT * {}", "q")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: q.rq: header 'pagination' must be ... >= 1, got 'all'
    """
    source = _source(path, name)
    head, body = split_header(text)
    if not head:
        raise PartygraphError("no '#+' header (title, summary, params...)", source=source)
    try:
        header = yaml.safe_load(head)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"header line {mark.line + 1}" if mark is not None else "header"
        raise PartygraphError(
            f"not valid YAML: {getattr(e, 'problem', e)}", source=source, where=where
        ) from None
    if not isinstance(header, dict):
        raise PartygraphError("header must be 'key: value' lines", source=source)
    unknown = set(header) - set(HEADER_KEYS)
    if unknown:
        raise PartygraphError(f"unknown header keys {sorted(unknown)}", source=source)
    tags = header.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise PartygraphError("header 'tags' must be a list of words", source=source)
    view = _text(header, "defaultView", source) or "Table"
    if view not in VIEWS:
        raise PartygraphError(
            f"defaultView {view!r} is not one of {', '.join(VIEWS)}", source=source
        )
    params = _params(header.get("params"), source)
    if not body.strip():
        raise PartygraphError("no SPARQL after the header", source=source)
    used = body_variables(body)
    params = tuple(
        replace(p, iri=True) if p.type in IRI_TYPES and p.name + "_iri" in used else p
        for p in params
    )
    as_iri = {p.variable[1:]: p.name for p in params if p.iri}
    used = {as_iri.get(u, u) for u in used}
    declared = {p.name for p in params}
    if extra := sorted(used - declared):
        raise PartygraphError(
            f"?_{extra[0]} is used in the query but not declared in params", source=source
        )
    if unused := sorted(declared - used):
        raise PartygraphError(
            f"param {unused[0]!r} is declared but ?_{unused[0]} is not used", source=source
        )
    return SavedQuery(
        name=name,
        title=_text(header, "title", source, required=True),
        summary=_text(header, "summary", source, required=True),
        description=_text(header, "description", source),
        tags=tuple(tags),
        params=params,
        default_view=view,
        sparql=body,
        path=path,
        header=header,
        pagination=_pagination(header, source),
    )


def load_query_file(path: str | Path) -> SavedQuery:
    """Read one ``.rq`` file; a file without a ``#+`` header becomes an untitled query.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = Path(d, "ad-hoc.rq"); _ = f.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    ...     q = load_query_file(f)
    >>> q.name, q.title, q.params
    ('ad-hoc', 'ad-hoc', ())
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PartygraphError("query file not found", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise PartygraphError(f"cannot read the query file: {e}", source=str(path)) from None
    name = path.stem
    if split_header(text)[0]:
        return parse_query(text, name, path)
    used = body_variables(text)
    if used:
        raise PartygraphError(
            f"uses ?_{sorted(used)[0]} but has no '#+ params:' header declaring it",
            source=str(path),
        )
    if not text.strip():
        raise PartygraphError("empty query file", source=str(path))
    return SavedQuery(name=name, title=name, summary="", sparql=text, path=path)


class Catalogue:
    """The saved queries of a folder, by name (the file name without ``.rq``).

    Examples
    --------
    >>> cat = Catalogue.load()
    >>> len(cat) >= 15 and "signatories" in cat
    True
    >>> cat.get("party-statements").param("party").type
    'party'
    """

    def __init__(self, queries: Mapping[str, SavedQuery], directory: Path | None = None):
        self._queries = dict(sorted(queries.items()))
        self.directory = directory

    @classmethod
    def load(cls, dir: str | Path | Sequence[str | Path] | None = None) -> Catalogue:
        """Read every ``*.rq`` file of ``dir``, or of several folders in order.

        A query of a later folder overrides one of the same name in an earlier folder.
        The default is :func:`partygraph.paths.query_dirs`: the bundled catalogue, then
        the project folder's ``queries/``.
        """
        if dir is None:
            directories = paths.query_dirs()
        elif isinstance(dir, str | Path):
            directories = [Path(dir)]
        else:
            directories = [Path(d) for d in dir]
        queries: dict[str, SavedQuery] = {}
        for directory in directories:
            if not directory.is_dir():
                raise PartygraphError("saved-query folder not found", source=str(directory))
            for f in sorted(directory.glob("*.rq")):
                if not _QUERY_NAME.match(f.stem):
                    raise PartygraphError(
                        "query file names must be lowercase words joined by '-'", source=str(f)
                    )
                queries[f.stem] = parse_query(f.read_text(encoding="utf-8"), f.stem, f)
        return cls(queries, directories[-1])

    def __len__(self) -> int:
        return len(self._queries)

    def __iter__(self) -> Iterator[SavedQuery]:
        return iter(self._queries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def names(self) -> list[str]:
        """The query names, sorted."""
        return list(self._queries)

    def get(self, name: str) -> SavedQuery:
        """Return the saved query ``name``; unknown names raise :class:`PartygraphError`."""
        try:
            return self._queries[name]
        except KeyError:
            close = [n for n in self._queries if name in n or n in name]
            hint = f" (did you mean {', '.join(close[:3])}?)" if close else ""
            raise PartygraphError(
                f"no saved query named {name!r}{hint}; see 'partygraph query --list'",
                where="query",
            ) from None

    def find(self, name_or_path: str | Path) -> SavedQuery:
        """A saved query by name, or a query file by path (anything ending in ``.rq``).

        Examples
        --------
        >>> Catalogue.load().find("signatories").name
        'signatories'
        >>> Catalogue.load().find("nope.rq")
        Traceback (most recent call last):
        ...
        partygraph.errors.PartygraphError: nope.rq: query file not found
        """
        text = str(name_or_path)
        if isinstance(name_or_path, Path) or text.endswith(".rq") or "/" in text:
            return load_query_file(text)
        return self.get(text)
