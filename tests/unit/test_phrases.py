"""The phrase bank: size per fact family, disjoint partitions, meaning-preserving styles."""

from __future__ import annotations

import random

from triage.simulate import PHRASE_PARTITIONS, generate
from triage.simulate.phrases import (
    ALL_WORDINGS,
    FACT_FAMILIES,
    STYLES,
    write_notes,
    write_sentence,
)


def test_fact_families_have_at_least_40_distinct_wordings() -> None:
    for family, texts in FACT_FAMILIES.items():
        assert len(set(texts)) >= 40, family
        assert len(set(texts)) == len(texts), family


def test_partitions_are_disjoint_and_cover_the_bank() -> None:
    train, test = PHRASE_PARTITIONS["train"], PHRASE_PARTITIONS["test"]
    for family, wordings in ALL_WORDINGS.items():
        train_texts = {w.text for w in train[family]}
        test_texts = {w.text for w in test[family]}
        assert train_texts, family
        assert test_texts, family
        assert not train_texts & test_texts, family
        assert train_texts | test_texts == {w.text for w in wordings}


def test_generate_with_partition_uses_only_its_wordings() -> None:
    allowed = {w.id for ws in PHRASE_PARTITIONS["test"].values() for w in ws}
    used = [
        pid for s in generate(300, 4, partition="test") for pid in s.label["facts"]["phrase_ids"]
    ]
    assert used
    assert set(used) <= allowed


def test_write_notes_styles_keep_negations() -> None:
    rng = random.Random(0)
    sentence = [("No sign of external damage.", "en"), ("Not caused by the customer.", "en")]
    for style in STYLES:
        for _ in range(30):
            notes = write_notes(rng, sentence, style, "the site manager").lower()
            assert "no " in notes, style
            assert "not " in notes, style


def test_styles_keep_spanish_and_italian_negations() -> None:
    """`training.augment` renders Spanish and Italian sentences in these styles: a typo
    must not blur the word that negates them."""
    rng = random.Random(0)
    cases = {
        "es": ("Ninguna señal de golpe, nunca se cayó, cortesía rechazada", ("ninguna", "nunca")),
        "it": ("Nessun danno esterno, niente di anomalo, senza addebito", ("nessun", "niente")),
    }
    for lang, (text, words) in cases.items():
        for style in STYLES:
            for _ in range(60):
                out = write_sentence(rng, text, lang, style).lower()
                assert all(w in out for w in words), (lang, style, out)
