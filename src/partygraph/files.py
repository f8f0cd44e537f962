"""Reading and writing files safely.

Reading (:func:`read_document_bytes`): only a regular file, no larger than a stated
limit, checked with ``stat`` before a byte is read, so a named pipe, ``/dev/zero`` or a
sparse 1 GiB file is refused with one line instead of hanging or filling memory.

Writing: a temporary file beside the target, renamed over it. One writer for every
stage. A reader never sees a half-written file, an error or an interrupt leaves the
previous file (or none), and the file gets the mode an ordinary ``open(path, "w")``
would give under the current umask (``mkstemp`` alone makes 0600).

Examples
--------
>>> import os, stat, tempfile
>>> d = Path(tempfile.mkdtemp())
>>> old = os.umask(0o022)
>>> written = write_text(d / "a" / "b.txt", "hello")
>>> oct(stat.S_IMODE(written.stat().st_mode)), sorted(p.name for p in (d / "a").iterdir())
('0o644', ['b.txt'])
>>> _ = os.umask(old)
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from partygraph.errors import PartygraphError

#: default size limit of one statement document, in bytes (about 100 times the largest
#: real statement; ``$PARTYGRAPH_MAX_DOCUMENT_BYTES`` changes it)
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_ENV = "PARTYGRAPH_MAX_DOCUMENT_BYTES"

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


#: default most signatory lines resolved in one document (``$PARTYGRAPH_MAX_SIGNATORIES``;
#: resolving a line against the registry costs about a millisecond)
MAX_SIGNATORIES = 2000
MAX_SIGNATORIES_ENV = "PARTYGRAPH_MAX_SIGNATORIES"


def signatory_limit() -> int:
    """The most signatory lines one document may hold: ``$PARTYGRAPH_MAX_SIGNATORIES`` or 2,000.

    Examples
    --------
    >>> signatory_limit() == MAX_SIGNATORIES or MAX_SIGNATORIES_ENV in os.environ
    True
    """
    return _env_limit(MAX_SIGNATORIES_ENV, MAX_SIGNATORIES, "a positive number (e.g. 2000)")


def _env_limit(name: str, default: int, expected: str) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(raw[-1].upper(), 1)
    digits = raw[:-1] if scale > 1 else raw
    if not digits.isdigit() or int(digits) == 0:
        raise PartygraphError(f"expected {expected}, got {raw!r}", source="$" + name)
    return int(digits) * scale


def document_limit() -> int:
    """The size limit of a statement document: ``$PARTYGRAPH_MAX_DOCUMENT_BYTES`` or 8 MiB.

    The variable holds a number of bytes, optionally with a ``K``, ``M`` or ``G`` suffix
    (powers of 1024).

    Examples
    --------
    >>> document_limit() == MAX_DOCUMENT_BYTES or MAX_DOCUMENT_ENV in os.environ
    True
    >>> os.environ[MAX_DOCUMENT_ENV] = "2M"
    >>> document_limit()
    2097152
    >>> del os.environ[MAX_DOCUMENT_ENV]
    """
    return _env_limit(
        MAX_DOCUMENT_ENV, MAX_DOCUMENT_BYTES, "a positive number of bytes (e.g. 8388608 or 8M)"
    )


def _too_large(size: int, limit: int, src: str) -> PartygraphError:
    return PartygraphError(
        f"too large: {size:,} bytes, the limit is {limit:,} (set ${MAX_DOCUMENT_ENV} "
        "to read larger documents)",
        source=src,
    )


def read_document_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or one clear error naming it.

    The file is checked with ``stat`` before it is opened (a named pipe would block, a
    device never ends) and opened without blocking; a file that grows past the limit
    while it is read is refused too. Nothing larger than ``limit`` is ever read.

    Parameters
    ----------
    path
        The file.
    limit
        Most bytes accepted (default :func:`document_limit`).

    Raises
    ------
    PartygraphError
        Missing, unreadable (permission, symlink loop), a folder, not a regular file,
        larger than ``limit``, or a name that is not UTF-8 (shown escaped).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_bytes(b"KKE")
    >>> read_document_bytes(d / "a.txt")
    b'KKE'
    >>> read_document_bytes(d / "a.txt", limit=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: .../a.txt: too large: 3 bytes, the limit is 2 (set ...)
    >>> read_document_bytes("/dev/zero")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: /dev/zero: a character device, not a regular file; ...
    """
    limit = document_limit() if limit is None else limit
    src = str(path)
    if path_text(src) != src:
        # every output (JSON, the store, a terminal) needs the name as UTF-8 text
        raise PartygraphError(
            "the file name is not valid UTF-8; rename the file to read it (e.g. with convmv)",
            source=path_text(src),
        )
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise PartygraphError("is a folder; expected a statement document file", source=src)
        if not stat.S_ISREG(st.st_mode):
            raise PartygraphError(
                f"{_kind(st.st_mode)}, not a regular file; expected a statement document",
                source=src,
            )
        if st.st_size > limit:
            raise _too_large(st.st_size, limit, src)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as f:
            again = os.fstat(f.fileno())  # the path may have been swapped since stat
            if not stat.S_ISREG(again.st_mode):
                raise PartygraphError(f"{_kind(again.st_mode)}, not a regular file", source=src)
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise PartygraphError(
            "no such file; expected a statement document (.txt, .md or .html)", source=src
        ) from None
    except OSError as e:
        raise PartygraphError(f"cannot read: {e.strerror or e}", source=src) from None
    if len(data) > limit:
        raise _too_large(len(data), limit, src)
    return data


