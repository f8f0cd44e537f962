"""One front door to partygraph: a :class:`Project` owns the home folder, the store, the
registry and the query catalogue, and offers one method per thing you do with them.

The command line builds one ``Project`` per call and calls one method per verb, so a
notebook gets the same behaviour as ``partygraph`` from a few lines:

>>> import tempfile
>>> from partygraph import Project
>>> with Project(store=tempfile.mkdtemp() + "/store") as kg:
...     reports = kg.ingest(kg.statements_dir / "000_d09a13167ed8fed5.txt")
...     rows = kg.query("signatories", title="korea")
>>> reports[0].status, len(rows) > 10, "party" in rows.columns
('added', True, True)
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from partygraph import paths
from partygraph.errors import PartygraphError
from partygraph.files import check_target

if TYPE_CHECKING:  # the stages are imported when a method needs them (a quick CLI start)
    import networkx as nx

    from partygraph.network import NetworkResult
    from partygraph.pipeline import IngestReport, SourceRemoval
    from partygraph.queries import Catalogue
    from partygraph.rdf.validate import ValidationReport
    from partygraph.resolve import Registry
    from partygraph.store.base import GraphStore, Table
    from partygraph.subjects import SubjectFinder


@dataclass
class Rows:
    """The result of a saved query: column names and rows of plain Python values.

    Iterating gives one dict per row; :meth:`to_dataframe` needs pandas (not required).
    """

    table: Table

    @property
    def columns(self) -> list[str]:
        """The column names, in the query's order."""
        return list(self.table.columns)

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """The rows as tuples of plain values (IRIs and strings as ``str``, numbers, dates)."""
        from partygraph.queries import rows_plain

        return rows_plain(self.table)

    @property
    def more(self) -> bool:
        """Whether the query is paged and has a page after this one (``page=`` of
        :meth:`Project.query`)."""
        return bool(getattr(self.table, "more", False))

    def records(self) -> list[dict[str, Any]]:
        """One dict per row, column name -> plain value."""
        from partygraph.queries import to_records

        return to_records(self.table)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records())

    def __len__(self) -> int:
        return len(self.table.rows)

    def to_csv(self) -> str:
        """The rows as CSV text with a header line."""
        from partygraph.queries import to_csv

        return to_csv(self.table)

    def to_dataframe(self) -> Any:
        """The rows as a pandas ``DataFrame`` (pandas must be installed)."""
        from partygraph.queries import to_dataframe

        return to_dataframe(self.table)


