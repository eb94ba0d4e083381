"""Data and behaviour tests of the shipped model bundle (models/default).

Data: label set, schema, no leakage between wording partitions and splits.
Behaviour: minimum functionality per label, paraphrase invariance, direction of
evidence (a larger rate deviation never lowers P(rate_mismatch)).
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from itertools import combinations, pairwise
from pathlib import Path

import numpy as np
import pytest
from training.data import Example, split_by_case

from triage.config import PROJECT_DIR
from triage.domain.parse import parse_case
from triage.domain.vocab import EXCEPTION_LABELS
from triage.features.build import build_features
from triage.features.embedding import get_embedder
from triage.modeling.bundle import BundlePredictor, TriageModel, load_predictor
from triage.modeling.fit import Labelled, encode_labels
from triage.reconcile import reconcile
from triage.simulate import generate
from triage.simulate.phrases import FACT_FAMILIES, FIT_DIGITS, SUB_PARTITIONS, partition_bank

BUNDLE = PROJECT_DIR / "models" / "default"
EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "domain_example.json").read_text())


@pytest.fixture(scope="module")
def predictor() -> BundlePredictor:
    return load_predictor(BUNDLE, "onnx")


def _score(
    predictor: BundlePredictor, raw: dict[str, object]
) -> tuple[str, float, dict[str, float]]:
    case = parse_case(raw)
    (out,) = predictor.predict([case], [reconcile(case)])
    label = max(out.probabilities, key=out.probabilities.__getitem__)
    return label, out.billable_probability, out.probabilities


def _with_notes(notes: str) -> dict[str, object]:
    raw = copy.deepcopy(EXAMPLE)
    raw["service_report"]["notes"] = notes
    return raw


# --- data ---------------------------------------------------------------


def test_bundle_is_small_text_and_names_its_data() -> None:
    files = list(BUNDLE.iterdir())
    assert sum(f.stat().st_size for f in files) < 10 * 1024 * 1024
    meta = json.loads((BUNDLE / "metadata.json").read_text())
    assert len(meta["training_data_digest"]) == 64
    assert meta["labels"] == list(EXCEPTION_LABELS)
    assert (BUNDLE / "MODEL_CARD.md").read_text().startswith("# Model card")


def test_simulated_labels_stay_in_label_set_and_cases_validate() -> None:
    sims = list(generate(200, 5150, partition="test"))
    assert {s.label["exception"] for s in sims} <= set(EXCEPTION_LABELS)
    for s in sims:
        parse_case(s.case)


def test_wording_partitions_share_no_phrase() -> None:
    train = {p for s in generate(300, 1, partition="train") for p in s.label["facts"]["phrase_ids"]}
    test = {p for s in generate(300, 2, partition="test") for p in s.label["facts"]["phrase_ids"]}
    assert train
    assert not train & test


def test_sub_partitions_are_disjoint_and_families_keep_forty_wordings() -> None:
    banks = {name: partition_bank(name) for name in ("test", *SUB_PARTITIONS)}
    ids = {name: {w.id for ws in bank.values() for w in ws} for name, bank in banks.items()}
    folds = [f"train_fit_{d}" for d in FIT_DIGITS]
    for a, b in combinations(["test", "train_calib", *folds], 2):
        assert not ids[a] & ids[b], (a, b)
    assert set().union(*(ids[f] for f in folds)) == ids["train_fit"]
    assert all(len(ws) >= 40 for ws in FACT_FAMILIES.values())


def test_take_keeps_each_case_with_its_own_sentences() -> None:
    sims = list(generate(12, 11, partition="train"))
    cases = [parse_case(s.case) for s in sims]
    cf = build_features(
        cases, [reconcile(c) for c in cases], get_embedder("onnx", TriageModel.load(BUNDLE).adapter)
    )
    full = Labelled(
        features=cf,
        exception=encode_labels([s.label["exception"] for s in sims]),
        billable=np.zeros(12, dtype=np.int64),
        facts={},
    )
    idx = np.asarray([7, 2, 9], dtype=np.int64)
    part = full.take(idx)
    for new, old in enumerate(idx):
        np.testing.assert_array_equal(
            part.features.sentence_embeddings[part.features.sentence_owner == new],
            cf.sentence_embeddings[cf.sentence_owner == old],
        )


def test_split_by_case_puts_every_case_in_one_split() -> None:
    examples = [
        Example(parse_case(s.case), s.case, s.label["exception"], s.label["billable"], {})
        for s in generate(300, 3, partition="train")
    ]
    parts = split_by_case(examples, (0.6, 0.25, 0.15))
    ids = [{e.case.case_id for e in p} for p in parts]
    assert sum(len(p) for p in ids) == 300
    assert not ids[0] & ids[1]
    assert not ids[0] & ids[2]
    assert not ids[1] & ids[2]


def test_bundle_certificate_is_recorded() -> None:
    cert = TriageModel.load(BUNDLE).certification
    assert cert.n_calibration > 1000
    assert cert.target_error == 0.01
    assert cert.certified == (cert.threshold is not None)


# --- behaviour ----------------------------------------------------------


def test_minimum_functionality_per_label_on_unseen_wordings(predictor: BundlePredictor) -> None:
    sims = list(generate(600, 8086, partition="test"))
    cases = [parse_case(s.case) for s in sims]
    outputs = predictor.predict(cases, [reconcile(c) for c in cases])
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for s, out in zip(sims, outputs, strict=True):
        truth = s.label["exception"]
        totals[truth] += 1
        hits[truth] += max(out.probabilities, key=out.probabilities.__getitem__) == truth
    recall = {label: hits[label] / totals[label] for label in totals}
    assert set(recall) == set(EXCEPTION_LABELS)
    # On unseen wordings lgbm-aea3b75b4eef recalled every label >= 0.87 here (warranty and
    # out_of_scope lowest; out_of_scope was 0.47 before the sentence-level fact heads);
    # the floors leave room for sampling noise on ~60 cases per label.
    assert min(recall.values()) >= 0.75, recall
    assert sum(recall.values()) / len(recall) >= 0.93, recall


@pytest.mark.parametrize(
    "notes",
    [
        "Compressor relay failed at start-up; no sign of external damage. "
        "Replaced relay, tested two cycles.",
        "Relay on the compressor died when starting. No external damage found. "
        "Swapped relay, ran 2 test cycles.",
        "compressor relay defective (internal fault), replaced + tested, unit OK",
    ],
)
def test_paraphrases_of_a_warranty_failure_keep_the_label(
    predictor: BundlePredictor, notes: str
) -> None:
    label, billable, _ = _score(predictor, _with_notes(notes))
    assert label == "warranty_coverage"
    assert billable < 0.5


@pytest.mark.parametrize(
    "notes",
    [
        "Customer dropped the unit from the pallet, housing cracked and relay broken. "
        "Replaced relay.",
        "Impact damage from forklift on the compressor housing; relay destroyed, replaced.",
        "Unit knocked over by client staff, relay broken. Replaced relay and tested.",
    ],
)
def test_customer_caused_damage_is_billable_whatever_the_wording(
    predictor: BundlePredictor, notes: str
) -> None:
    label, billable, _ = _score(predictor, _with_notes(notes))
    assert label != "warranty_coverage"
    assert billable > 0.5


def _priced(raw: dict[str, object], deviation: float) -> dict[str, object]:
    """The example out of warranty, with the labor rate `deviation` above contract; the
    invoice stays internally consistent."""
    case = copy.deepcopy(raw)
    case["asset"]["warranty_end"] = "2025-12-31"  # type: ignore[index]
    inv = case["invoice"]  # type: ignore[index]
    line = inv["lines"][0]
    line["unit_price"] = round(95.0 * (1 + deviation), 2)
    line["amount"] = round(line["unit_price"] * line["qty"], 2)
    inv["subtotal"] = round(sum(x["amount"] for x in inv["lines"]), 2)
    inv["tax"] = round(inv["subtotal"] * inv["tax_rate"], 2)
    inv["total"] = round(inv["subtotal"] + inv["tax"], 2)
    return case


def test_larger_rate_deviation_never_lowers_rate_mismatch_probability(
    predictor: BundlePredictor,
) -> None:
    probs = [
        _score(predictor, _priced(EXAMPLE, d))[2]["rate_mismatch"]
        for d in (0.0, 0.005, 0.02, 0.04, 0.08, 0.15, 0.3)
    ]
    assert probs[-1] > 0.5
    assert all(b >= a - 1e-3 for a, b in pairwise(probs)), probs


def _facts(predictor: BundlePredictor, notes: str) -> dict[str, float]:
    case = parse_case(_with_notes(notes))
    cf = build_features([case], [reconcile(case)], predictor.embedder)
    heads = predictor.model.facts
    return dict(zip(heads.outputs, heads.predict(cf)[0].tolist(), strict=True))


@pytest.mark.parametrize(
    ("notes", "fact"),
    [
        (
            "Keys collected at reception. Replaced the relay and tested. Parking at gate 3. "
            "Client asked us to also mount a second sensor in the hall. Log book signed.",
            "extra_work",
        ),
        (
            "Badge needed for the basement. Cust. dropped unit off the trolley, housing "
            "cracked. Replaced housing. Photos uploaded to the ticket.",
            "customer_caused",
        ),
        (
            "Photos uploaded to the ticket. 2nd visit, same fault as last week. Replaced "
            "the relay again. Keys returned to security.",
            "rework",
        ),
    ],
)
def test_a_fact_in_one_sentence_survives_the_distractors_around_it(
    predictor: BundlePredictor, notes: str, fact: str
) -> None:
    assert _facts(predictor, notes)[f"sent_{fact}"] > 0.5


def test_negated_damage_is_not_read_as_customer_caused(predictor: BundlePredictor) -> None:
    facts = _facts(
        predictor,
        "Relay failed internally at start-up. No sign of external damage, not caused by "
        "the customer. Replaced relay and tested.",
    )
    assert max(facts[f"{head}customer_caused"] for head in ("", "sent_", "char_")) < 0.5
    # the failure itself is read by the note and character heads; the sentence head alone
    # sits near 0.5 on this wording (0.44-0.56 with the embedding kernels of different CPUs)
    assert facts["component_failure"] > 0.5
    assert facts["char_component_failure"] > 0.5


def test_a_case_gets_the_same_features_in_any_batch(predictor: BundlePredictor) -> None:
    """The embedder is batch-invariant; everything after it must be too, or the Spark path,
    the service's micro-batches and `triage score` would decide the same case differently."""
    cases = [parse_case(s.case) for s in generate(120, seed=606)]
    evidence = [reconcile(c) for c in cases]
    together = predictor.features(cases, evidence)
    in_sevens = np.vstack(
        [predictor.features(cases[i : i + 7], evidence[i : i + 7]) for i in range(0, 120, 7)]
    )
    alone = np.vstack(
        [predictor.features([c], [e]) for c, e in zip(cases[:20], evidence[:20], strict=True)]
    )
    np.testing.assert_array_equal(together, in_sevens)
    np.testing.assert_array_equal(together[:20], alone)


def test_a_bundle_carries_its_encoder_adapter_and_drops_a_stale_one(tmp_path: Path) -> None:
    from triage.features.adapter import FILE, EncoderAdapter

    model = TriageModel.load(BUNDLE)
    assert model.adapter is None  # the shipped bundle reads with the encoder as packaged
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 384)), rng.normal(size=(384, 2))
    model.adapter = EncoderAdapter.rounded(
        2, {"encoder.layer.0.attention.self.query": (a, b)}, {"steps": 1}
    )
    model.save(tmp_path)
    loaded = TriageModel.load(tmp_path)
    assert loaded.adapter is not None
    assert loaded.adapter.digest == model.adapter.digest
    model.adapter = None
    model.save(tmp_path)  # a re-saved bundle without an adapter must not keep the old file
    assert not (tmp_path / FILE).exists()
    assert TriageModel.load(tmp_path).adapter is None
