"""The prototype banks and their shipped vectors."""

from __future__ import annotations

from aspira.analysis.flags import CONTEXT_FLAGS
from aspira.analysis.semantic import library, vectors_fresh
from aspira.knowledge.prototypes import prototypes
from aspira.rubric import load_rubric


def test_every_context_free_flag_has_a_bank_with_hard_negatives() -> None:
    banks = prototypes().flags
    for flag in load_rubric().flags:
        if flag.id in CONTEXT_FLAGS:
            continue
        assert flag.id in banks, f"no prototype bank for {flag.id}"
        assert len(banks[flag.id].positive) >= 30
        assert len(banks[flag.id].negative) >= 20


def test_banks_name_only_rubric_flags_and_have_no_duplicates() -> None:
    ids = {f.id for f in load_rubric().flags}
    seen: set[str] = set()
    for fid, bank in prototypes().flags.items():
        assert fid in ids
        for text in [*bank.positive, *bank.negative]:
            assert text.lower() not in seen, f"duplicate prototype: {text}"
            seen.add(text.lower())


def test_shipped_vectors_match_the_data_and_the_model() -> None:
    assert vectors_fresh(), "knowledge/data/vectors.v1.npz is stale: run `make calibrate`"


def test_library_rows_are_unit_vectors() -> None:
    lib = library()
    for bank in lib.banks.values():
        norms = (bank.positive_matrix**2).sum(axis=1)
        assert abs(float(norms.min()) - 1) < 1e-3 and abs(float(norms.max()) - 1) < 1e-3