class Project:
    """A partygraph workspace: home folder, store, registry and saved queries.

    Parameters
    ----------
    home
        A project folder (holding ``partygraph.toml``, see ``partygraph init``); default
        ``$PARTYGRAPH_HOME``, else the current folder if it is one, else none (the
        bundled registry, queries and statements are used).
    store
        Folder of the embedded store. Default: ``$PARTYGRAPH_STORE``, else the project's
        store (``partygraph.toml``), else ``.partygraph/store`` in the current folder.
    endpoint, update_endpoint, graph_store, profile
        A remote SPARQL server instead of the embedded store (see ``docs/stores.md``).

    Examples
    --------
    >>> Project().registry.get("akel").country
    'CY'
    >>> "co-signers" in Project().catalogue
    True
    """

    def __init__(
        self,
        home: str | Path | None = None,
        *,
        store: str | Path | None = None,
        endpoint: str | None = None,
        update_endpoint: str | None = None,
        graph_store: str | None = None,
        profile: str | None = None,
    ) -> None:
        from partygraph.store import default_store_path

        self.home: Path | None = paths.find_home(home)
        self.endpoint = endpoint
        self._remote = {
            "update_endpoint": update_endpoint,
            "graph_store": graph_store,
            "profile": profile,
        }
        if endpoint:
            self.store_path: Path | None = None
        elif store is not None:
            self.store_path = Path(store)
        elif self.home is not None and not _env_store():
            self.store_path = paths.project_store(self.home)
        else:
            self.store_path = default_store_path()
        self._store: GraphStore | None = None

    @classmethod
    def init(cls, directory: str | Path) -> tuple[Project, list[Path]]:
        """Make ``directory`` a project folder; return it opened, and what was created.

        Examples
        --------
        >>> import tempfile
        >>> kg, made = Project.init(Path(tempfile.mkdtemp()) / "ws")
        >>> [p.name for p in made], kg.registry_dir == kg.home / "registry"
        (['partygraph.toml', 'registry', 'queries', 'statements'], True)
        """
        created = paths.init_home(directory)
        return cls(directory), created

    # ------------------------------------------------------------------ what it owns
    @property
    def registry_dir(self) -> Path:
        """The registry folder read: the project's, else the bundled one."""
        return paths.registry_dir(self.home)

    @property
    def editable_registry_dir(self) -> Path:
        """The registry folder edits go to (refused without a project folder)."""
        return paths.editable_registry_dir(self.home)

    @property
    def statements_dir(self) -> Path:
        """The statement folder: the project's ``statements/`` if it has files, else bundled."""
        return paths.statements_dir(self.home)

    @cached_property
    def registry(self) -> Registry:
        """The party registry (read once per project)."""
        from partygraph.resolve import Registry

        return Registry.load(self.registry_dir)

    @cached_property
    def subject_finder(self) -> SubjectFinder:
        """What each statement is about, matched against this project's registry."""
        from partygraph.subjects import SubjectFinder

        return SubjectFinder(self.registry)

    @cached_property
    def catalogue(self) -> Catalogue:
        """The saved queries: bundled, then the project's ``queries/`` (same name overrides)."""
        from partygraph.queries import Catalogue

        return Catalogue.load(paths.query_dirs(self.home))

    def store(self, *, create: bool = False) -> GraphStore:
        """The graph store, opened on first use.

        Reading never creates an embedded store by accident (a mistyped ``--store``):
        without ``create`` a missing folder is a user error.
        """
        if self._store is None:
            from partygraph.store import open_store

            if self.endpoint:
                self._store = open_store(endpoint=self.endpoint, **self._remote)
            else:
                assert self.store_path is not None
                if not create and not self.store_path.exists():
                    raise PartygraphError(
                        "no store here: run 'partygraph ingest PATH' first, "
                        "or give --store / --endpoint",
                        source=str(self.store_path),
                    )
                self._store = open_store(path=self.store_path, **self._remote)
        return self._store

    # ------------------------------------------------------------------ the verbs
    def read(self, path: str | Path) -> dict[str, Any]:
        """Extract and resolve one document without storing it: SPEC's extract JSON."""
        from partygraph.extract import read_document
        from partygraph.resolve import to_json

        record = read_document(Path(path), known_names=self.registry.known_names)
        resolved = self.subject_finder.annotate(self.registry.resolve(record))
        return to_json(resolved)

    def ingest(
        self,
        *sources: str | Path,
        skip_errors: bool = False,
        strict: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[IngestReport]:
        """Extract, resolve, convert and load files or folders; one report per file.

        Files of a folder that are not statement documents get a ``skipped`` report
        (``strict``: an error). A first ingest that fails (or loads nothing) leaves no
        store behind.
        """
        from partygraph.pipeline import ingest_paths

        made = _first_missing(self.store_path) if self.store_path is not None else None
        try:
            reports = ingest_paths(
                self.store(create=True),
                sources,
                self.registry,
                skip_errors=skip_errors,
                strict=strict,
                progress=progress,
                finder=self.subject_finder,
            )
        except BaseException:
            self._forget(made)
            raise
        if not any(r.status in ("added", "replaced") for r in reports):
            self._forget(made)
        return reports

    def _forget(self, made: Path | None) -> None:
        """Close the store and remove the folders this call created for it."""
        if made is None:
            return
        self.close()
        with contextlib.suppress(OSError):
            shutil.rmtree(made)

    def query(
        self, name: str | Path, /, *, limit: int | None = None, page: int | None = 1, **params: Any
    ) -> Any:
        """Run a saved query (by name, or a ``.rq`` file) with typed parameters.

        Parameter values are given as keywords, as text or Python values (checked
        against the query's declared types); a required one without a value is a
        :class:`PartygraphError`, as is a value that names nothing in the graph;
        ``limit`` caps the rows. A paged query (``#+ pagination: N``) answers ``page``
        (N rows, from 1; ``Rows.more`` tells whether another follows), ``page=None``
        every row.

        Returns :class:`Rows` for a SELECT, a ``bool`` for an ASK, and the list of
        ``pyoxigraph.Triple`` of a CONSTRUCT or DESCRIBE.
        """
        from partygraph.queries import run_query

        saved = self.catalogue.find(name)
        values = {k: str(v) for k, v in params.items()}
        result = run_query(self.store(), saved, values, limit, page=page, registry=self.registry)
        return result if isinstance(result, bool | list) else Rows(result)

    def export(self, fmt: str, target: str | Path | BinaryIO, *, graphs: bool = False) -> None:
        """Write the whole graph as ``turtle``, ``ntriples``, ``nquads``, ``trig`` or ``jsonld``.

        Turtle, N-Triples and JSON-LD hold the union of all graphs (a set: what
        ``rdflib.Graph().parse`` loads); ``graphs`` keeps the named graphs in JSON-LD.
        TriG and N-Quads always keep them. A file target is written atomically; one
        that exists and is not a regular file (a device, a named pipe) is refused
        before the store is read.
        """
        if graphs:
            if fmt in ("turtle", "ntriples"):
                raise PartygraphError(
                    f"{fmt} holds one graph; for the named graphs use trig, nquads or jsonld",
                    where="--graphs",
                )
            if fmt == "jsonld":
                from partygraph.store.export import JSONLD_GRAPHS

                fmt = JSONLD_GRAPHS
        if isinstance(target, str | Path):
            target = check_target(target)
        self.store().export(fmt, target)

    def validate(self) -> ValidationReport:
        """Check the stored graph against the SHACL shapes (``ontology/shapes.ttl``)."""
        from partygraph.rdf import validate
        from partygraph.store.summaries import SUMMARY_GRAPH

        # what the documents and the registry say: the derived summaries are left out
        return validate(
            self.store().construct(
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER(?g != <{SUMMARY_GRAPH}>) }}"
            )
        )

    def network(self, **slice: Any) -> NetworkResult:
        """Co-signature network analysis of one slice (see :func:`partygraph.network.analyse`).

        Nothing is written; :func:`partygraph.network.export.write_all` writes the files.
        """
        from partygraph.network import analyse

        return analyse(self.store(), **slice)

    def solidarity(self) -> nx.DiGraph:
        """The solidarity network: signing party -> what its statements are about."""
        from partygraph.network.solidarity import solidarity_network

        return solidarity_network(self.store())

    def stats(self) -> dict[str, int]:
        """Counts of what the store holds (statements, parties, triples, graphs...)."""
        return self.store().stats()

    def remove(self, source: str) -> SourceRemoval:
        """Remove one ingested document, by path, sha256 or source IRI.

        By path, only that path is forgotten while other paths hold the same bytes; the
        document's named graph goes with its last path. By sha256 or IRI, the graph goes
        whatever paths it has. Raises :class:`PartygraphError` when nothing matches.
        """
        from partygraph.pipeline import remove_source

        return remove_source(self.store(), source)

    def close(self) -> None:
        """Close the store (if it was opened); the project can open it again later."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.endpoint or self.store_path
        return f"Project(home={str(self.home) if self.home else None!r}, store={str(where)!r})"


def _env_store() -> bool:
    return bool(os.environ.get("PARTYGRAPH_STORE"))


def _first_missing(path: Path) -> Path | None:
    """The outermost folder of ``path`` that does not exist yet (``None``: it exists)."""
    missing = None
    for folder in [path, *path.parents]:
        if folder.exists():
            break
        missing = folder
    return missing
