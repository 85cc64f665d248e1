"""From a pasted or saved page to clean lines: headings, bullets and paragraphs.

Extraction needs the page's *structure* (which sentences sit under "Our values", which line is
the job title) as much as its words, so every format is reduced to the same thing: a list of
:class:`Block` with a kind (heading, bullet, paragraph) and, for headings, a level.

* HTML is read with the standard library's tolerant parser. Scripts, styles, forms, navigation,
  footers and anything whose class, id or role says cookie banner, menu or newsletter is
  dropped; entities are decoded; block elements become lines; ``<title>`` and the
  ``og:site_name`` meta tag are kept aside as name hints.
* Markdown headings, bullets, emphasis and links become plain lines.
* Plain text keeps its lines. Bullet characters mark bullets; an ALL-CAPS line, a short line
  ending with a colon, or a short line standing alone is a heading; hard-wrapped paragraph lines
  are joined.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from aspira.errors import InputError

BlockKind = Literal["heading", "bullet", "para"]
Format = Literal["auto", "text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("auto", "text", "markdown", "html")


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    level: int = 0  # heading level, 1 (top) to 6; 0 for other blocks
    implicit: bool = False  # a heading guessed from a short line, not marked as one


@dataclass
class Page:
    blocks: list[Block] = field(default_factory=list)
    title: str = ""  # <title>, when the page had one
    site_name: str = ""  # og:site_name or application-name meta tag


_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200c-\u200f\u2028\u2029\ufeff]")


def as_format(value: str) -> Format:
    """A format name from the user, checked."""
    for fmt in FORMATS:
        if value.strip().lower() == fmt:
            return fmt
    raise InputError(f"Unknown format {value!r}. Use one of: {', '.join(FORMATS)}.")


def squash(text: str) -> str:
    """Collapse runs of spaces (and drop control characters) in one line."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


# -- format detection -------------------------------------------------------------------------

_HTML_HINT = re.compile(
    r"<!doctype html|<html\b|<body\b|<head\b|</(?:p|div|li|h[1-6]|ul|ol|section|article|span|a|td)>"
    r"|<(?:br|p|div|li|h[1-6])\b[^>]*>",
    re.IGNORECASE,
)
# Markers only Markdown uses (bullets are common to plain text and Markdown, so they don't count).
_MD_HINT = re.compile(
    r"^#{1,6}\s+\S|\*\*[^*\n]+\*\*|__[^_\n]+__|\[[^\]\n]+\]\([^)\s]+\)|^(?:={3,}|-{3,})\s*$|`[^`\n]+`",
    re.MULTILINE,
)


def detect_format(text: str) -> Format:
    sample = text[:20_000]
    if len(_HTML_HINT.findall(sample)) >= 2 or sample.lstrip()[:1] == "<":
        return "html"
    if len(_MD_HINT.findall(sample)) >= 2 or re.search(r"^#{1,6}\s+\S", sample, re.MULTILINE):
        return "markdown"
    return "text"


def parse(text: str, fmt: Format = "auto") -> Page:
    """Structured lines from a page in any supported format."""
    chosen = detect_format(text) if fmt == "auto" else fmt
    if chosen == "html":
        return parse_html(text)
    return Page(blocks=parse_lines(text, markdown=chosen == "markdown"))


# -- HTML -------------------------------------------------------------------------------------

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "footer",
        "form",
        "button",
        "select",
        "option",
        "iframe",
        "canvas",
        "object",
        "embed",
        "audio",
        "video",
        "map",
        "dialog",
        "head",
        "textarea",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
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
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "main",
        "aside",
        "blockquote",
        "figure",
        "figcaption",
        "pre",
        "address",
        "details",
        "summary",
        "hr",
        "br",
        "caption",
        "tbody",
        "thead",
    ]
)
_HEAD_TAGS = frozenset(
    ["title", "meta", "link", "style", "script", "base", "noscript", "template", "head", "html"]
)
_NOISE_WORDS = frozenset(
    [
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "newsletter",
        "subscribe",
        "social",
        "share",
        "sharing",
        "modal",
        "popup",
        "skip",
        "sitemap",
        "toolbar",
    ]
)
_NOISE_ROLES = frozenset({"navigation", "contentinfo", "dialog", "alertdialog", "search", "menu"})
_ATTR_SPLIT = re.compile(r"[^a-z0-9]+")


