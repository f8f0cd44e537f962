"""Hostile documents, generated from a seed: the cases of issue 16 and their neighbours.

Every case is ``Case(name, data, kind)``: the file name to write (it may itself be
hostile: a newline, bytes that are not UTF-8), the bytes, and the family it belongs to.
The same seed gives the same cases, so a failure is reproduced with its seed and index.

Families: deep nesting (HTML, Markdown), huge attributes, pathological Markdown,
long lines, repeated names, random bytes, every encoding, mutations of the bundled
statements, odd names. Odd file *types* (named pipes, devices, symlink loops, folders,
sparse files) cannot be bytes: :func:`odd_files` makes them in a folder.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = sorted((ROOT / "data" / "statements").glob("*.txt"))

NAMES = [
    "KKE",
    "Communist Party of Greece",
    "Partido Comunista Português",
    "Κομμουνιστικό Κόμμα Ελλάδας",
    "Коммунистическая партия Российской Федерации",
    "Communist Party <!--<script> of Nowhere",
    "AKEL",
    "Workers' Party of Korea",
]
ENCODINGS = [
    "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
    "cp1252", "cp1251", "koi8-r", "iso-8859-7", "cp1253", "shift_jis", "euc-jp",
    "gb18030", "big5", "euc-kr", "iso-8859-2", "mac-roman", "cp437", "utf-7",
]  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One generated document."""

    name: str
    data: bytes
    kind: str


def _statement(rng: random.Random) -> str:
    return rng.choice(STATEMENTS).read_text("utf-8")


def _scale(rng: random.Random, big: bool) -> int:
    """How many repetitions: mostly small, sometimes at the size limit's order."""
    top = 400_000 if big else 20_000
    return int(rng.choice([10, 100, 1000, 5000, top]) * rng.uniform(0.5, 1.0))


def deep_html(rng: random.Random, big: bool) -> bytes:
    n = _scale(rng, big)
    tag = rng.choice(["div", "p", "span", "b", "li", "table", "ul", "blockquote", "font"])
    close = rng.random() < 0.5
    body = f"<{tag}>" * n + "Signed by: KKE, AKEL" + (f"</{tag}>" * n if close else "")
    return f"<html><body>{body}</body></html>".encode()


def deep_markdown(rng: random.Random, big: bool) -> bytes:
    n = _scale(rng, big) // 10 + 1
    line = rng.choice([">", "- ", "1. ", "  ", "* ", "#"])
    return ("\n".join(line * i + " KKE" for i in range(1, min(n, 3000))) + "\n").encode()


def huge_attributes(rng: random.Random, big: bool) -> bytes:
    n = _scale(rng, big)
    if rng.random() < 0.5:
        attrs = " ".join(f"a{i}=x" for i in range(n))
    else:
        attrs = 'title="' + "x" * (n * 10) + '"'
    return f"<html><body><p {attrs}>Signed by: KKE</p></body></html>".encode()


def pathological_markdown(rng: random.Random, big: bool) -> bytes:
    n = _scale(rng, big)
    unit = rng.choice(["[", "](", "*", "_", "`", "**_", "![", "<", "&", "\\", "[a](", "|"])
    pattern = rng.choice(
        [lambda: unit * n, lambda: "[" * n + "](" * n, lambda: ("[x]" + unit) * n]
    )()
    return ("# Statement\n\n" + pattern + "\n\nSigned by:\n\n1. KKE\n").encode()


