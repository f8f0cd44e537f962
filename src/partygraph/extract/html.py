"""HTML pages to plain text lines, without the page's furniture.

Navigation, share buttons, comment boxes, tag clouds and footers are dropped; lists
become marked lines (``1.`` for ``<ol>``, ``-`` for ``<ul>``), paragraphs and headings
become paragraphs. The page's ``<h1>``/``og:title`` and publication time are returned as
hints for the text reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from partygraph.extract.lines import HEADING

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "canvas",
    "menu",
)
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|sharedaddy|"
    r"addthis|sociable|comments?|comment-form|respond|reply|footer|sidebar|widget|related|"
    r"tags?|tagcloud|post-tags|labels?|categories|cookie|cookies|banner|subscribe|newsletter|"
    r"pagination|pager|post-nav|skip|skip-link|screen-reader-text|print|feed-links|"
    r"blog-pager|author-box|byline-share|advert|ads|"
    # Joomla's "article-info" (category, author, hits: "Detaljer", "Details")
    r"article-info)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_SELECTORS = (
    "article [itemprop=articleBody]",
    "[itemprop=articleBody]",
    ".post-body",
    ".entry-content",
    ".article-body",
    ".article-content",
    ".post-content",
    "article",
    "main",
    "#content",
    ".content",
    "body",
)
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "address",
    "center",
    "hr",
    "li",
    "td",
    "th",
}


@dataclass
class HtmlText:
    """Text of a page plus hints taken from its markup."""

    text: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


# Inline and item tags are never page furniture themselves (reading their attributes
# costs more than the rest of the walk).
_NEVER_FURNITURE = frozenset(
    {
        "li",
        "p",
        "td",
        "th",
        "tr",
        "b",
        "strong",
        "em",
        "i",
        "u",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "sup",
        "sub",
        "small",
        "font",
        "tbody",
        "thead",
        "dt",
        "dd",
    }
)


def _is_furniture(node: Node) -> bool:
    attrs = node.attributes
    probe = " ".join(
        v for k, v in attrs.items() if k in ("class", "id", "role") and isinstance(v, str)
    )
    if node.tag in ("header",) and "entry" not in probe and "post" not in probe:
        return True
    return bool(probe) and _FURNITURE.search(probe) is not None


_LOGO = re.compile(r"(?i)logo|brand|site-?(?:title|name)|masthead|blog-?title|header")


def _is_logo(node: Node) -> bool:
    """An element naming the site (its logo or masthead), not the article."""
    probe = " ".join(
        v for k, v in node.attributes.items() if k in ("class", "id") and isinstance(v, str)
    )
    return bool(probe) and _LOGO.search(probe) is not None


def _simple_row(tr: Node) -> bool:
    """A row of short cells without blocks inside (not a layout table holding a page)."""
    if len(tr.text() or "") > 400:
        return False
    return tr.css_first("p, div, br, ul, ol, table, h1, h2, h3, h4, h5, h6") is None


def _walk(root: Node, out: list[str]) -> None:
    """Append the text pieces under ``root``; "\n\n" marks block edges. Iterative (an
    explicit stack), so a page nesting thousands of tags is read without recursion."""
    todo: list[Node | str | None] = [root.child]
    while todo:
        item = todo.pop()
        if item is None:
            continue
        if isinstance(item, str):
            out.append(item)
            continue
        child = item
        todo.append(child.next)  # the following siblings, after this node's content
        tag = child.tag
        if tag == "-text":
            t = child.text_content or ""
            if t:
                out.append(t.replace("\n", " "))
        elif tag == "br":
            out.append("\n")
        elif (
            tag in _DROP_TAGS
            or tag == "-comment"
            or (tag not in _NEVER_FURNITURE and _is_furniture(child))
        ):
            pass
        elif tag == "tr" and _simple_row(child):
            # a data row is one line: "Greece – Communist Party of Greece"
            cells = []
            header = True
            cell = child.child
            while cell is not None:
                if cell.tag == "td":
                    header = False
                if cell.tag in ("td", "th"):
                    t = " ".join((cell.text(separator=" ") or "").split())
                    if t:
                        cells.append(t)
                cell = cell.next
            if cells and not header:  # header rows name the columns, not parties
                out.append("\n" + " – ".join(cells) + "\n")
        elif tag in ("ul", "ol"):
            out.append("\n\n")
            parts: list[Node | str | None] = []
            n = 0
            li = child.child
            while li is not None:
                if li.tag == "li":
                    n += 1
                    parts.append("\n" + (f"{n}. " if tag == "ol" else "- "))
                    parts.append(li.child)
                elif li.tag not in ("-text", "-comment"):
                    parts.append(li.child)
                li = li.next
            todo.append("\n\n")
            todo.extend(reversed(parts))
        elif tag in _BLOCK:
            out.append("\n\n")
            todo.append("\n\n")
            todo.append(child.child)
        elif tag == "a":
            out.append(_LINK_OPEN)
            todo.append(_LINK_CLOSE)
            todo.append(child.child)
        else:
            todo.append(child.child)


_LINK_OPEN = "\x01"
_LINK_CLOSE = "\x02"
_LIST_MARK = re.compile(r"^(?:[-•*]|\d{1,3}[.)])?\s*")
_LINK_BLOCK_MIN = 3


def _link_only(line: str) -> bool:
    """The line is the text of one link (a list marker aside)."""
    if not line.endswith(_LINK_CLOSE):
        return False
    rest = _LIST_MARK.sub("", line, count=1)
    return (
        rest.startswith(_LINK_OPEN)
        and rest.endswith(_LINK_CLOSE)
        and rest.count(_LINK_OPEN) == 1
        and len(rest) > 2
    )


def _drop_link_blocks(lines: list[str]) -> list[str]:
    """Blocks of three or more lines that are each one link (menus, "related posts",
    sidebars of an old layout table) go, unless a list heading ("Signed by:") opens
    them; link marks are removed from what stays."""
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        if not _link_only(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and (_link_only(lines[j]) or not lines[j]):
            j += 1
        n = sum(1 for k in range(i, j) if lines[k])
        prev = next((lines[k] for k in range(i - 1, -1, -1) if lines[k]), "")
        if n >= _LINK_BLOCK_MIN and not HEADING.search(prev.replace(_LINK_OPEN, "")):
            for k in range(i, j):
                keep[k] = False
        i = j
    out = []
    for line, k in zip(lines, keep, strict=True):
        if k:
            out.append(line.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, ""))
    return out


_TITLE_SELECTORS = (
    ".entry-title",
    ".post-title",
    "[itemprop=headline]",
    "article h1",
    "main h1",
    ".article-title",
    ".page-title",
    "h1",
)
_DATE_SELECTORS = (
    ('meta[property="article:published_time"]', "content"),
    ('meta[itemprop="datePublished"]', "content"),
    ('meta[name="date"]', "content"),
    ('meta[name="DC.date"]', "content"),
    ("time[datetime]", "datetime"),
    ("abbr.published[title]", "title"),
    (".date-header", None),
    (".published", None),
    (".post-date", None),
    (".entry-date", None),
    (".post-timestamp", None),
    (".date", None),
    (".postdate", None),
    (".article-date", None),
    (".documentPublished", None),
    (".submitted", None),
    ("time", None),
)


_ANY_TITLE = ", ".join(_TITLE_SELECTORS)
_ANY_DATE = ", ".join(s for s, _ in _DATE_SELECTORS)
_ANY_CONTENT = ", ".join(s for s in _CONTENT_SELECTORS if s != "body")


# Limits of what the HTML parser is given: it takes time quadratic in the nesting depth
# and in the attributes of one tag, so deeper tags and longer tags are simplified first.
MAX_DEPTH = 512
MAX_TAG = 2048
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")
# elements without content, or whose end tag pages often leave out: not counted as depth
_FLAT = frozenset(
    ("area base br col embed hr img input link meta param source track wbr "  # noqa: SIM905
     "p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rt rp").split()
)  # fmt: skip


def tame_html(html: str, max_depth: int = MAX_DEPTH, max_tag: int = MAX_TAG) -> str:
    """``html`` with tags nested deeper than ``max_depth`` dropped (their text kept) and
    the attributes of tags longer than ``max_tag`` characters dropped.

    A page within both limits comes back unchanged.

    Examples
    --------
    >>> tame_html("<div><div><b>KKE</b></div></div>", max_depth=1)
    '<div>KKE</div>'
    >>> tame_html('<p a="1" b="2">KKE</p>', max_tag=5)
    '<p>KKE</p>'
    >>> page = "<html><body><p>KKE<p>PCP</body></html>"
    >>> tame_html(page, max_depth=2) == page
    True
    """
    out: list[str] = []
    last = 0
    depth = 0
    changed = False
    for m in _TAG.finditer(html):
        closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        keep = True
        if name not in _FLAT and not rest.endswith("/"):
            if closing:
                keep = depth <= max_depth
                depth = max(depth - 1, 0)
            else:
                depth += 1
                keep = depth <= max_depth
        if not keep:
            out.append(html[last : m.start()])
            last = m.end()
            changed = True
        elif m.end() - m.start() > max_tag:
            out.append(html[last : m.start()])
            out.append(f"<{closing}{m.group(2)}>")
            last = m.end()
            changed = True
    if not changed:
        return html
    out.append(html[last:])
    return "".join(out)


def html_to_text(html: str) -> HtmlText:
    """Convert an HTML page to text lines for the statement reader.

    Examples
    --------
    >>> page = ('<html><body><nav>Home | News</nav><article><h1>Declaration</h1>'
    ...         '<p>We state.</p><ol><li>KKE</li><li>PCP</li></ol></article>'
    ...         '<div class="share">Share on Twitter</div></body></html>')
    >>> r = html_to_text(page)
    >>> r.title, r.text.split("\\n")
    ('Declaration', ['Declaration', '', 'We state.', '', '1. KKE', '2. PCP'])
    """
    tree = HTMLParser(tame_html(html))
    title = None
    # one combined query first: most pages have few of these, and each query costs
    for sel in _TITLE_SELECTORS if tree.css_first(_ANY_TITLE) is not None else ():
        # the site's logo is often an <h1> too
        n = (
            next((x for x in tree.css(sel) if not _is_logo(x)), None)
            if sel == "h1"
            else (tree.css_first(sel))
        )
        if n is not None:
            t = " ".join((n.text(separator=" ") or "").split())
            if t:
                title = t
                break
    if title is None:
        for sel in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
            n = tree.css_first(sel)
            if n is not None and (n.attributes.get("content") or "").strip():
                title = (n.attributes.get("content") or "").strip()
                break
    if title is None:
        t = tree.css_first("title")
        if t is not None and t.text():
            title = re.split(r"\s+[|–—-]\s+", t.text().strip())[0].strip() or None
    published = None
    for sel, attr in _DATE_SELECTORS if tree.css_first(_ANY_DATE) is not None else ():
        n = tree.css_first(sel)
        if n is None:
            continue
        value = n.attributes.get(attr) if attr else n.text(separator=" ")
        if value and value.strip():
            published = " ".join(value.split())
            break
    lang = None
    html_node = tree.css_first("html")
    if html_node is not None and html_node.attributes.get("lang"):
        lang = (html_node.attributes.get("lang") or "")[:2].lower() or None
    root = None
    for sel in _CONTENT_SELECTORS if tree.css_first(_ANY_CONTENT) is not None else ("body",):
        root = tree.css_first(sel)
        if root is not None and len(root.text(strip=True)) > 40:
            break
    if root is None:
        root = tree.root
    pieces: list[str] = []
    if root is not None:
        if title and title not in " ".join((root.text(separator=" ") or "").split()):
            pieces.append(title + "\n\n")  # the headline sits outside the article body
        _walk(root, pieces)
    raw = "".join(pieces)
    lines: list[str] = []
    for line in raw.replace("\xa0", " ").split("\n"):
        line = " ".join(line.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    text = "\n".join(_drop_link_blocks(lines)).strip()
    return HtmlText(text=text, title=title, published=published, language=lang)
