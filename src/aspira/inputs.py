"""Reading answers from files and streams, with clear errors for every way that goes wrong."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from aspira.analysis.pipeline import MAX_CHARS
from aspira.errors import AnswerTooLargeError, InputError, NotFoundError

MAX_BYTES = MAX_CHARS * 4  # UTF-8 needs at most four bytes a character


def decode_answer(raw: bytes, origin: str) -> str:
    """Bytes → text, refusing binary data and invalid UTF-8 with a message that says why."""
    if len(raw) > MAX_BYTES:
        raise AnswerTooLargeError(
            f"{origin} is {len(raw) / 1_000_000:.1f} MB; an answer is at most {MAX_CHARS:,} "
            "characters. Pass just the answer text."
        )
    if b"\x00" in raw:
        raise InputError(f"{origin} looks like a binary file, not text. Pass a plain-text answer.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin} is not valid UTF-8 text (bad byte at position {exc.start}). "
            "Save it as UTF-8 and try again."
        ) from exc
    return text


def read_answer_file(path: Path) -> str:
    if not path.exists():
        raise NotFoundError(f"No such file: {path}. Check the path, or pass the answer as text.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; pass the file that holds the answer.")
    if path.stat().st_size > MAX_BYTES:
        raise AnswerTooLargeError(
            f"{path} is {path.stat().st_size / 1_000_000:.1f} MB; an answer is at most "
            f"{MAX_CHARS:,} characters. Pass just the answer text."
        )
    return decode_answer(path.read_bytes(), str(path))


def read_answer_stream(stream: BinaryIO, origin: str = "standard input") -> str:
    return decode_answer(stream.read(MAX_BYTES + 1), origin)
