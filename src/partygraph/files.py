"""Writing files atomically: a temporary file beside the target, renamed over it.

One writer for every stage. A reader never sees a half-written file, an error or an
interrupt leaves the previous file (or none), and the file gets the mode an ordinary
``open(path, "w")`` would give under the current umask (``mkstemp`` alone makes 0600).

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
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from partygraph.errors import PartygraphError


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


@contextlib.contextmanager
def atomic_output(target: Path | str, *, parents: bool = False) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``target``; rename it onto ``target`` on success.

    Parameters
    ----------
    target
        The file to write.
    parents
        Create missing parent folders; otherwise a missing folder is a user error.

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
    target = Path(target)
    folder = target.parent
    if parents:
        output_folder(folder)
    elif not folder.is_dir():
        raise PartygraphError("folder does not exist", source=str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
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
