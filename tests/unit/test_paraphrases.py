"""The free paraphrases: every fact said and denied in every language, labelled right."""

from __future__ import annotations

import string

import pytest
from training import paraphrases as p
from training.paraphrases import paraphrased_sentences

from triage.modeling.text_facts import TEXT_FACTS
from triage.simulate.phrases import LANGS

# The bank that states each fact, and the banks that deny it or carry look-alikes.
_STATES = {
    "work_described": p.ROUTINE,
    "component_failure": p.COMPONENT_FAILURE,
    "customer_caused": p.CUSTOMER_CAUSED,
    "extra_work": p.EXTRA_WORK,
    "rework": p.REWORK,
    "goodwill": p.GOODWILL,
}
_SLOTS = {"a", "c", "co", "o", "v", "w"}


@pytest.mark.parametrize("fact", TEXT_FACTS)
def test_each_fact_is_stated_in_every_language(fact: str) -> None:
    bank = _STATES[fact]
    for lang in LANGS:
        assert len(bank[lang]) >= 20, (fact, lang)
    assert len(bank["en"]) >= 60, fact


def test_banks_use_only_the_slots_the_generator_fills() -> None:
    banks = [v for v in vars(p).values() if isinstance(v, dict) and set(v) == set(LANGS)]
    assert len(banks) >= 11
    for bank in banks:
        for lang in LANGS:
            for sentence in bank[lang]:
                used = {f for _, f, _, _ in string.Formatter().parse(sentence) if f}
                assert used <= _SLOTS, sentence


def test_generated_sentences_carry_each_fact_present_and_absent() -> None:
    sentences = paraphrased_sentences(seed=11, n=4000)
    assert len(sentences) == 4000
    for fact in TEXT_FACTS:
        present = sum(fact in facts for _, facts in sentences)
        assert 100 <= present <= 3900, fact
    assert all("{" not in text for text, _ in sentences)
    # a fact-bearing sentence about a failure or damage also describes the work done
    for _, facts in sentences:
        if facts & {"component_failure", "customer_caused", "extra_work", "rework"}:
            assert "work_described" in facts


def test_denials_are_not_labelled_with_the_fact_they_deny() -> None:
    denied = {
        "customer_caused": p.NOT_CUSTOMER_CAUSED,
        "extra_work": p.NOT_EXTRA_WORK,
        "rework": p.NOT_REWORK,
        "goodwill": p.NOT_GOODWILL,
    }
    for fact, bank in denied.items():
        single = [facts for _, b, facts in p._SINGLE if b is bank]
        assert single, fact
        assert all(fact not in facts for facts in single), fact


def test_same_seed_same_sentences() -> None:
    assert paraphrased_sentences(5, 300) == paraphrased_sentences(5, 300)
    assert paraphrased_sentences(5, 300) != paraphrased_sentences(6, 300)
