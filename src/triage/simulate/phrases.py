"""The phrase bank: families of wordings, named partitions, and technician writing habits.

Partitions split every family's wordings into disjoint sets so that a model
trained on "train" can be measured on wordings it has never seen ("test").
Writing habits (abbreviations, typos, terse or verbose style, capitals) are
applied on top and never touch negations or numbers, so meaning is preserved.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass

from triage.simulate import bank_dispute as bd
from triage.simulate import bank_notes as bn

FAMILIES: dict[str, tuple[str, ...]] = {
    "work_repair": bn.WORK_REPAIR,
    "work_pm": bn.WORK_PM,
    "work_inspection": bn.WORK_INSPECTION,
    "work_install": bn.WORK_INSTALL,
    "defect": bn.DEFECT,
    "wear": bn.WEAR,
    "customer_damage": bn.CUSTOMER_DAMAGE,
    "misuse": bn.MISUSE,
    "negated_damage": bn.NEGATED_DAMAGE,
    "no_fault": bn.NO_FAULT,
    "extra_work": bn.EXTRA_WORK,
    "negated_extra": bn.NEGATED_EXTRA,
    "change_order": bn.CHANGE_ORDER,
    "rework": bn.REWORK,
    "not_rework": bn.NOT_REWORK,
    "goodwill": bn.GOODWILL,
    "goodwill_declined": bn.GOODWILL_DECLINED,
    "filler": bn.FILLER,
    "distractor": bn.DISTRACTOR,
    "dispute_sla": bd.DISPUTE_SLA,
    "dispute_rate": bd.DISPUTE_RATE,
    "dispute_qty": bd.DISPUTE_QTY,
    "dispute_warranty": bd.DISPUTE_WARRANTY,
    "dispute_scope": bd.DISPUTE_SCOPE,
    "dispute_other": bd.DISPUTE_OTHER,
}

# Fact families as the issue counts them: the work wordings of all service types form one.
FACT_FAMILIES: dict[str, tuple[str, ...]] = {
    "work_described": bn.WORK_REPAIR + bn.WORK_PM + bn.WORK_INSPECTION + bn.WORK_INSTALL,
    **{k: v for k, v in FAMILIES.items() if not k.startswith("work_")},
}

PARTITION_NAMES: tuple[str, ...] = ("train", "test")
LANGS: tuple[str, ...] = ("en", "de", "fr")


@dataclass(frozen=True, slots=True)
class Wording:
    family: str
    index: int
    lang: str
    text: str

    @property
    def id(self) -> str:
        return f"{self.family}:{self.index}"


def _partition_of(index: int) -> str:
    """Every tenth wording at positions 2, 5 and 8 is held out: 30 % test, spread across styles."""
    return "test" if index % 10 in (2, 5, 8) else "train"


def _wording(family: str, index: int, raw: str) -> Wording:
    lang, sep, text = raw.partition("|")
    if sep and lang in LANGS:
        return Wording(family, index, lang, text)
    return Wording(family, index, "en", raw)


ALL_WORDINGS: dict[str, tuple[Wording, ...]] = {
    family: tuple(_wording(family, i, raw) for i, raw in enumerate(texts))
    for family, texts in FAMILIES.items()
}

PHRASE_PARTITIONS: dict[str, dict[str, tuple[Wording, ...]]] = {
    name: {
        family: tuple(w for w in wordings if _partition_of(w.index) == name)
        for family, wordings in ALL_WORDINGS.items()
    }
    for name in PARTITION_NAMES
}

_Pools = dict[tuple[str, str], tuple[Wording, ...]]


def _pools(bank: Mapping[str, tuple[Wording, ...]]) -> _Pools:
    pools: _Pools = {}
    for family, wordings in bank.items():
        pools[(family, "*")] = wordings
        for lang in LANGS:
            pools[(family, lang)] = tuple(w for w in wordings if w.lang == lang)
    return pools


# Sub-partitions of "train" (by the wording index's last digit), for training only: the
# calibration split reads wordings the fitted model never saw ("train_calib"), and the
# fitted split is cut into folds of disjoint wordings ("train_fit_<digit>") so that
# out-of-fold text facts are as uncertain as they will be on unseen wordings.
FIT_DIGITS: tuple[int, ...] = (0, 1, 3, 6, 7)
SUB_PARTITIONS: dict[str, tuple[int, ...]] = {
    "train_fit": FIT_DIGITS,
    "train_calib": (4, 9),
    **{f"train_fit_{d}": (d,) for d in FIT_DIGITS},
}


FIT_FOLDS = 3


def fit_fold(index: int) -> int:
    """The out-of-fold group of a "train_fit" wording (-1 for wordings outside it)."""
    digit = index % 10
    return FIT_DIGITS.index(digit) % FIT_FOLDS if digit in FIT_DIGITS else -1


def sub_partition(name: str) -> dict[str, tuple[Wording, ...]]:
    """The wordings of a sub-partition of "train", per family."""
    digits = SUB_PARTITIONS[name]
    return {
        family: tuple(w for w in wordings if w.index % 10 in digits)
        for family, wordings in PHRASE_PARTITIONS["train"].items()
    }


def partition_bank(partition: str | None) -> Mapping[str, tuple[Wording, ...]]:
    """Every family's wordings in a partition or sub-partition (None: all wordings)."""
    if partition is None:
        return ALL_WORDINGS
    if partition in PHRASE_PARTITIONS:
        return PHRASE_PARTITIONS[partition]
    return sub_partition(partition)