def _is_noise(tag: str, attrs: dict[str, str]) -> bool:
    if tag in _SKIP_TAGS or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role", "").lower() in _NOISE_ROLES:
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", attrs.get("style", ""), re.I):
        return True
    names = " ".join(attrs.get(a, "") for a in ("class", "id", "aria-label")).lower()
    return any(w in _NOISE_WORDS for w in _ATTR_SPLIT.split(names))


def _mark(tag: str) -> tuple[BlockKind, int] | None:
    """What an element makes of the text inside it: a heading, a bullet, or nothing."""
    if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
        return "heading", int(tag[1])
    if tag in ("li", "dt"):
        return "bullet", 0
    return None


@dataclass
class _Open:
    tag: str
    skipped: bool
    marked: bool


class _HtmlReader(HTMLParser):
    """Every step is O(1) in the nesting depth (counters, not stack scans), so a page of
    100,000 unclosed tags reads in linear time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._stack: list[_Open] = []
        self._open: Counter[str] = Counter()
        self._marks: list[tuple[BlockKind, int]] = []  # innermost heading / list item last
        self._skipping = 0
        self._buffer: list[str] = []
        self._title: list[str] | None = None

    def _flush(self) -> None:
        text = squash("".join(self._buffer))
        self._buffer.clear()
        if text:
            kind, level = self._marks[-1] if self._marks else ("para", 0)
            self.page.blocks.append(Block(kind, text, level))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "title" and self._title is None:
            self._title = []
        if tag == "meta":
            self._meta(values)
        if tag not in _HEAD_TAGS and self._open["head"]:
            self.handle_endtag("head")  # body content closes an unclosed head, as in browsers
        if tag in _VOID:
            if tag in ("br", "hr") and not self._skipping:
                self._flush()
            return
        skip = tag != "title" and _is_noise(tag, values)
        if tag in _BLOCK_TAGS and not self._skipping:
            self._flush()
        mark = _mark(tag)
        if mark is not None:
            self._marks.append(mark)
        self._stack.append(_Open(tag, skip, mark is not None))
        self._open[tag] += 1
        self._skipping += skip

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None and not self.page.title:
            self.page.title = squash("".join(self._title))
        if not self._open[tag]:
            return  # a stray end tag: ignore it, as browsers do
        while self._stack:
            top = self._stack.pop()
            if top.tag in _BLOCK_TAGS and not self._skipping:
                self._flush()
            self._open[top.tag] -= 1
            self._skipping -= top.skipped
            if top.marked:
                self._marks.pop()
            if top.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._title is not None and not self.page.title and self._open["title"]:
            self._title.append(data)
        elif not self._skipping:
            self._buffer.append(data)

    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or "").lower()
        if key in ("og:site_name", "application-name") and not self.page.site_name:
            self.page.site_name = squash(values.get("content", ""))

    def close(self) -> None:
        super().close()
        if not self._skipping:
            self._flush()


def parse_html(text: str) -> Page:
    reader = _HtmlReader()
    reader.feed(text)
    reader.close()
    return reader.page


# -- Markdown and plain text -------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_BULLET = re.compile(
    r"^\s*(?:[-*+•·▪‣◦●○■□◆◇❖★☆➤►➔➜→⇒✓✔✗–—>]|\d{1,3}[.)]|\(?[a-z][.)])\s+(?P<rest>\S.*)$"
    r"|^\s*[•·▪‣◦●○■□◆◇❖★☆➤►➔➜→⇒✓✔](?P<tight>\S.*)$"
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LABEL = re.compile(r"^[A-Za-z][\w /&'()-]{0,40}:\s+\S")
# "Respect - we treat everyone with dignity": a named line stands alone, even in plain text
_NAMED_LINE = re.compile(r"^[A-Z][\w'&]*(?: [\w'&]+){0,3} [-–—] (?:[a-z]|We\b|Our\b)")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),
)
_END_PUNCT = ".!?…;,"


def _inline_markdown(line: str) -> str:
    for pattern, repl in _MD_INLINE:
        line = pattern.sub(repl, line)
    return html.unescape(line)


def _words(line: str) -> int:
    return len(line.split())


def _all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _looks_like_heading(line: str) -> bool:
    """A plain-text heading: ALL CAPS, or short and ending with a colon, or short with no
    sentence punctuation (and not a ``Label: value`` line)."""
    if _all_caps(line) and _words(line) <= 10:
        return True
    if line.endswith(":") and _words(line) <= 8 and ":" not in line[:-1]:
        return True
    if _words(line) > 8 or line[-1] in _END_PUNCT or _LABEL.match(line) or ":" in line:
        return False
    first = line.lstrip("\"'“‘(")[:1]
    return first.isupper() or first.isdigit()


@dataclass
class _Lines:
    """Accumulates plain-text or Markdown lines into blocks."""

    blocks: list[Block] = field(default_factory=list)
    para: list[str] = field(default_factory=list)
    para_is_bullet: bool = False

    def flush(self) -> None:
        if self.para:
            text = squash(" ".join(self.para))
            if text:
                self.blocks.append(Block("bullet" if self.para_is_bullet else "para", text))
        self.para = []
        self.para_is_bullet = False

    def add(self, kind: BlockKind, text: str, level: int = 0, *, implicit: bool = False) -> None:
        self.flush()
        text = squash(text)
        if text:
            self.blocks.append(Block(kind, text, level, implicit))


def parse_lines(text: str, *, markdown: bool) -> list[Block]:
    out = _Lines()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    in_fence = False
    for i, raw in enumerate(lines):
        if markdown and _FENCE.match(raw):
            in_fence = not in_fence
            out.flush()
            continue
        if in_fence:
            continue
        line = _inline_markdown(raw) if markdown else raw
        line = line.rstrip()
        _one_line(out, line, raw, lines, i, markdown)
    out.flush()
    blocks = _promote_short_paras(out.blocks)
    return blocks if markdown else _first_heading_on_top(blocks)


def _one_line(out: _Lines, line: str, raw: str, lines: list[str], i: int, markdown: bool) -> None:
    stripped = squash(line)
    if not stripped:
        out.flush()
        return
    if markdown and (m := _MD_HEADING.match(raw)):
        out.add("heading", _inline_markdown(m.group(2)), len(m.group(1)))
        return
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if markdown and _SETEXT.match(nxt) and not out.para and not _BULLET.match(raw):
        out.add("heading", stripped, 1 if nxt.strip()[0] == "=" else 2)
        return
    if _RULE.match(raw) or _TABLE_RULE.match(raw) or (markdown and _SETEXT.match(raw)):
        out.flush()
        return
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 2:
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        out.add("para", " · ".join(c for c in cells if c))
        return
    quote = re.match(r"^\s*>+\s?(.*)$", line)
    if quote and markdown:
        stripped = squash(quote.group(1))
        if not stripped:
            return
    bullet = _BULLET.match(stripped)
    if bullet:
        out.flush()
        out.para = [bullet.group("rest") or bullet.group("tight")]
        out.para_is_bullet = True
        return
    if out.para and out.para_is_bullet and raw[:1] in (" ", "\t"):
        out.para.append(stripped)  # an indented continuation of the bullet above
        return
    if _LABEL.match(stripped) or (not markdown and _NAMED_LINE.match(stripped)):
        out.add("para", stripped)
        return
    wrapped = nxt.strip()[:1].islower()  # the line goes on below: a wrapped paragraph
    if not out.para and not wrapped and _looks_like_heading(stripped):
        marked = stripped.endswith(":") or _all_caps(stripped)
        out.add("heading", stripped.rstrip(":"), 2, implicit=not marked)
        return
    if out.para_is_bullet:
        out.flush()
    out.para.append(stripped)


def _promote_short_paras(blocks: list[Block]) -> list[Block]:
    """A one-line paragraph that introduces a list ("Our values", "**What we offer**") is a
    heading even though nothing marked it as one."""
    result: list[Block] = []
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            b.kind == "para"
            and nxt is not None
            and nxt.kind == "bullet"
            and _words(b.text) <= 8
            and b.text[-1] not in ".!?"
        ):
            result.append(Block("heading", b.text.rstrip(":"), 2, implicit=True))
        else:
            result.append(b)
    return result


def _first_heading_on_top(blocks: list[Block]) -> list[Block]:
    """In plain text, a heading that opens the page is its headline (level 1)."""
    if blocks and blocks[0].kind == "heading" and blocks[0].level != 1:
        return [Block("heading", blocks[0].text, 1, blocks[0].implicit), *blocks[1:]]
    return blocks
