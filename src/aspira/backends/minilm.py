"""Contextual sentence embedder: all-MiniLM-L6-v2, tuned to the rubric, on onnxruntime, int8
(``minilm-l6-rubric-int8-v1``).

The model is built by the project from the original weights: ``scripts/tune_encoder.py`` trains
the stock MiniLM further on the corpus's train split, so that its vectors carry the rubric's
judgements (a flag, good or bad, a rating), and ``scripts/build_minilm_onnx.py --tuned`` turns
the result into what ships inside the package: an ONNX graph (23 MB, every matrix product int8,
already fused into onnxruntime's contrib operators) whose output ``pooled`` is the mean of the
last layer's token vectors, and MiniLM's ``tokenizer.json``. It reads words in context, so word
order and negation change the vector. On one thread a call costs about 0.3 ms plus 50 µs per token.

Guarantees:

- every file is checked against ``manifest.json`` before it is loaded; onnxruntime and
  tokenizers are imported only then (on the first :meth:`MiniLMEmbedder.embed`, or
  :meth:`MiniLMEmbedder.load`), so constructing the embedder and reading its ``name`` is cheap;
- a text's vector depends on that text alone: :meth:`~MiniLMEmbedder.embed` and
  :meth:`~MiniLMEmbedder.embed_pooled` run each text in a call of its own, one thread, no
  padding. Same text, same bytes, whatever else is in the call;
- texts are cut at 256 word pieces (MiniLM's training length), [CLS] and [SEP] included;
- a text with no word pieces (empty, whitespace) gets a zero row and a token count of 0.

:meth:`MiniLMEmbedder.embed_pooled` returns the unnormalised means with their token counts so a
caller can embed an answer sentence by sentence and combine the sentences with
:func:`combine_pooled` (token-weighted mean, then L2): the mean of every token vector of the
answer, each read in the context of its own sentence, with no 256-token limit on the answer.

:meth:`MiniLMEmbedder.embed_spans` gives the same rows and counts for the sentences of one text
(spans), faster: it reads up to 128 word pieces of sentences in one call, each sentence as a
separate part of the call (the graph's ``attention_mask`` values keep the parts from attending
to each other, and positions restart in each part). One call instead of one per sentence saves
about a quarter of the time for an answer of four sentences. Each part starts at a multiple of
four word pieces (the gap masked out): then a sentence's token vectors are the bytes it gets read
alone, whatever shares its call. Unaligned, they were not always: about one sentence in a hundred
differed in a last rounding step: the attention output differed by float rounding (2e-7 to 5e-7
in the cases traced; presumably a part's offset changes how the kernel's vector sums group the
additions), one such value sat within 3e-6 of a quantisation half step and rounded to the
neighbouring step, and the difference grew from there. Measured on corpus sentences read in
random company: unaligned, 8 of 742 differed; aligned to 4, none of 7,040 (to 8, none of 6,571).
Aligning costs about 2% of the model time (aligning to 8 cost 10%). The rows equal
:meth:`~MiniLMEmbedder.embed_pooled`'s to float rounding (that mean is taken inside the graph).

:meth:`MiniLMEmbedder.embed_span_tokens` returns what :meth:`~MiniLMEmbedder.embed_spans`
pools: each span's token vectors with each word piece's character offsets, so a caller can pool
a part of a sentence (a clause, read in the context of its sentence). Since a span's read depends
on its words alone, the embedder keeps the reads of the last few hundred span texts: the
composer's three answers share sentences, an edited answer keeps most of its sentences, and the
company context pools clauses from the tokens the meaning layer just read, with no model call.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from aspira.backends.embedder import (
    Vectors,
    check_texts,
    packaged_model_dir,
    read_manifest,
    verify_files,
)
from aspira.errors import BackendError, DataError

MINILM_MODEL = "minilm-l6-rubric-int8-v1"
MAX_TOKENS = 256
OUTPUT = "pooled"
TOKENS = "tokens"  # the last layer's token vectors, [batch, seq, dim]
# Word pieces per embed_spans call: longer calls measured no faster, since attention then runs
# over every pair of tokens in the call (masked between parts) and outgrows the fixed cost saved.
SPAN_CALL_TOKENS = 128
# Files that decide the vectors; their hashes make up the embedder's name.
_WEIGHT_FILES = ("model.onnx", "tokenizer.json")
_REBUILD = (
    "Reinstall aspira (pip install --force-reinstall aspira), or from a source checkout run "
    "`git checkout -- src/aspira/knowledge/models` or rebuild the model with "
    "scripts/tune_encoder.py and scripts/build_minilm_onnx.py --tuned, which rewrites "
    "manifest.json."
)
_INSTALL = "pip install 'onnxruntime>=1.20' 'tokenizers>=0.15'"

# Each span of an embed_spans call starts at a multiple of ALIGN word pieces (the gap masked
# out): then a span's vectors are the bytes it gets read alone, whatever shares its call.
ALIGN = 4
# Span reads kept, by span text (an answer's sentences and the clauses the company context pools;
# about 40 KB each): the composer's three answers share sentences, and an edited answer keeps most.
READ_CACHE = 256

TokenCounts = npt.NDArray[np.int64]
Offsets = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class SpanTokens:
    """One span's token vectors from :meth:`MiniLMEmbedder.embed_span_tokens` (read-only)."""

    vectors: Vectors  # [n, dim], the last layer's token vectors, [CLS] first and [SEP] last
    offsets: Offsets  # [n, 2], each token's (start, end) in the text; (-1, -1) for [CLS], [SEP]
    special: Mask  # [n], True for [CLS] and [SEP]

    @classmethod
    def frozen(cls, vectors: Vectors, offsets: Offsets, special: Mask) -> SpanTokens:
        kept = (np.array(vectors, dtype=np.float32), np.array(offsets), np.array(special))
        for array in kept:
            array.flags.writeable = False
        return cls(*kept)

    @classmethod
    def empty(cls, dim: int) -> SpanTokens:
        return cls.frozen(
            np.zeros((0, dim), np.float32), np.zeros((0, 2), np.int64), np.zeros(0, bool)
        )

    def placed(self, start: int) -> SpanTokens:
        """These tokens, read from a span text on its own, as tokens of a span that starts at
        ``start`` in a longer text (the offsets moved; [CLS] and [SEP] stay at -1)."""
        if not start or not len(self.vectors):
            return self
        offsets = np.where(self.special[:, None], -1, self.offsets + start)
        offsets.flags.writeable = False
        return SpanTokens(self.vectors, offsets, self.special)

    def pooled(self, start: int, end: int) -> Vectors | None:
        """The mean of the word pieces lying wholly within ``[start, end)`` of the text (no
        [CLS] or [SEP]), or None when there are none."""
        inside = (self.offsets[:, 0] >= start) & (self.offsets[:, 1] <= end) & ~self.special
        if not inside.any():
            return None
        out: Vectors = self.vectors[inside].mean(axis=0)
        return out