_POOLS: dict[str | None, _Pools] = {
    None: _pools(ALL_WORDINGS),
    **{name: _pools(bank) for name, bank in PHRASE_PARTITIONS.items()},
    **{name: _pools(sub_partition(name)) for name in SUB_PARTITIONS},
}


def check_partition(partition: str | None) -> None:
    if partition not in _POOLS:
        known = [*PARTITION_NAMES, *SUB_PARTITIONS]
        raise ValueError(f"unknown phrase partition {partition!r}; known: {known}")


def pick(rng: random.Random, family: str, partition: str | None, lang: str) -> Wording:
    """A wording of `family`, mostly in the writer's language, sometimes in any."""
    pools = _POOLS[partition]
    native = pools[(family, lang)]
    if native and (lang != "en" or rng.random() < 0.93) and rng.random() < 0.9:
        return native[rng.randrange(len(native))]
    anyl = pools[(family, "*")] if lang != "en" else pools[(family, "en")] or pools[(family, "*")]
    if lang == "en" and rng.random() < 0.07:
        anyl = pools[(family, "*")]
    return anyl[rng.randrange(len(anyl))]


# --- writing habits ---------------------------------------------------------

_ABBREV: dict[str, tuple[str, ...]] = {
    "customer": ("cust.", "cust", "cstmr"),
    "customer's": ("cust.", "cust's"),
    "replaced": ("repl.", "repl", "rplcd"),
    "replace": ("repl.",),
    "technician": ("tech", "techn."),
    "temperature": ("temp",),
    "temperatures": ("temps",),
    "maintenance": ("maint.", "mtce"),
    "inspection": ("insp.",),
    "with": ("w/",),
    "without": ("w/o",),
    "and": ("&", "+"),
    "because": ("b/c", "bc"),
    "checked": ("chkd", "chk'd"),
    "previous": ("prev.", "prev"),
    "additional": ("add'l", "addtl"),
    "request": ("req.", "req"),
    "requested": ("req'd", "req."),
    "installed": ("inst.", "instl'd"),
    "operation": ("op.", "ops"),
    "function": ("fct.", "func"),
    "pressure": ("press.", "prs"),
    "pressures": ("press.",),
    "hours": ("hrs", "h"),
    "minutes": ("min", "mins"),
    "tested": ("tstd", "tested"),
    "problem": ("prob", "prob."),
    "please": ("pls", "plz"),
    "approximately": ("approx.", "~"),
    "condition": ("cond.",),
    "controller": ("ctrl", "contr."),
    "compressor": ("comp.", "cmpr"),
    "Austausch": ("Tausch",),
    "durchgeführt": ("durchgef.", "erl."),
    "geprüft": ("gepr.",),
    "Kunde": ("Kd.", "Kde."),
    "Kunden": ("Kd.", "Kdn."),
}
_ABBREV_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _ABBREV) + r")\b")
_PROTECTED = frozenset(
    {
        "no",
        "not",
        "nor",
        "never",
        "none",
        "nothing",
        "without",
        "w/o",
        "kein",
        "keine",
        "keinen",
        "nicht",
        "ohne",
        "pas",
        "aucun",
        "aucune",
        "rien",
        "jamais",
        "didn't",
        "don't",
        "doesn't",
        "wasn't",
        "isn't",
        "won't",
        "cannot",
        "can't",
        "refused",
        "declined",
        # Spanish and Italian, which `training.augment` writes in these styles
        "nunca",
        "ninguno",
        "ninguna",
        "tampoco",
        "rechazado",
        "rechazada",
        "nessun",
        "nessuno",
        "nessuna",
        "niente",
        "nulla",
        "senza",
        "rifiutato",
        "rifiutata",
        "negato",
        "negata",
    }
)
_ARTICLE_RE = re.compile(r"\b(?:the|a|an) ", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-zÄÖÜäöüßéèàçê]{5,}")

