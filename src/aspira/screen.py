"""Batch screening: score a JSONL or CSV file of answers, one output record per input row.

The file is read as bytes and parsed lazily, so memory stays bounded however long the batch.
Each row is decoded on its own: a row that is not JSON, has no answer, holds invalid UTF-8 or a
huge cell becomes a record with an ``error`` and the batch goes on. Only problems with the file
as a whole (missing, binary, empty, CSV without ``id``/``answer`` columns) raise
:class:`~aspira.errors.InputError`, and they are found before the output is opened.

A row's optional ``company`` (a saved company's name or a company file) is looked up once per
distinct name before scoring; an unknown name makes that row an error record.

Rows are scored in chunks on a process pool (``forkserver`` where available: safe with threads).
A bounded queue of futures is drained from its head, so records are written in input order as
soon as each chunk is ready, and every chunk is flushed: an interrupted run leaves a valid
prefix. ``resume`` reads that prefix back, drops a truncated last record, checks that the ids
match the input row by row, skips those rows and appends the rest.

Library callers who use more than one worker from a script need the usual multiprocessing
guard, ``if __name__ == "__main__":``, because forkserver and spawn workers import ``__main__``.
"""

from __future__ import annotations

import csv
import itertools
import json
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TextIO

from aspira import score
from aspira.company.model import Company
from aspira.errors import AspiraError, InputError, NotFoundError
from aspira.rubric import Rubric, Scorecard, load_rubric

if TYPE_CHECKING:
    from _csv import Reader

CHUNK_SIZE = 64
MAX_FIELD_BYTES = 100_000  # per cell; a 10 MB answer is an error on its row, not the batch's
INTERNAL_ERROR = "internal error"
_SNIFF_BYTES = 8192
_QUEUE_PER_WORKER = 4  # chunks in flight per worker: enough to keep every core busy
_WARM_UP = "I want to grow into leading a product team, learning the craft here first."

