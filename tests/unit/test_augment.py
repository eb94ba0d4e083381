"""The compositional training sentences: every fact, its negations, in every language."""

from __future__ import annotations

import inspect
import os
import re
import string
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
    assert any("cortesía" in t.lower() or "sin cargo" in t.lower() for t, _ in sentences)
    assert any("gratuit" in t.lower() or "addebit" in t.lower() for t, _ in sentences)


def _lexicons() -> dict[str, augment.Lexicon]:
    return {
        k: v for k, v in vars(augment).items() if k[:1] == "_" != k[1:2] and isinstance(v, dict)
    }


def _slots(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_templates_fill_only_the_slots_their_lexicon_uses() -> None:
    """Every wording formats with `fill_slots`' slots, and Spanish and Italian use no slot
    the lexicon's other languages do not (an agent where they have none, say)."""
    known = {"c", "a", "o", "v", "w"}
    for name, lex in _lexicons().items():
        before = {s for lang in ("en", "de", "fr", "nl") for t in lex[lang] for s in _slots(t)}
        assert before <= known, name
        for lang in ("es", "it"):
            for t in lex[lang]:
                assert _slots(t) <= before, (name, lang, t)


def test_spanish_and_italian_articles_agree_with_any_slot() -> None:
    """Spanish components are masculine ("el {c}"), and "de"/"a" would contract with an
    agent's "el"; Italian templates put no article before {c} or {a}, and no preposition
    that would contract with an agent's or contact's article ("da il")."""
    es_bad = re.compile(r"\b(?:de|a) el\b|\b(?:la|una) \{c\}", re.IGNORECASE)
    it_article = re.compile(
        r"(?:\b(?:il|lo|la|un|uno|una|al|allo|alla|del|dello|della|dal|dallo|dalla|sul|"
        r"sullo|sulla|nel|nello|nella) |\b(?:l|all|dell|dall|sull|nell|un)')\{[ca]\}",
        re.IGNORECASE,
    )
    it_bad = re.compile(r"\b(?:da|di|a|su|in) (?:il|lo|la|i|gli|le|l')\b", re.IGNORECASE)
    for name, lex in _lexicons().items():
        for t in lex["es"]:
            for a in augment._AGENTS["es"]:
                for w in augment._WHO["es"]:
                    filled = t.replace("{a}", a).replace("{w}", w)
                    assert not es_bad.search(filled), (name, filled)
        for t in lex["it"]:
            assert not it_article.search(t), (name, t)
            for a in augment._AGENTS["it"]:
                for w in augment._WHO["it"]:
                    filled = t.replace("{a}", a).replace("{w}", w)
                    assert not it_bad.search(filled), (name, filled)


# Facts implied rather than named, in every language: vehicles and equipment run into the
# unit, the customer's admission, misuse told by what was done, wear told by age or years,
# old marks unrelated to the fault.
_IMPLIED = {
    "vehicle": (
        augment._DAMAGE,
        {
            "en": ("pallet jack", "pallet truck", "trolley", "cart", "van", "HGV"),
            "de": ("Hubwagen", "Ameise", "Rollwagen", "Transporter", "Lkw"),
            "fr": ("transpalette", "chariot", "diable", "camionnette"),
            "nl": ("palletwagen", "pompwagen", "rolcontainer", "bestelbus", "kar "),
            "es": ("montacargas", "transpaleta", "carretilla", "carrito", "camioneta"),
            "it": ("muletto", "transpallet", "carrello", "furgone"),
        },
    ),
    "admission": (
        augment._DAMAGE,
        {
            "en": ("admitted", "acknowledged", "confirmed"),
            "de": ("zugegeben", "eingeräumt", "bestätigt"),
            "fr": ("reconnu", "confirme"),
            "nl": ("gaf toe", "bevestigt"),
            "es": ("reconoció", "admitió", "confirmó"),
            "it": ("ammesso", "confermato"),
        },
    ),
    "misuse": (
        augment._DAMAGE,
        {
            "en": ("pressure washer", "as a step", "against the vents", "fixing the"),
            "de": ("Hochdruckreiniger", "Trittstufe", "Lüftungsgitter", "herumrepariert"),
            "fr": ("haute pression", "monte sur", "grilles", "réparer le"),
            "nl": ("hogedrukreiniger", "opstapje", "roosters", "repareren"),
            "es": ("hidrolavadora", "escalón", "rejillas", "repararlo"),
            "it": ("idropulitrice", "scalino", "griglie", "fai da te"),
        },
    ),
    "age": (
        augment._FAILURE,
        {
            "en": ("years",),
            "de": ("Jahre",),
            "fr": ("ans",),
            "nl": ("jaar",),
            "es": ("años",),
            "it": ("anni",),
        },
    ),
    "unrelated": (
        augment._NO_DAMAGE,
        {
            "en": ("not related", "unrelated"),
            "de": ("ohne Zusammenhang", "nichts zu tun"),
            "fr": ("sans rapport", "sans lien"),
            "nl": ("staan los", "niets met"),
            "es": ("no tienen que ver", "sin relación"),
            "it": ("non legati", "estranea"),
        },
    ),
}


@pytest.mark.parametrize("kind", _IMPLIED)
def test_implied_wordings_in_every_language(kind: str) -> None:
    lex, words = _IMPLIED[kind]
    assert set(words) == set(AUGMENT_LANGS)
    for lang in AUGMENT_LANGS:
        assert any(w in t for t in lex[lang] for w in words[lang]), (kind, lang)


def test_spanish_and_italian_are_added_beside_the_other_languages() -> None:
    """Of `sentence_texts`' default, English, German, French and Dutch keep the counts they
    had of 9 400 sentences; Spanish and Italian are about 8 % each."""
    from training.data import sentence_texts

    n = inspect.signature(sentence_texts).parameters["augmented"].default
    assert len(augment._LANG_WEIGHTS) == len(AUGMENT_LANGS)
    share = dict(zip(AUGMENT_LANGS, augment._LANG_WEIGHTS, strict=True))
    total = sum(share.values())
    before = {"en": 0.45, "de": 0.2, "fr": 0.2, "nl": 0.15}
    for lang, fraction in before.items():
        assert abs(n * share[lang] / total - 9400 * fraction) < 0.005 * 9400 * fraction, lang
    for lang in ("es", "it"):
        assert 0.07 < share[lang] / total < 0.09, lang


def test_every_lexicon_speaks_every_language() -> None:
    lexicons = list(_lexicons().values())
    assert len(lexicons) >= 20
    assert {"es", "it"} <= set(AUGMENT_LANGS)
    assert all(set(lex) == set(AUGMENT_LANGS) for lex in lexicons)
    assert all(lex[lang] for lex in lexicons for lang in AUGMENT_LANGS)


def test_negations_are_labelled_without_their_fact() -> None:
    sentences = dict(compositional_sentences(seed=3, n=20000))
    damage_denied = [
        t
        for t in sentences
        if any(
            d in t.lower()
            for d in ("ruled out impact damage", "se descarta daño por impacto", "non causato da")
        )
    ]
    goodwill_denied = [
        t
        for t in sentences
        if any(d in t.lower() for d in ("kulanz abgelehnt", "gratuità rifiutata", "sin cortesía"))
    ]
    # a suspicion of customer damage the technician refutes is never customer-caused
    blame_refuted = [
        t
        for t in sentences
        if any(d in t.lower() for d in ("site blamed the cleaners", "in sede davano la colpa"))
    ]
    for denied in (damage_denied, goodwill_denied, blame_refuted):
        assert len(denied) >= 3
    assert all("customer_caused" not in sentences[t] for t in damage_denied + blame_refuted)
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