STYLES: tuple[str, ...] = ("plain", "terse", "verbose", "bullets", "caps", "sloppy")
_STYLE_WEIGHTS: tuple[float, ...] = (0.32, 0.22, 0.14, 0.1, 0.05, 0.17)

_VERBOSE_OPENERS: tuple[str, ...] = (
    "Arrived on site and reported to {who}.",
    "Technician attended as requested.",
    "On arrival discussed the issue with {who}.",
    "Met {who} on site and was shown the equipment.",
    "Attended site following the call from {who}.",
)
_VERBOSE_CLOSERS: tuple[str, ...] = (
    "Work area left clean, {who} informed.",
    "Explained the work to {who} before leaving.",
    "Job closed with the customer.",
    "Left site after handover.",
)


def choose_style(rng: random.Random) -> str:
    return rng.choices(STYLES, _STYLE_WEIGHTS)[0]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _sloppy(text: str, rng: random.Random, rate: float) -> str:
    def repl(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.lower() in _PROTECTED or rng.random() >= rate:
            return w
        return _typo(w, rng)

    return _WORD_RE.sub(repl, text)


def _abbreviate(text: str, rng: random.Random, rate: float) -> str:
    def repl(m: re.Match[str]) -> str:
        options = _ABBREV[m.group(0)]
        return options[rng.randrange(len(options))] if rng.random() < rate else m.group(0)

    return _ABBREV_RE.sub(repl, text)


def _terse(sentence: str, lang: str) -> str:
    s = sentence.rstrip(". ")
    if lang == "en":
        s = _ARTICLE_RE.sub("", s)
    return s[:1].lower() + s[1:] if s[:2] != s[:2].upper() else s


def write_sentence(rng: random.Random, text: str, lang: str, style: str) -> str:
    """One sentence in a technician's style, as `write_notes` would render it alone."""
    if style == "terse":
        return _abbreviate(_terse(text, lang), rng, 0.6)
    if style == "bullets":
        return _abbreviate(text, rng, 0.2)
    if style == "caps":
        return _abbreviate(text, rng, 0.3).upper()
    if style == "sloppy":
        return _sloppy(_abbreviate(text, rng, 0.4), rng, 0.08)
    return text


def write_notes(rng: random.Random, sentences: list[tuple[str, str]], style: str, who: str) -> str:
    """Join (text, lang) sentences the way one technician would write them."""
    if not sentences:
        return ""
    if style == "terse":
        parts = [_abbreviate(_terse(t, lang), rng, 0.6) for t, lang in sentences]
        sep = rng.choice(("; ", ", ", " / ", " - ", ". "))
        return sep.join(parts)
    if style == "bullets":
        bullet = rng.choice(("- ", "* ", "", "> "))
        return "\n".join(bullet + _abbreviate(t, rng, 0.2) for t, _ in sentences)
    texts = [t for t, _ in sentences]
    if style == "verbose":
        texts.insert(0, rng.choice(_VERBOSE_OPENERS).format(who=who))
        if rng.random() < 0.6:
            texts.append(rng.choice(_VERBOSE_CLOSERS).format(who=who))
    text = " ".join(texts)
    if style == "caps":
        return _abbreviate(text, rng, 0.3).upper()
    if style == "sloppy":
        return _sloppy(_abbreviate(text, rng, 0.4), rng, 0.08).replace(
            ". ", rng.choice((". ", " ", ".. "))
        )
    return text