def path_text(path: str | Path) -> str:
    r"""A file name as text that any UTF-8 output accepts: bytes that are not UTF-8 escaped.

    POSIX file names are bytes; Python decodes the ones that are not UTF-8 with
    ``surrogateescape``, which no UTF-8 writer (stdout, JSON, the store) accepts. The
    path itself still opens the file; this text names it.

    Examples
    --------
    >>> path_text(os.fsdecode(b"d/caf\xe9.txt"))
    'd/caf\\xe9.txt'
    >>> path_text("d/café.txt")
    'd/café.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def walk_documents(
    folder: Path, suffixes: tuple[str, ...]
) -> tuple[list[Path], list[PartygraphError]]:
    """Files under ``folder`` whose suffix is one of ``suffixes``, and what could not be read.

    Symbolic links to folders are not followed (no loops); a link or a special file with
    a document suffix is listed, for the reader to accept or refuse by name. A folder
    that cannot be listed (permission) is one error naming it, never a silent gap.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("x"); _ = (d / "b.csv").write_text("x")
    >>> (d / "loop.txt").symlink_to("loop.txt")
    >>> files, problems = walk_documents(d, (".txt",))
    >>> [p.name for p in files], problems
    (['a.txt', 'loop.txt'], [])
    """
    found: list[Path] = []
    problems: list[PartygraphError] = []

    def unreadable(e: OSError) -> None:
        problems.append(
            PartygraphError(f"cannot read folder: {e.strerror or e}", source=str(e.filename))
        )

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs.sort()
        found.extend(
            Path(root, name) for name in sorted(files) if Path(name).suffix.lower() in suffixes
        )
    return found, problems


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it back at once
    os.umask(mask)
    return mask


def output_folder(out_dir: str | Path) -> Path:
    """Create ``out_dir`` (and its parents) if missing; an OS error is a user error.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     output_folder(Path(tmp) / "a" / "b").is_dir()
    True
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PartygraphError(
            f"cannot create output folder: {exc.strerror}", source=str(out)
        ) from exc
    return out


#: errors of the device written to, reported as one line (the disk is full, the device
#: failed, the folder is read-only): they are the user's to fix, not bugs
DEVICE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EPIPE}


def check_target(target: Path | str) -> Path:
    """Refuse to replace anything but a regular file (a device, a pipe, a folder).

    Examples
    --------
    >>> check_target("/dev/full")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: /dev/full: a character device, not a regular file: ...
    """
    target = Path(target)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as e:
        raise PartygraphError(f"cannot write: {e.strerror or e}", source=str(target)) from None
    if stat.S_ISDIR(st.st_mode):
        raise PartygraphError("is a folder; expected a file name", source=str(target))
    if not stat.S_ISREG(st.st_mode):
        raise PartygraphError(
            f"{_kind(st.st_mode)}, not a regular file: refusing to replace it", source=str(target)
        )
    return target


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _remove_leftovers(target: Path) -> None:
    """Delete temporary files of ``target`` whose writer died (killed midway)."""
    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".part")):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@contextlib.contextmanager
def atomic_output(target: Path | str, *, parents: bool = False) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``target``; rename it onto ``target`` on success.

    The temporary file is named ``.NAME.PID.RANDOM.part``; those left by a writer that
    was killed are deleted the next time ``target`` is written. A ``target`` that exists
    and is not a regular file (a device, a named pipe) is refused, never replaced.

    Parameters
    ----------
    target
        The file to write.
    parents
        Create missing parent folders; otherwise a missing folder is a user error.

    Raises
    ------
    PartygraphError
        The folder is missing or not writable, the target is not a regular file, or the
        device is full or fails while writing.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> with atomic_output(d / "a.nt") as f:
    ...     _ = f.write(b"x")
    >>> (d / "a.nt").read_bytes(), sorted(p.name for p in d.iterdir())
    (b'x', ['a.nt'])
    >>> with atomic_output(d / "missing" / "a.nt") as f:
    ...     pass
    Traceback (most recent call last):
    ...
    partygraph.errors.PartygraphError: .../missing: folder does not exist
    """
    target = check_target(target)
    folder = target.parent
    if parents:
        output_folder(folder)
    elif not folder.is_dir():
        raise PartygraphError("folder does not exist", source=str(folder))
    _remove_leftovers(target)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=folder
        )
    except OSError as e:
        raise PartygraphError(f"cannot write here: {e.strerror or e}", source=str(folder)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and e.errno in DEVICE_ERRORS:
            raise PartygraphError(f"cannot write: {e.strerror}", source=str(target)) from None
        raise


def atomic_write(path: Path | str, write: Callable[[IO[bytes]], object]) -> Path:
    """Write ``path`` (parents created) by calling ``write`` on a binary file; return it."""
    path = Path(path)
    with atomic_output(path, parents=True) as fh:
        write(fh)
    return path


def write_text(path: Path | str, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (parents created); return the path."""
    data = text.encode("utf-8")
    return atomic_write(path, lambda fh: fh.write(data))