def long_line(rng: random.Random, big: bool) -> bytes:
    n = _scale(rng, big) * 10
    filler = rng.choice(["a", "a ", "KKE ", ". ", ", ", "-", " ", "\t", "Party "])
    return (_statement(rng)[:2000] + filler * (n // len(filler)) + "\n").encode()


def repeated_names(rng: random.Random, big: bool) -> bytes:
    n = _scale(rng, big)
    sep = rng.choice([", ", " and ", "; ", "\n", " & ", "/", " - "])
    name = rng.choice(NAMES)
    head = rng.choice(["Signed by: ", "Signatories:\n", "The following parties:\n", ""])
    return (head + sep.join([name] * n) + "\n").encode()


def random_bytes(rng: random.Random, big: bool) -> bytes:
    n = _scale(rng, big)
    if rng.random() < 0.5:
        return rng.randbytes(n)
    # mostly text with stray bytes: the decoder's fallbacks
    text = bytearray(_statement(rng).encode())
    for _ in range(rng.randint(1, 50)):
        text[rng.randrange(len(text))] = rng.randrange(256)
    return bytes(text)


def every_encoding(rng: random.Random, big: bool) -> bytes:
    text = _statement(rng)
    if rng.random() < 0.3:
        text += "\n" + "\n".join(NAMES)
    enc = rng.choice(ENCODINGS)
    return text.encode(enc, errors="replace")


def mutation(rng: random.Random, big: bool) -> bytes:
    lines = _statement(rng).splitlines()
    op = rng.choice(["truncate", "shuffle", "duplicate", "drop", "html", "crlf", "nul"])
    if op == "truncate":
        lines = lines[: rng.randrange(len(lines) + 1)]
    elif op == "shuffle":
        rng.shuffle(lines)
    elif op == "duplicate":
        lines = lines * rng.randint(2, 60 if big else 5)
    elif op == "drop":
        lines = [ln for ln in lines if rng.random() < 0.7]
    elif op == "html":
        return ("<html><body>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</body>").encode()
    elif op == "crlf":
        return "\r\n".join(lines).encode()
    else:
        return "\x00".join(lines).encode()
    return "\n".join(lines).encode()


FAMILIES: dict[str, tuple[Callable[[random.Random, bool], bytes], tuple[str, ...]]] = {
    "deep-html": (deep_html, (".html", ".htm")),
    "deep-markdown": (deep_markdown, (".md",)),
    "huge-attributes": (huge_attributes, (".html",)),
    "pathological-markdown": (pathological_markdown, (".md", ".markdown")),
    "long-line": (long_line, (".txt", ".md")),
    "repeated-names": (repeated_names, (".txt", ".md", ".html")),
    "random-bytes": (random_bytes, (".txt", ".html", ".md")),
    "every-encoding": (every_encoding, (".txt", ".text")),
    "mutation": (mutation, (".txt", ".md", ".html")),
}

ODD_STEMS = [
    "plain", "with space", "new\nline", "tab\there", "caf\udce9", "\udcff\udcfe",
    "-dash", "..dots", "emoji-\U0001f6a9", "very-" + "long-" * 40, "back\\slash", "quote'\"",
]  # fmt: skip


def generate(seed: int, count: int, *, big: bool = False) -> Iterator[Case]:
    """``count`` cases from ``seed``, every family in turn, with a random odd name.

    ``big`` lets some cases grow to a few MB (the size limit's order); without it every
    case stays under a few hundred KB.
    """
    rng = random.Random(seed)
    kinds = list(FAMILIES)
    for i in range(count):
        kind = kinds[i % len(kinds)]
        make, suffixes = FAMILIES[kind]
        stem = rng.choice(ODD_STEMS) if rng.random() < 0.2 else "doc"
        yield Case(f"{i:05d}-{stem}{rng.choice(suffixes)}", make(rng, big), kind)


def write_case(folder: Path, case: Case) -> Path:
    """Write ``case`` into ``folder`` under its (possibly hostile) name; return the path."""
    path = folder / case.name
    with open(os.fsencode(path), "wb") as f:
        f.write(case.data)
    return path


def odd_files(folder: Path) -> dict[str, Path]:
    """Files that are not plain documents, made in ``folder``: name -> path.

    A named pipe, a symlink loop, a dangling link, a link to ``/dev/zero``, a folder
    named like a document, an empty file, a sparse file of 1 GiB, and (as root) a
    character device.
    """
    made: dict[str, Path] = {}
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    made["named-pipe"] = fifo
    loop = folder / "loop.txt"
    loop.symlink_to(loop.name)
    made["symlink-loop"] = loop
    dangling = folder / "dangling.md"
    dangling.symlink_to("nowhere.md")
    made["dangling-link"] = dangling
    zero = folder / "zero.txt"
    zero.symlink_to("/dev/zero")
    made["dev-zero"] = zero
    as_dir = folder / "folder.html"
    as_dir.mkdir()
    made["folder"] = as_dir
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    made["empty"] = empty
    sparse = folder / "sparse.txt"
    with open(sparse, "wb") as f:
        f.truncate(1 << 30)
    made["sparse-1GiB"] = sparse
    return made