Format = Literal["jsonl", "csv"]
Record = dict[str, Any]
Scorer = Callable[..., Scorecard]
_FORMATS: dict[str, Format] = {"jsonl": "jsonl", "csv": "csv"}
_SUFFIXES: dict[str, Format] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_JSON_TYPES = {"dict": "an object", "list": "an array", "str": "text", "int": "a number",
               "float": "a number", "bool": "true/false", "NoneType": "null"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Row:
    """One input row: the fields to score, or the reason it cannot be scored."""

    id: str
    answer: str = ""
    question: str | None = None
    company: str | None = None
    error: str | None = None
    context: Company | None = None  # the company named by ``company``, once looked up


@dataclass(frozen=True)
class ScreenJob:
    """What to screen and how. ``out=None`` writes to the stream given to :func:`screen`
    (stdout by default)."""

    source: Path
    out: Path | None = None
    fmt: str | None = None
    resume: bool = False
    workers: int | None = None
    chunk_size: int = CHUNK_SIZE
    fail_under: int | None = None
    scorer: Scorer | None = None  # default aspira.score; must be picklable for workers > 1


@dataclass
class ScreenSummary:
    """Counts over every record of the output, including those kept by ``resume``."""

    rows: int = 0
    scored: int = 0
    errors: int = 0
    internal_errors: int = 0
    resumed: int = 0
    below: int = 0
    fail_under: int | None = None
    seconds: float = 0.0
    failed_ids: list[str] = field(default_factory=list)
    scorers: set[str] = field(default_factory=set)

    def add(self, record: Record) -> None:
        self.rows += 1
        if record.get("scorer"):
            self.scorers.add(str(record["scorer"]))
        error = record.get("error")
        if error:
            self.errors += 1
            self.internal_errors += str(error).startswith(INTERNAL_ERROR)
            if len(self.failed_ids) < 5:
                self.failed_ids.append(str(record["id"]))
            return
        self.scored += 1
        overall = record.get("overall")
        if self.fail_under is not None and overall is not None and overall < self.fail_under:
            self.below += 1

    @property
    def exit_code(self) -> int:
        """3 if the engine failed on a row (a bug), 1 if a row scored below ``fail_under``."""
        if self.internal_errors:
            return 3
        return 1 if self.below else 0

    def line(self) -> str:
        """The one-line summary printed on stderr."""
        rate = (self.rows - self.resumed) / self.seconds if self.seconds > 0 else 0.0
        text = f"{self.rows} rows: {self.scored} scored, {self.errors} errors"
        if self.resumed:
            text += f" ({self.resumed} kept from the earlier run)"
        if self.failed_ids:
            more = ", …" if self.errors > len(self.failed_ids) else ""
            text += f" [errors: {', '.join(self.failed_ids)}{more}]"
        if self.fail_under is not None:
            text += f"; {self.below} below {self.fail_under}"
        text += f"; {self.seconds:.2f} s ({rate:.0f} rows/s)."
        if len(self.scorers) > 1:  # e.g. resumed after the engine was upgraded
            text += f" Warning: the output mixes scorer versions {', '.join(sorted(self.scorers))}."
        return text


def screen(
    job: ScreenJob,
    stream: TextIO | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ScreenSummary:
    """Score every row of ``job.source`` and write one record per row, in input order."""
    started = time.perf_counter()
    _validate(job)
    fmt_in = detect_format(job.source, check_input(job.source, job.out))
    fmt_out = output_format(job.fmt, job.out)
    columns = csv_columns(load_rubric())
    done, offset = _resume_state(job, fmt_out, columns)
    summary = ScreenSummary(resumed=len(done), fail_under=job.fail_under)
    for record in done:
        summary.add(record)
    with job.source.open("rb") as handle:
        rows = parse_rows(handle, fmt_in, job.source)
        _skip_done(rows, done, job)
        rows = with_companies(rows)
        with _open_output(job, stream, offset) as sink:
            writer = make_writer(fmt_out, sink, columns, header=offset == 0)
            if on_progress:
                on_progress(len(done))
            for records in _score_stream(rows, job):
                writer(records)
                for record in records:
                    summary.add(record)
                if on_progress:
                    on_progress(len(records))
    summary.seconds = time.perf_counter() - started
    return summary


def estimate_rows(path: Path) -> int:
    """A quick upper estimate of the number of rows (lines), for a progress bar."""
    with path.open("rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


def score_row(row: Row, scorer: Scorer | None = None) -> Record:
    """Score one row; any failure becomes the record's ``error`` instead of an exception."""
    if row.error is not None:
        return error_record(row.id, row.error)
    company = row.context if row.context is not None else row.company
    try:
        card = (scorer or score)(row.answer, question=row.question, company=company)
    except AspiraError as exc:
        return error_record(row.id, exc.message)
    except Exception as exc:  # an engine bug on one row must not sink the batch; exit 3 later
        return error_record(row.id, f"{INTERNAL_ERROR} ({type(exc).__name__}): {exc}")
    return {
        "id": row.id,
        "overall": card.overall,
        "band": card.band,
        "dimensions": card.dimension_scores(),
        "flags": card.flag_ids(),
        "rubric": card.rubric,
        "scorer": card.scorer,
    }


def with_companies(rows: Iterable[Row]) -> Iterator[Row]:
    """Rows with their ``company`` looked up (saved name or company file), once per distinct
    name; a name that cannot be found makes that row an error and the batch goes on."""
    from aspira.company.store import load_company

    known: dict[str, Company | str] = {}
    for row in rows:
        if row.error is not None or row.company is None:
            yield row
            continue
        name = row.company.strip()
        if name not in known:
            try:
                known[name] = load_company(name)
            except AspiraError as exc:
                known[name] = exc.message
        found = known[name]
        if isinstance(found, str):
            yield replace(row, error=f"company {name!r}: {found}")
        else:
            yield replace(row, context=found)


def _score_chunk(rows: list[Row], scorer: Scorer | None) -> list[Record]:
    return [score_row(row, scorer) for row in rows]


def _validate(job: ScreenJob) -> None:
    if job.workers is not None and job.workers < 1:
        raise InputError(f"--workers must be 1 or more, not {job.workers}.")
    if job.chunk_size < 1:
        raise InputError(f"--chunk-size must be 1 or more, not {job.chunk_size}.")
    if job.fail_under is not None and not 0 <= job.fail_under <= 100:
        raise InputError(f"--fail-under must be between 0 and 100, not {job.fail_under}.")


def _resume_state(job: ScreenJob, fmt: Format, columns: list[str]) -> tuple[list[Record], int]:
    if not job.resume:
        return [], 0
    if job.out is None:
        raise InputError("--resume continues a file: give the output file with --out FILE.")
    if not job.out.exists():
        return [], 0
    return read_done(job.out, fmt, columns)


def _skip_done(rows: Iterator[Row], done: list[Record], job: ScreenJob) -> None:
    """Advance past the rows already in the output, checking they are the same rows."""
    for position, record in enumerate(done, 1):
        row = next(rows, None)
        if row is None or row.id != record["id"]:
            found = "no such row" if row is None else f"id {row.id!r}"
            raise InputError(
                f"Cannot resume: record {position} of {job.out} has id {record['id']!r} but "
                f"row {position} of {job.source} has {found}. The output belongs to another "
                "input; rerun without --resume to start over."
            )


def _open_output(
    job: ScreenJob, stream: TextIO | None, offset: int
) -> AbstractContextManager[TextIO]:
    if job.out is None:
        return nullcontext(stream or sys.stdout)
    if job.resume and job.out.exists():
        with job.out.open("r+b") as handle:  # drop the truncated tail before appending
            handle.truncate(offset)
        return job.out.open("a", encoding="utf-8", newline="")
    try:
        return job.out.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"Cannot write {job.out}: {exc.strerror}.") from exc


def _chunks(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def _score_stream(rows: Iterator[Row], job: ScreenJob) -> Iterator[list[Record]]:
    """Scored chunks in input order; in-process for one worker or a single chunk."""
    chunks = _chunks(rows, job.chunk_size)
    head = list(itertools.islice(chunks, 2))
    workers = job.workers or os.cpu_count() or 1
    if workers == 1 or len(head) < 2:  # a pool costs more than it saves here
        for chunk in itertools.chain(head, chunks):
            yield _score_chunk(chunk, job.scorer)
        return
    yield from _pooled(itertools.chain(head, chunks), workers, job.scorer)


def _pooled(
    chunks: Iterator[list[Row]], workers: int, scorer: Scorer | None
) -> Iterator[list[Record]]:
    pool = ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_init_worker, initargs=(scorer,)
    )
    pending: deque[Future[list[Record]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_score_chunk, chunk, scorer))
            if len(pending) >= workers * _QUEUE_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # also on Ctrl-C or a closed generator: stop at once, the prefix is on disk
        pool.shutdown(wait=not pending, cancel_futures=True)


def _context() -> BaseContext:
    """forkserver (safe with threads, unlike fork) where it exists, else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["aspira.screen"])  # workers fork with the engine imported
    return context


def _init_worker(scorer: Scorer | None) -> None:
    """Workers leave Ctrl-C to the parent, and pay the engine's load cost before any row."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    score_row(Row(id="warm-up", answer=_WARM_UP), scorer)


# --- input -----------------------------------------------------------------------------------


def check_input(path: Path, out: Path | None = None) -> bytes:
    """The first bytes of ``path``, once the checks that concern the whole file pass."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError as exc:
        raise NotFoundError(f"Input file not found: {path}. Check the path.") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} is a directory: give a JSONL or CSV file.") from exc
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from exc
    if not head.strip():
        raise InputError(f"{path} is empty: give a JSONL or CSV file with id and answer.")
    if _looks_binary(head):
        raise InputError(
            f"{path} looks like a binary file, not UTF-8 text. "
            "Give a JSONL or CSV file saved as UTF-8."
        )
    if out is not None and out.exists() and out.resolve() == path.resolve():
        raise InputError(f"--out {out} is the input file: choose another output file.")
    return head


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    text = head.decode("utf-8", "replace")
    return text.count("\ufffd") > 0.3 * len(text)


def detect_format(path: Path, head: bytes) -> Format:
    """By extension (.jsonl, .ndjson, .csv), else JSONL if the text starts with ``{``."""
    known = _SUFFIXES.get(path.suffix.lower())
    if known is not None:
        return known
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def output_format(fmt: str | None, out: Path | None) -> Format:
    """``fmt`` if given, else CSV for an ``--out`` ending in .csv, else JSONL."""
    if fmt is None:
        return "csv" if out is not None and out.suffix.lower() == ".csv" else "jsonl"
    if fmt.lower() not in _FORMATS:
        raise InputError(f"Unknown output format {fmt!r}: choose jsonl or csv.")
    return _FORMATS[fmt.lower()]


def parse_rows(handle: IO[bytes], fmt: Format, path: Path) -> Iterator[Row]:
    """The rows of an open file, lazily; a CSV header is read and checked at once."""
    if fmt == "jsonl":
        return _jsonl_rows(handle)
    csv.field_size_limit(2**31 - 1)  # huge cells become row errors instead of csv.Error
    reader = csv.reader(raw.decode("utf-8", "surrogateescape") for raw in handle)
    return _csv_rows(reader, _csv_header(next(reader, []), path))


def _jsonl_rows(handle: IO[bytes]) -> Iterator[Row]:
    number = 0
    for line_no, raw in enumerate(handle, 1):
        if raw.strip():
            number += 1
            yield _json_row(raw, number, f"line {line_no}")


def _json_row(raw: bytes, number: int, where: str) -> Row:
    # surrogateescape keeps invalid bytes inside their field, so the rest of the row still parses
    text = raw.decode("utf-8", "surrogateescape").lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Row(id=where, error=f"{where} is not valid JSON ({exc.msg}, column {exc.colno}).")
    except RecursionError:
        return Row(id=where, error=f"{where} is nested too deeply to be a row.")
    if not isinstance(data, dict):
        kind = _JSON_TYPES.get(type(data).__name__, "a value")
        return Row(id=where, error=f"{where} is {kind}, not an object with an 'answer'.")
    return _make_row(data, number, where)


def _csv_header(cells: list[str], path: Path) -> list[str]:
    header = [cell.lstrip("\ufeff").strip().lower() for cell in cells]
    missing = [name for name in ("id", "answer") if name not in header]
    if missing:
        found = ", ".join(repr(name) for name in header if name) or "none"
        raise InputError(
            f"{path}: the CSV header has no {' or '.join(repr(m) for m in missing)} column "
            f"(found: {found}). The first line must name the columns, e.g. id,answer,question.",
            details={"missing": missing, "found": header},
        )
    return header


def _csv_rows(reader: Reader, header: list[str]) -> Iterator[Row]:
    number = 0
    while True:
        where = f"line {reader.line_num + 1}"
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # rare in Python's lenient dialect, but never fatal
            number += 1
            yield Row(id=where, error=f"{where} is not valid CSV ({exc}).")
            continue
        if any(cell.strip() for cell in cells):
            number += 1
            yield _csv_row(header, cells, number, where)


def _csv_row(header: list[str], cells: list[str], number: int, where: str) -> Row:
    fields = dict(zip(header, cells, strict=False))
    if any(cell.strip() for cell in cells[len(header) :]):
        return Row(
            id=_clean_id(fields.get("id")) or where,
            error=f"{where} has {len(cells)} cells but the header has {len(header)} columns; "
            "quote cells that contain commas.",
        )
    return _make_row(fields, number, where)


def _make_row(data: Mapping[str, object], number: int, where: str) -> Row:
    row_id = _clean_id(data.get("id"))
    problem_a, answer = _text(data, "answer", required=True)
    problem_q, question = _text(data, "question")
    problem_c, company = _text(data, "company")
    problem = problem_a or problem_q or problem_c
    if problem is not None:
        return Row(id=row_id or where, error=f"{where}: {problem}.")
    return Row(
        id=row_id or f"row-{number}",
        answer=answer or "",
        question=question or None,
        company=company or None,
    )


def _text(
    data: Mapping[str, object], name: str, *, required: bool = False
) -> tuple[str | None, str | None]:
    """``(problem, value)`` for one text field of a row."""
    value = data.get(name)
    if value is None and (not required or name not in data):
        return (f"no {name!r} field" if required else None), None
    if not isinstance(value, str):
        return f"{name!r} must be text, not {_JSON_TYPES.get(type(value).__name__)}", None
    if len(value.encode("utf-8", "surrogatepass")) > MAX_FIELD_BYTES:
        return f"{name!r} is larger than {MAX_FIELD_BYTES // 1000} KB; shorten it", None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{name!r} is not valid UTF-8 text; save the file as UTF-8", None
    return None, value


def _clean_id(value: object) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.strip().encode("utf-8", "replace").decode("utf-8")  # no broken bytes in ids
    return text[:200] or None


# --- output ----------------------------------------------------------------------------------


def csv_columns(rubric: Rubric) -> list[str]:
    """The flat CSV header: one column per rubric dimension, flags joined with ``;``."""
    dims = [d.id for d in rubric.dimensions]
    return ["id", "overall", "band", *dims, "flags", "rubric", "scorer", "error"]


def error_record(row_id: str, error: str) -> Record:
    """The record of a row that could not be scored."""
    return {
        "id": row_id,
        "overall": None,
        "band": None,
        "dimensions": {},
        "flags": [],
        "rubric": load_rubric().ref,
        "scorer": None,
        "error": error,
    }


def make_writer(
    fmt: Format, sink: TextIO, columns: list[str], *, header: bool
) -> Callable[[list[Record]], None]:
    """A function that writes and flushes a chunk of records."""
    if fmt == "jsonl":

        def write_jsonl(records: list[Record]) -> None:
            sink.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
            sink.flush()

        return write_jsonl
    writer = csv.writer(sink, lineterminator="\n")
    if header:
        writer.writerow(columns)
        sink.flush()

    def write_csv(records: list[Record]) -> None:
        writer.writerows(_flatten(record, columns[3:-4]) for record in records)
        sink.flush()

    return write_csv


def _flatten(record: Record, dims: list[str]) -> list[object]:
    scores = record["dimensions"]
    return [
        record["id"],
        record["overall"],
        record["band"],
        *(scores.get(d) for d in dims),
        ";".join(record["flags"]),
        record["rubric"],
        record["scorer"],
        record.get("error"),
    ]  # csv writes None as an empty cell


# --- resume ----------------------------------------------------------------------------------


def read_done(out: Path, fmt: Format, columns: list[str]) -> tuple[list[Record], int]:
    """The complete records already in ``out`` and the byte offset where they end."""
    try:
        data = out.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {out} to resume: {exc.strerror}.") from exc
    if fmt == "jsonl":
        return _valid_prefix(_jsonl_units(data), out, 0)
    return _csv_done(data, out, columns)


def _jsonl_units(data: bytes) -> list[tuple[Record | None, int]]:
    """(record or None if damaged, end offset) per line; the unterminated tail is damaged."""
    units: list[tuple[Record | None, int]] = []
    offset = 0
    pieces = data.split(b"\n")
    for index, piece in enumerate(pieces):
        offset += len(piece) + 1
        if index == len(pieces) - 1:
            if piece:
                units.append((None, offset))
            break
        units.append((_json_record(piece), offset))
    return units


def _json_record(piece: bytes) -> Record | None:
    try:
        data = json.loads(piece)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def _csv_done(data: bytes, out: Path, columns: list[str]) -> tuple[list[Record], int]:
    ends: list[int] = []

    def lines() -> Iterator[str]:
        for line in data.splitlines(keepends=True):
            ends.append((ends[-1] if ends else 0) + len(line))
            yield line.decode("utf-8", "replace")

    reader = csv.reader(lines())
    header = next(reader, None)
    if header is None or not data[: ends[-1]].endswith(b"\n"):
        return [], 0  # not even a complete header: start the file over
    if header != columns:
        raise InputError(
            f"Cannot resume: {out} has columns {','.join(header)}, expected "
            f"{','.join(columns)}. Rerun without --resume to start over."
        )
    units = []
    for cells in reader:
        complete = len(cells) == len(columns) and data[ends[-1] - 1 : ends[-1]] == b"\n"
        units.append((_csv_record(cells) if complete else None, ends[-1]))
    return _valid_prefix(units, out, ends[0])


def _csv_record(cells: list[str]) -> Record | None:
    overall = cells[1].strip()
    if overall and not overall.isdigit():
        return None
    score = int(overall) if overall else None
    return {"id": cells[0], "overall": score, "scorer": cells[-2], "error": cells[-1]}


def _valid_prefix(
    units: Iterable[tuple[Record | None, int]], out: Path, start: int
) -> tuple[list[Record], int]:
    """Leading complete records; only the very last one may be damaged (a cut-off write)."""
    done: list[Record] = []
    offset, units = start, list(units)
    for index, (record, end) in enumerate(units):
        if record is None:
            if index < len(units) - 1:
                raise InputError(
                    f"Cannot resume: record {index + 1} of {out} is damaged. "
                    "Rerun without --resume to start over."
                )
            break
        done.append(record)
        offset = end
    return done, offset