def _aligned(size: int) -> int:
    """Word pieces a span takes up in a call: its own, rounded up to a multiple of ALIGN."""
    return -(-size // ALIGN) * ALIGN


class SpanReading(Protocol):
    """Where a text says something about who a person is, and the one word each such span is
    read as (``aspira.knowledge.names``, ``aspira.knowledge.attributes``)."""

    @property
    def label(self) -> str: ...
    @property
    def digest(self) -> str: ...
    @property
    def read_as_words(self) -> frozenset[str]: ...
    def read_spans(self, text: str) -> tuple[tuple[int, int, str], ...]: ...


@dataclass(frozen=True)
class PieceReader:
    """Which word pieces the model reads for a text: the tokenizer's, with each whole word of
    ``neutral`` read as its neutral word and each span a reading finds (a name, an origin, a
    faith, an age, a disability: ``readings``) as the one piece of the word it is read as. The
    embedder reads every text through it, and ``scripts/tune_encoder.py`` trains on what it
    gives, so the model learns from what it will be shown."""

    swap: npt.NDArray[np.int64] | None = None  # word piece id -> the id read in its place
    continues: Mask | None = None  # per id: a piece that continues a word ("##s")
    readings: tuple[SpanReading, ...] = ()  # earlier readings win where spans overlap
    pieces: Mapping[str, int] = field(default_factory=dict)  # read-as word -> its piece id

    @classmethod
    def build(
        cls,
        tokenizer: Any,
        neutral: Mapping[str, str],
        readings: Sequence[SpanReading],
        source: str,
    ) -> PieceReader:
        """The reader for ``tokenizer`` (a ``tokenizers.Tokenizer``); a listed word the
        vocabulary splits into pieces is a DataError naming ``source`` (the model directory)."""
        swap, continues = _swap_table(tokenizer, dict(neutral), source) if neutral else (None, None)
        pieces: dict[str, int] = {}
        for reading in readings:
            for word in sorted(reading.read_as_words):
                ids = tokenizer.encode(word, add_special_tokens=False).ids
                if len(ids) != 1:
                    raise DataError(
                        f"{reading.label}.v1.yaml: read_as {word!r} is not one word piece of "
                        f"{source}'s vocabulary; choose a word the vocabulary holds whole",
                        details={"file": f"{reading.label}.v1.yaml", "field": "read_as"},
                    )
                pieces[word] = ids[0]
        return cls(swap=swap, continues=continues, readings=tuple(readings), pieces=pieces)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every reading's spans in ``text``, none overlapping (earlier readings first)."""
        out: list[tuple[int, int, str]] = []
        for reading in self.readings:
            for start, end, word in reading.read_spans(text):
                if all(end <= s or start >= e for s, e, _ in out):
                    out.append((start, end, word))
        return out

    def read(self, text: str, encoding: Any) -> tuple[list[int], Offsets, Mask]:
        """The word piece ids the model reads for ``text`` (its ``encoding``), with each piece's
        character offsets ((-1, -1) for [CLS] and [SEP]) and which are [CLS] and [SEP]: listed
        words read as their neutral words, and each span of a reading, however many pieces it
        takes, as the one piece of its word, whose offsets cover the whole span."""
        ids = self.ids(encoding)
        special = np.asarray(encoding.special_tokens_mask, dtype=bool)
        offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
        offsets[special] = -1
        spans = self.spans(text)
        if not spans:
            return ids, offsets, special
        ids = list(ids)
        keep = np.ones(len(ids), dtype=bool)
        for start, end, word in spans:
            inside = np.flatnonzero((offsets[:, 0] >= start) & (offsets[:, 1] <= end) & ~special)
            if len(inside):
                ids[inside[0]] = self.pieces[word]
                offsets[inside[0]] = (start, end)
                keep[inside[1:]] = False
        return [i for i, k in zip(ids, keep, strict=True) if k], offsets[keep], special[keep]

    def ids(self, encoding: Any) -> list[int]:
        """The encoding's word piece ids, each listed whole word read as its neutral word."""
        ids: list[int] = encoding.ids
        if self.swap is None or self.continues is None:
            return ids
        given = np.asarray(ids, dtype=np.int64)
        read = self.swap[given]
        whole = np.append(~self.continues[given[1:]], True)  # the next piece starts a word
        changed = (read != given) & whole
        if not changed.any():
            return ids
        out: list[int] = np.where(changed, read, given).tolist()
        return out


@dataclass(frozen=True)
class _Runtime:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer
    cls: int  # [CLS] and [SEP] token ids, for embed_spans
    sep: int
    reader: PieceReader


def _swap_table(
    tokenizer: Any, neutral: dict[str, str], source: str
) -> tuple[npt.NDArray[np.int64], Mask]:
    """The id lookup for the neutral reading, and which ids continue a word."""
    size = int(tokenizer.get_vocab_size())
    swap = np.arange(size, dtype=np.int64)
    for source_word, target in neutral.items():
        pair = [
            tokenizer.encode(word, add_special_tokens=False).ids for word in (source_word, target)
        ]
        for word, ids in zip((source_word, target), pair, strict=True):
            if len(ids) != 1:
                raise DataError(
                    f"neutral.v1.yaml: {word!r} is not one word piece of {source}'s "
                    "vocabulary, so it cannot be read in place of another word; remove it from "
                    "'words' (a word split into pieces cannot be listed)",
                    details={"file": "neutral.v1.yaml", "field": "words", "word": word},
                )
        swap[pair[0][0]] = pair[1][0]
    continues = np.zeros(size, dtype=bool)
    for token, index in tokenizer.get_vocab().items():
        if token.startswith("##") and index < size:
            continues[index] = True
    return swap, continues


def _import(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise BackendError(
            f"The MiniLM embedder needs {module}, which is not installed. "
            f"Install it with: {_INSTALL}",
            details={"package": module},
        ) from exc


def session_options(ort: Any) -> Any:
    """One thread, sequential, fully optimised, deterministic kernels, errors-only logging."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.use_deterministic_compute = True
    options.log_severity_level = 3  # no warnings on stderr
    return options


def _load_runtime(
    model_dir: Path,
    files: dict[str, str],
    max_tokens: int,
    neutral: dict[str, str],
    readings: Sequence[SpanReading],
) -> _Runtime:
    """Verify every file, then build the onnxruntime session and the tokenizer."""
    verify_files(model_dir, files, rebuild=_REBUILD)
    ort = _import("onnxruntime")
    tokenizers = _import("tokenizers")
    try:
        tokenizer = tokenizers.Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    except Exception as exc:  # tokenizers raises bare Exception subclasses
        raise DataError(f"{model_dir}: cannot read tokenizer.json ({exc}). {_REBUILD}") from exc
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_tokens)
    try:
        session = ort.InferenceSession(
            str(model_dir / "model.onnx"),
            sess_options=session_options(ort),
            providers=["CPUExecutionProvider"],
            # Add + LayerNormalization stay apart: the fused kernel is several times slower.
            disabled_optimizers=["SkipLayerNormFusion"],
        )
    except Exception as exc:  # onnxruntime's errors are not importable without onnxruntime
        raise BackendError(
            f"onnxruntime {getattr(ort, '__version__', '?')} could not load "
            f"{model_dir / 'model.onnx'} ({exc}). Install a supported version with: "
            f"pip install --upgrade 'onnxruntime>=1.20'",
            details={"package": "onnxruntime"},
        ) from exc
    outputs = [output.name for output in session.get_outputs()]
    if outputs != [OUTPUT, TOKENS]:
        raise DataError(
            f"{model_dir / 'model.onnx'}: outputs {outputs}, expected {[OUTPUT, TOKENS]}. "
            f"{_REBUILD}"
        )
    special = [tokenizer.token_to_id(token) for token in ("[CLS]", "[SEP]")]
    if None in special:
        raise DataError(f"{model_dir}: tokenizer.json has no [CLS] or [SEP] token. {_REBUILD}")
    return _Runtime(
        session=session,
        tokenizer=tokenizer,
        cls=special[0],
        sep=special[1],
        reader=PieceReader.build(tokenizer, neutral, readings, model_dir.name),
    )


def combine_pooled(pooled: Vectors, counts: TokenCounts) -> Vectors:
    """Token-count-weighted mean of pooled rows, L2-normalised: one vector for several texts.

    Rows with a count of 0 are ignored; if every count is 0 the result is a zero vector.
    """
    weights = np.asarray(counts, dtype=np.float64)
    if pooled.shape[0] != weights.shape[0]:
        raise ValueError(f"{pooled.shape[0]} pooled rows but {weights.shape[0]} token counts")
    total = float(weights.sum())
    if total <= 0:
        return np.zeros(pooled.shape[1], dtype=np.float32)
    mean = (weights[:, None] * pooled.astype(np.float64)).sum(axis=0) / total
    norm = float(np.linalg.norm(mean))
    out: Vectors = (mean / norm if norm > 0 else mean).astype(np.float32)
    return out


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 tuned to the rubric (int8 ONNX), hash-verified and loaded on first use.

    ``neutral`` maps words to the words read in their place (whole words, one word piece each:
    the packaged embedder reads gendered words as neutral ones, ``neutral.v1.yaml``), and each
    of ``readings`` finds spans read as one word (the packaged embedder reads every origin,
    faith, age, disability, condition, orientation and family status as one word,
    ``attributes.v1.yaml``, and every personal name as one name,
    ``names.v1.yaml``); all are part of the embedder's ``name``, since they change the vectors.
    """

    def __init__(
        self,
        model_dir: Path | None = None,
        neutral: Mapping[str, str] | None = None,
        readings: Sequence[SpanReading] = (),
    ) -> None:
        directory = model_dir if model_dir is not None else packaged_model_dir(MINILM_MODEL)
        manifest = read_manifest(directory, required=_WEIGHT_FILES, rebuild=_REBUILD)
        self._files: dict[str, str] = dict(manifest["files"])
        self.dim: int = int(manifest.get("dim", 384))
        self.max_tokens: int = int(manifest.get("max_tokens", MAX_TOKENS))
        weights = "".join(self._files[name] for name in _WEIGHT_FILES)
        digest = hashlib.sha256(weights.encode("ascii")).hexdigest()[:8]
        self.name: str = f"{manifest.get('id', directory.name)}@{digest}"
        self._neutral = dict(sorted((neutral or {}).items()))
        if self._neutral:
            words = json.dumps(self._neutral, sort_keys=True).encode("utf-8")
            self.name += f"+neutral@{hashlib.sha256(words).hexdigest()[:8]}"
        self._readings = tuple(readings)
        for reading in self._readings:
            self.name += f"+{reading.label}@{reading.digest}"
        self.model_dir = directory
        self._runtime: _Runtime | None = None
        self._lock = threading.Lock()
        self._read: OrderedDict[str, SpanTokens] = OrderedDict()  # by span text
        self._reading: dict[str, threading.Event] = {}  # span texts a thread is reading now
        self._read_lock = threading.Lock()

    def load(self) -> None:
        """Verify and load the model now (otherwise it happens on the first embed call)."""
        self._get_runtime()

    def _get_runtime(self) -> _Runtime:
        runtime = self._runtime
        if runtime is None:
            with self._lock:
                if self._runtime is None:
                    self._runtime = _load_runtime(
                        self.model_dir, self._files, self.max_tokens, self._neutral, self._readings
                    )
                runtime = self._runtime
        return runtime

    def embed_pooled(self, texts: Sequence[str]) -> tuple[Vectors, TokenCounts]:
        """Unnormalised mean-pooled vectors ``[n, dim]`` and the token count behind each.

        The count includes [CLS] and [SEP]; it is 0 (with a zero row) for a text without word
        pieces.
        """
        batch = check_texts(texts)
        pooled = np.zeros((len(batch), self.dim), dtype=np.float32)
        counts = np.zeros(len(batch), dtype=np.int64)
        if not batch:
            return pooled, counts
        runtime = self._get_runtime()
        done: dict[str, int] = {}  # text -> first row holding it
        for row, text in enumerate(batch):
            if text in done:
                pooled[row] = pooled[done[text]]
                counts[row] = counts[done[text]]
                continue
            done[text] = row
            encoding = runtime.tokenizer.encode(text)
            if 0 not in encoding.special_tokens_mask:
                continue  # only [CLS] and [SEP]: nothing to embed
            ids = np.asarray([runtime.reader.read(text, encoding)[0]], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            pooled[row] = runtime.session.run([OUTPUT], feed)[0][0]
            counts[row] = ids.shape[1]
        return pooled, counts

    def embed_spans(
        self, text: str, spans: Sequence[tuple[int, int]]
    ) -> tuple[Vectors, TokenCounts]:
        """:meth:`embed_pooled` of ``[text[start:end] for start, end in spans]``, in fewer calls.

        ``spans`` are ``(start, end)`` character offsets into ``text`` (an answer's sentences,
        say; they may overlap). Each span is tokenized and read on its own, with its own [CLS]
        and [SEP], but consecutive spans share a call of up to 128 word pieces as separate parts
        that do not attend to each other (a longer span has a call of its own, cut at 256 word
        pieces as in :meth:`embed`). Rows and counts match :meth:`embed_pooled`'s for the same
        texts closely but not to the byte (see the module notes); the result depends on ``text``
        and ``spans`` only (same input, same bytes). Each row is the mean of the span's
        :meth:`embed_span_tokens` vectors.
        """
        read = self.embed_span_tokens(text, spans)
        rows = np.zeros((len(read), self.dim), dtype=np.float32)
        counts = np.zeros(len(read), dtype=np.int64)
        for i, span in enumerate(read):
            if len(span.vectors):
                rows[i] = span.vectors.mean(axis=0)
                counts[i] = len(span.vectors)
        return rows, counts

    def embed_span_tokens(
        self, text: str, spans: Sequence[tuple[int, int]]
    ) -> tuple[SpanTokens, ...]:
        """The last layer's token vectors of each span, read as :meth:`embed_spans` reads them.

        One :class:`SpanTokens` per span: its token vectors (unnormalised; [CLS] first, [SEP]
        last; none for a span without word pieces) and each token's character offsets into
        ``text``, so a caller can pool the tokens of a part of a span (a clause of a sentence,
        read in the context of the whole sentence). A span's vectors depend on its own words
        only, so the reads of the last few hundred span texts are kept, keyed by the words: a
        sentence read once (in this answer or another) runs no model call again. Kept arrays
        are read-only and are the bytes a fresh call returns.
        """
        if not isinstance(text, str):
            raise TypeError("embed_spans() takes one text and the (start, end) spans within it")
        bounds = [(int(start), int(end)) for start, end in spans]
        for start, end in bounds:
            if not 0 <= start <= end <= len(text):
                raise ValueError(
                    f"span ({start}, {end}) is not within the text of {len(text)} characters"
                )
        words = [text[start:end] for start, end in bounds]
        reads = self._reads(words)
        return tuple(
            reads[piece].placed(start) for piece, (start, _) in zip(words, bounds, strict=True)
        )

    def clear_cache(self) -> None:
        """Forget the kept span reads (benchmarks time fresh reads)."""
        with self._read_lock:
            self._read.clear()

    def _reads(self, words: list[str]) -> dict[str, SpanTokens]:
        """The read of each distinct span text: kept ones from the store, ones another thread
        is reading now when it is done, the rest read here (and marked as being read, so no
        other thread reads them twice meanwhile)."""
        found: dict[str, SpanTokens] = {}
        claimed: list[str] = []
        waiting: list[threading.Event] = []
        distinct = list(dict.fromkeys(words))
        with self._read_lock:
            for piece in distinct:
                hit = self._read.get(piece)
                if hit is not None:
                    self._read.move_to_end(piece)
                    found[piece] = hit
                elif piece in self._reading:
                    waiting.append(self._reading[piece])
                else:
                    self._reading[piece] = threading.Event()
                    claimed.append(piece)
        if claimed:
            try:
                fresh = self._read_texts(claimed)
                found.update(fresh)
                with self._read_lock:
                    self._read.update(fresh)
                    while len(self._read) > READ_CACHE:
                        self._read.popitem(last=False)
            finally:
                with self._read_lock:
                    for piece in claimed:
                        self._reading.pop(piece).set()
        for event in waiting:
            event.wait()
        rest = [piece for piece in distinct if piece not in found]
        if rest:  # read by another thread (or it failed, or the store already let it go)
            with self._read_lock:
                kept = {piece: self._read[piece] for piece in rest if piece in self._read}
            found.update(kept)
            missing = [piece for piece in rest if piece not in kept]
            if missing:
                found.update(self._read_texts(missing))
        return found

    def _read_texts(self, texts: list[str]) -> dict[str, SpanTokens]:
        """Read each text on its own, several to a model call, each at an aligned offset; the
        tokens' offsets are into the text itself."""
        runtime = self._get_runtime()
        out: dict[str, SpanTokens] = {}
        pieces: list[tuple[str, list[int], Offsets, Mask]] = []
        for piece in texts:
            encoding = runtime.tokenizer.encode(piece)
            if all(encoding.special_tokens_mask):  # only [CLS] and [SEP]: nothing to embed
                out[piece] = SpanTokens.empty(self.dim)
                continue
            pieces.append((piece, *runtime.reader.read(piece, encoding)))
        calls: list[list[tuple[str, list[int], Offsets, Mask]]] = []
        used = SPAN_CALL_TOKENS + 1  # the first span opens a call
        for read in pieces:
            size = _aligned(len(read[1]))
            if used + size > SPAN_CALL_TOKENS:
                calls.append([])
                used = 0
            calls[-1].append(read)
            used += size
        for call in calls:
            # the last span needs no padding after it
            width = sum(_aligned(len(ids)) for _, ids, _, _ in call[:-1]) + len(call[-1][1])
            input_ids = np.zeros((1, width), dtype=np.int64)  # 0 is [PAD], masked out
            parts = np.zeros((1, width), dtype=np.int64)
            starts = []
            at = 0
            for part, (_, ids, _, _) in enumerate(call, start=1):
                input_ids[0, at : at + len(ids)] = ids
                parts[0, at : at + len(ids)] = part
                starts.append(at)
                at += _aligned(len(ids))
            feed = {"input_ids": input_ids, "attention_mask": parts}
            tokens = runtime.session.run([TOKENS], feed)[0][0]
            for (piece, ids, offsets, mask), at in zip(call, starts, strict=True):
                out[piece] = SpanTokens.frozen(tokens[at : at + len(ids)], offsets, mask)
        return out

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised float32 row per text (zero row for a text without word pieces)."""
        pooled, _ = self.embed_pooled(texts)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: Vectors = np.divide(pooled, norms, out=np.zeros_like(pooled), where=norms > 0)
        return out

    def __repr__(self) -> str:
        return f"MiniLMEmbedder(name={self.name!r}, dim={self.dim})"


@cache
def minilm_embedder() -> MiniLMEmbedder:
    """The packaged MiniLM embedder with the neutral reading of gendered words, of who someone
    is (``attributes.v1.yaml``) and of names, one per process (loaded on its first embed call)."""
    from aspira.knowledge.neutral import neutral_words
    from aspira.knowledge.who import who_readings

    return MiniLMEmbedder(neutral=neutral_words(), readings=who_readings())
