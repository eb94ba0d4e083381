"""The compositional training sentences: every fact, its negations, in every language."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from training import augment
from training.augment import AUGMENT_LANGS, compositional_sentences

from triage.features.text import split_sentences
from triage.modeling.text_facts import TEXT_FACTS

# For each fact, the lexicons that express it and those that deny or contrast it.
_POSITIVE = {
    "work_described": (augment._ROUTINE, augment._NO_FAULT),
    "component_failure": (augment._FAILURE,),
    "customer_caused": (augment._DAMAGE,),
    "extra_work": (augment._EXTRA,),
    "rework": (augment._REWORK,),
    "goodwill": (augment._GOODWILL,),
}
_NEGATED = {
    "work_described": (augment._NOTHING,),
    "component_failure": (augment._NO_FAULT, augment._NOT_DEFECT),
    "customer_caused": (augment._NO_DAMAGE,),
    "extra_work": (augment._NOT_EXTRA,),
    "rework": (augment._NOT_REWORK,),
    "goodwill": (augment._NOT_GOODWILL,),
}


@pytest.mark.parametrize("fact", TEXT_FACTS)
def test_every_fact_has_positive_and_negated_wordings_in_each_language(fact: str) -> None:
    for lang in AUGMENT_LANGS:
        assert any(lex[lang] for lex in _POSITIVE[fact]), (fact, lang)
        assert any(lex[lang] for lex in _NEGATED[fact]), (fact, lang)


def test_generated_sentences_cover_each_fact_present_and_absent_in_each_language() -> None:
    sentences = compositional_sentences(seed=7, n=6000)
    for fact in TEXT_FACTS:
        present = [t for t, facts in sentences if fact in facts]
        absent = [t for t, facts in sentences if fact not in facts]
        assert len(present) >= 150, fact
        assert len(absent) >= 150, fact
    assert any("kulanz" in t.lower() for t, _ in sentences)
    assert any("geste commercial" in t.lower() for t, _ in sentences)
    assert any("coulance" in t.lower() or "kosteloos" in t.lower() for t, _ in sentences)


def test_every_lexicon_speaks_every_language() -> None:
    lexicons = [
        v for k, v in vars(augment).items() if k[:1] == "_" != k[1:2] and isinstance(v, dict)
    ]
    assert len(lexicons) >= 20
    assert all(set(lex) == set(AUGMENT_LANGS) for lex in lexicons)


def test_negations_are_labelled_without_their_fact() -> None:
    sentences = dict(compositional_sentences(seed=3, n=20000))
    damage_denied = [t for t in sentences if "ruled out impact damage" in t.lower()]
    goodwill_denied = [t for t in sentences if "kulanz abgelehnt" in t.lower()]
    assert damage_denied
    assert goodwill_denied
    assert all("customer_caused" not in sentences[t] for t in damage_denied)
    assert all("goodwill" not in sentences[t] for t in goodwill_denied)


def test_deterministic_and_mostly_single_sentences() -> None:
    first = compositional_sentences(seed=11, n=500)
    assert first == compositional_sentences(seed=11, n=500)
    assert first != compositional_sentences(seed=12, n=500)
    # The heads read one sentence at a time: a generated unit should rarely be cut in two.
    split = sum(len(split_sentences(t)) > 1 for t, _ in first)
    assert split / len(first) < 0.1


def test_same_sentences_in_every_process() -> None:
    """`make train` reproduces the bundle: the sentences must not follow the process's
    string-hash seed (a set's iteration order does)."""
    script = (
        "import hashlib; from training.augment import compositional_sentences as c; "
        "print(hashlib.sha256(repr([(t, sorted(f)) for t, f in c(seed=11, n=300)])"
        ".encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
