"""Where partygraph finds its curated files: the user's project folder, else the bundled copy.

The registry, ontology, saved queries and example statements ship inside the package
(``partygraph/_data/``, copied there from the checkout's top-level ``ontology/``,
``data/`` and ``queries/`` when the wheel is built; an editable install reads the
checkout). A *project folder* is a folder holding ``partygraph.toml``, made by
``partygraph init DIR``; it is found as ``--home DIR`` (the ``home`` arguments here),
``$PARTYGRAPH_HOME``, or the current folder. Its ``registry/`` and ``statements/``
replace the bundled ones when present; its ``queries/`` add to the bundled catalogue
(a project query of the same name overrides the bundled one). The ontology is always
the bundled one. Registry edits only ever go to a project folder.

Examples
--------
>>> (ontology_dir() / "partygraph.ttl").is_file(), (registry_dir() / "parties.csv").is_file()
(True, True)
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

from partygraph._layout import BUNDLED
from partygraph.errors import PartygraphError

#: The file that marks a project folder.
PROJECT_FILE = "partygraph.toml"

_PROJECT_TOML = """\
# A partygraph project folder (made by 'partygraph init').
# registry/    the party registry: registry edits are written here
# queries/     your own saved queries (*.rq); a name of the bundled catalogue overrides it
# statements/  statement documents ('partygraph demo' reads them, else the bundled ones)
# The store the commands use by default (relative to this folder):
store = ".partygraph/store"
"""


def bundled_dir(name: str) -> Path:
    """The bundled folder ``name`` (``ontology``, ``registry``, ``statements``, ``queries``).

    Examples
    --------
    >>> bundled_dir("queries").is_dir()
    True
    """
    packaged = resources.files("partygraph") / "_data" / name
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / BUNDLED[name]  # editable install


def find_home(home: str | Path | None = None) -> Path | None:
    """The project folder: ``home``, else ``$PARTYGRAPH_HOME``, else the current folder.

    The current folder counts only when it holds ``partygraph.toml``; a folder given
    explicitly must hold one. Returns ``None`` when there is no project folder.

    Examples
    --------
    >>> import tempfile
    >>> find_home(tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: ...: not a partygraph project folder (no partygraph.toml); \
make one with 'partygraph init DIR'
    """
    given = home if home is not None else os.environ.get("PARTYGRAPH_HOME") or None
    if given is not None:
        folder = Path(given)
        if not (folder / PROJECT_FILE).is_file():
            raise PartygraphError(
                f"not a partygraph project folder (no {PROJECT_FILE}); "
                "make one with 'partygraph init DIR'",
                source=str(folder),
            )
        return folder
    cwd = Path.cwd()
    return cwd if (cwd / PROJECT_FILE).is_file() else None


def registry_dir(home: str | Path | None = None) -> Path:
    """The registry folder: the project's ``registry/`` when it has one, else the bundled one."""
    folder = find_home(home)
    if folder is not None and (folder / "registry" / "parties.csv").is_file():
        return folder / "registry"
    return bundled_dir("registry")


def editable_registry_dir(home: str | Path | None = None) -> Path:
    """The registry folder that edits go to: the project's, never the installed package's.

    Raises :class:`PartygraphError` (one line: run ``partygraph init``) without a project.
    """
    folder = find_home(home)
    if folder is None:
        raise PartygraphError(
            "registry edits go to a project folder, and there is none here: run "
            "'partygraph init DIR' and work inside DIR (or give --home DIR)"
        )
    registry = folder / "registry"
    if not (registry / "parties.csv").is_file():
        raise PartygraphError(
            "the project folder has no registry/parties.csv; copy one with 'partygraph init'",
            source=str(folder),
        )
    return registry


def statements_dir(home: str | Path | None = None) -> Path:
    """The statement folder: the project's ``statements/`` if it holds files, else bundled."""
    folder = find_home(home)
    if folder is not None:
        own = folder / "statements"
        if own.is_dir() and any(p.is_file() for p in own.iterdir()):
            return own
    return bundled_dir("statements")


def query_dirs(home: str | Path | None = None) -> list[Path]:
    """The saved-query folders, bundled first: a later folder's query overrides by name."""
    folder = find_home(home)
    dirs = [bundled_dir("queries")]
    if folder is not None and (folder / "queries").is_dir():
        dirs.append(folder / "queries")
    return dirs


def ontology_dir() -> Path:
    """The ontology folder (``partygraph.ttl``, ``shapes.ttl``, ``context.jsonld``)."""
    return bundled_dir("ontology")


def project_store(home: Path) -> Path:
    """The default store of a project folder (its ``partygraph.toml``'s ``store``)."""
    import tomllib

    toml = home / PROJECT_FILE
    try:
        settings = tomllib.loads(toml.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PartygraphError(f"not valid TOML: {exc}", source=str(toml)) from None
    store = settings.get("store", ".partygraph/store")
    if not isinstance(store, str) or not store:
        raise PartygraphError("field store: expected a folder name", source=str(toml))
    return home / store


def init_home(directory: str | Path) -> list[Path]:
    """Make ``directory`` a project folder; return what was created.

    Writes ``partygraph.toml``, copies the bundled registry to ``registry/`` and makes
    empty ``queries/`` and ``statements/`` folders. An existing project is refused.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()) / "ws"
    >>> [p.name for p in init_home(d)]
    ['partygraph.toml', 'registry', 'queries', 'statements']
    >>> find_home(d) == d, registry_dir(d) == d / "registry"
    (True, True)
    """
    from partygraph.files import write_text

    folder = Path(directory)
    if (folder / PROJECT_FILE).exists():
        raise PartygraphError("already a partygraph project folder", source=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        created = [write_text(folder / PROJECT_FILE, _PROJECT_TOML)]
        if not (folder / "registry").exists():
            # copyfile, not copy2: the copies get the umask's mode, not the package's
            shutil.copytree(
                bundled_dir("registry"), folder / "registry", copy_function=shutil.copyfile
            )
        created.append(folder / "registry")
        for name in ("queries", "statements"):
            (folder / name).mkdir(exist_ok=True)
            created.append(folder / name)
    except OSError as exc:
        raise PartygraphError(f"cannot create: {exc.strerror}", source=str(folder)) from exc
    return created
