"""Reading user text from files and streams, with clear errors for every way that goes wrong.

Answers and company pages go through the same checks (size before reading, binary data,
invalid UTF-8); a :class:`TextKind` carries what differs: the limit and the words of the
messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from aspira.analysis.pipeline import MAX_CHARS
from aspira.errors import AnswerTooLargeError, InputError, NotFoundError

MAX_BYTES = MAX_CHARS * 4  # UTF-8 needs at most four bytes a character


@dataclass(frozen=True)
class TextKind:
    """What a piece of user text is, for limits and messages."""

    noun: str  # "answer"
    article: str  # "an"
    max_bytes: int
    limit: str  # how the limit reads in a message: "50,000 characters"
    too_large: type[InputError] = InputError

    @property
    def a_noun(self) -> str:
        return f"{self.article} {self.noun}"


ANSWER = TextKind("answer", "an", MAX_BYTES, f"{MAX_CHARS:,} characters", AnswerTooLargeError)


def _too_large(kind: TextKind, origin: str, size: int) -> InputError:
    return kind.too_large(
        f"{origin} is {size / 1_000_000:.1f} MB; {kind.a_noun} is at most {kind.limit}. "
        f"Pass just the {kind.noun} text.",
        details={"bytes": size, "max_bytes": kind.max_bytes},
    )


def decode_text(raw: bytes, origin: str, kind: TextKind) -> str:
    """Bytes → text, refusing oversized, binary and invalid UTF-8 data with a message that
    says why."""
    if len(raw) > kind.max_bytes:
        raise _too_large(kind, origin, len(raw))
    if b"\x00" in raw:
        raise InputError(
            f"{origin} looks like a binary file, not text. Pass a plain-text {kind.noun}."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin} is not valid UTF-8 text (bad byte at position {exc.start}). "
            "Save it as UTF-8 and try again."
        ) from exc


def read_text_file(path: Path, kind: TextKind) -> str:
    """A user's text file, checked for size before it is read."""
    if not path.exists():
        raise NotFoundError(
            f"No such file: {path}. Check the path, or pass the {kind.noun} as text."
        )
    if path.is_dir():
        raise InputError(f"{path} is a folder; pass the file that holds the {kind.noun}.")
    size = path.stat().st_size
    if size > kind.max_bytes:
        raise _too_large(kind, str(path), size)
    return decode_text(path.read_bytes(), str(path), kind)


def read_text_stream(stream: BinaryIO, kind: TextKind, origin: str = "standard input") -> str:
    """At most one byte past the limit is read, so a huge stream fails fast."""
    return decode_text(stream.read(kind.max_bytes + 1), origin, kind)


def decode_answer(raw: bytes, origin: str) -> str:
    """Bytes → answer text."""
    return decode_text(raw, origin, ANSWER)


def read_answer_file(path: Path) -> str:
    return read_text_file(path, ANSWER)


def read_answer_stream(stream: BinaryIO, origin: str = "standard input") -> str:
    return read_text_stream(stream, ANSWER, origin)
