"""Latent facts first, then the case documents rendered from them.

`build_case` draws a scenario (cause, warranty, SLA delay, billing errors, ...)
for one intended exception label, renders a DOMAIN.md §2 case from it and
reports the text facts the notes truly express. The authoritative labels are
computed afterwards from the rendered case (see `generator`), never from the
intention, so the scenario only has to aim well, not be perfect.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from triage.domain.vocab import (
    EXCEPTION_LABELS,
    REGION_CURRENCY,
    TAX_RATES,
    ContractType,
    ServiceType,
    Workflow,
)
from triage.reconcile import TextFacts
from triage.simulate import catalog as cat
from triage.simulate.phrases import Wording, choose_style, pick, write_notes

WOI = Workflow.WORK_ORDER_TO_INVOICE.value
PROC = Workflow.SERVICE_PROCUREMENT.value
DISP = Workflow.DISPUTE_CREDIT.value

# DOMAIN.md §1: the exceptions each workflow typically produces.
WORKFLOW_LABELS: dict[str, frozenset[str]] = {
    WOI: frozenset(EXCEPTION_LABELS),
    PROC: frozenset(
        {
            "missing_po",
            "rate_mismatch",
            "quantity_mismatch",
            "duplicate_billing",
            "tax_error",
            "none",
        }
    ),
    DISP: frozenset(
        {
            "sla_credit",
            "rate_mismatch",
            "quantity_mismatch",
            "warranty_coverage",
            "out_of_scope",
            "none",
        }
    ),
}
WORKFLOW_WEIGHTS: dict[str, float] = {WOI: 0.5, PROC: 0.25, DISP: 0.25}
PRECEDENCE: dict[str, int] = {label: i for i, label in enumerate(EXCEPTION_LABELS)}
REGIONS: tuple[str, ...] = tuple(TAX_RATES)
CONTRACT_TYPES: tuple[str, ...] = tuple(c.value for c in ContractType)
SERVICE_TYPES: tuple[str, ...] = tuple(s.value for s in ServiceType)
REPAIRS = ("repair", "emergency_repair")
CENT = Decimal("0.01")
_CATALOG_PRICE: dict[str, float] = {
    **{p.sku: p.price for at in cat.ASSET_TYPES for p in at.parts},
    **{p.description: p.price for p in cat.SUNDRIES},
}


def money(value: Decimal | float) -> Decimal:
    """Round half up to cents: the rounding rule every amount in a case follows."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _ts(local: datetime, offset_min: int) -> str:
    sign = "+" if offset_min >= 0 else "-"
    h, m = divmod(abs(offset_min), 60)
    return (
        f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:"
        f"{local.minute:02d}:{local.second:02d}{sign}{h:02d}:{m:02d}"
    )


def _offset(region: str, day: date) -> int:
    std, summer = cat.REGION_OFFSETS[region]
    return summer if 4 <= day.month <= 10 else std


def _step(rng: random.Random, lo: float, hi: float, step: float) -> float:
    n = rng.randint(math.ceil(lo / step), math.floor(hi / step))
    return round(n * step, 2)


@dataclass(slots=True)
class Draft:
    """The latent scenario of one case, filled in step by step."""

    rng: random.Random
    index: int
    seed: int
    target: str
    workflow: str
    partition: str | None
    positives: set[str] = field(default_factory=set)
    hard: list[str] = field(default_factory=list)
    phrase_ids: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def flip(self, p: float) -> bool:
        return self.rng.random() < p


def plan_positives(d: Draft) -> None:
    """The rules that must fire: the target plus, sometimes, one it outranks."""
    if d.target != "none":
        d.positives.add(d.target)
        # sorted: iterating a frozenset of strings follows PYTHONHASHSEED, not the seed
        lower = sorted(
            (
                lab
                for lab in WORKFLOW_LABELS[d.workflow]
                if lab != "none" and PRECEDENCE[lab] > PRECEDENCE[d.target]
            ),
            key=PRECEDENCE.__getitem__,
        )
        if lower and d.flip(0.22):
            extra = d.rng.choice(lower)
            d.positives.add(extra)
            d.hard.append(f"precedence:{d.target}>{extra}")


def _company(rng: random.Random, stems: tuple[str, ...], region: str) -> str:
    return f"{rng.choice(stems)} {rng.choice(cat.LEGAL_FORMS[region])}"


def _customer_name(rng: random.Random, region: str) -> str:
    stem = rng.choice(cat.CUSTOMER_STEMS)
    kind = rng.choice(cat.CUSTOMER_KINDS)
    return f"{stem} {kind} {rng.choice(cat.LEGAL_FORMS[region])}"


def _po(rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"PO-{rng.randint(10000, 99999)}"
    if style == 1:
        return f"4500{rng.randint(100000, 999999)}"
    if style == 2:
        return f"PO/{rng.randint(2024, 2026)}/{rng.randint(1, 9999):04d}"
    return f"BE{rng.randint(100000, 999999)}"


def _typo_number(value: str, rng: random.Random) -> str:
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    i = rng.choice(digits)
    new = str((int(value[i]) + rng.randint(1, 9)) % 10)
    return value[:i] + new + value[i + 1 :]


def _invoice_number(rng: random.Random, year: int) -> str:
    style = rng.randrange(5)
    if style == 0:
        return f"INV-{year}-{rng.randint(10000, 99999)}"
    if style == 1:
        return f"RE-{year}-{rng.randint(1000, 99999):05d}"
    if style == 2:
        return f"F{year}-{rng.randint(100, 9999):04d}"
    if style == 3:
        return f"{year}/{rng.randint(10000, 99999)}"
    return f"{rng.randint(7000000, 7999999)}"


def _work_order(rng: random.Random, year: int) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"WO-{year}-{rng.randint(1, 999999):06d}"
    if style == 1:
        return f"SO-{rng.randint(10000, 999999)}"
    if style == 2:
        return f"AUF-{year}-{rng.randint(1000, 99999)}"
    return f"{rng.randint(2000000, 2999999)}"


def build_case(d: Draft) -> tuple[dict[str, Any], TextFacts]:
    """Render one case from a freshly drawn scenario; returns the case and its text facts."""
    rng = d.rng
    plan_positives(d)
    pos = d.positives

    # --- parties and dates ----------------------------------------------------
    region = rng.choice(REGIONS)
    currency = REGION_CURRENCY[region]
    lang = cat.REGION_LANG[region] if rng.random() < 0.8 else "en"
    service_day = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 960))
    year = service_day.year
    customer_name = _customer_name(rng, region)
    provider = _company(rng, cat.SERVICE_COMPANIES, region)

    # --- contract -------------------------------------------------------------
    ctypes = CONTRACT_TYPES if "rate_mismatch" not in pos else CONTRACT_TYPES[:-1]
    ctype = rng.choices(ctypes, (0.25, 0.15, 0.15, 0.25, 0.2)[: len(ctypes)])[0]
    (llo, lhi), (tlo, thi) = cat.RATE_RANGES[currency]
    labor_rate = float(rng.randint(llo, lhi)) + rng.choice((0.0, 0.0, 0.5, 0.9))
    travel_rate = float(rng.randint(tlo, thi)) + rng.choice((0.0, 0.0, 0.5))
    asset_type = rng.choice(cat.ASSET_TYPES)
    factor = cat.PRICE_FACTOR[currency]
    price_list: dict[str, float] = {}
    if ctype != "none":
        for part in asset_type.parts:
            if rng.random() < 0.85:
                price_list[part.sku] = float(money(part.price * factor * rng.uniform(0.88, 1.12)))
    if ctype in ("full_service", "labor_only"):
        covered = rng.sample(SERVICE_TYPES, rng.randint(1, 4))
    elif ctype == "none":
        covered = []
    else:
        covered = rng.sample(SERVICE_TYPES, rng.randint(0, 3))
    po_required = "missing_po" in pos or rng.random() < (0.8 if d.workflow == PROC else 0.4)
    po_numbers = [_po(rng) for _ in range(rng.randint(1, 3))]
    if ctype == "none":
        sla_hours = float(rng.choice((48, 72)))
        contract_id = rng.choice(("", "LIST", "NO-CONTRACT"))
    else:
        sla_hours = float(rng.choice((2, 4, 4, 8, 8, 12, 24, 48)))
        prefix = "SA" if d.workflow == PROC else "CT"
        contract_id = f"{prefix}-{rng.randint(1, 9999):04d}"
    start = service_day - timedelta(days=rng.randint(20, 1000))
    end = max(start + timedelta(days=365 * rng.randint(1, 4)), service_day + timedelta(days=5))

    # --- service type and cause ------------------------------------------------
    if "warranty_coverage" in pos:
        stype = rng.choices(SERVICE_TYPES, (0.15, 0.55, 0.0, 0.05, 0.25))[0]
    else:
        stype = rng.choices(SERVICE_TYPES, (0.25, 0.35, 0.15, 0.13, 0.12))[0]
    filler_me = "missing_evidence" in pos and not (pos & {"warranty_coverage", "out_of_scope"})
    me_mode = ""
    if "missing_evidence" in pos:
        me_mode = "unsigned_filler" if filler_me and rng.random() < 0.72 else "no_hours"
    signed_filler = (
        not me_mode
        and not (pos & {"warranty_coverage", "out_of_scope"})
        and d.workflow == WOI
        and rng.random() < 0.06
    )
    filler = me_mode == "unsigned_filler" or signed_filler
    if signed_filler:
        d.hard.append("signed_filler_notes")

    if filler:
        cause = "none"
    elif "warranty_coverage" in pos:
        cause = rng.choice(("defect", "defect", "wear"))
    elif stype in REPAIRS:
        cause = rng.choices(
            ("defect", "wear", "customer_damage", "misuse", "no_fault", "unstated"),
            (0.3, 0.22, 0.16, 0.1, 0.1, 0.12),
        )[0]
    elif stype == "preventive_maintenance":
        cause = rng.choices(("none", "wear", "customer_damage", "defect"), (0.65, 0.2, 0.08, 0.07))[
            0
        ]
    elif stype == "inspection":
        cause = rng.choices(("none", "wear", "customer_damage"), (0.8, 0.12, 0.08))[0]
    else:
        cause = "none"
    failure = cause in ("defect", "wear")

    # --- warranty ---------------------------------------------------------------
    if "warranty_coverage" in pos:
        wstate = "ends_on_completion" if rng.random() < 0.15 else "active"
    elif failure or cause == "unstated":
        options = ["expired", "none", "expired_day_before"]
        weights = [0.55, 0.2, 0.13]
        if failure and "sla_credit" not in pos:
            options.append("active_credited")
            weights.append(0.12)
        wstate = rng.choices(options, weights)[0]
    else:
        wstate = rng.choices(("active", "expired", "none"), (0.35, 0.45, 0.2))[0]
    if wstate == "active" and cause in ("customer_damage", "misuse"):
        d.hard.append("warranty_but_customer_caused")
    if wstate in ("ends_on_completion", "expired_day_before", "active_credited"):
        d.hard.append(f"warranty_{wstate}")

    # --- times --------------------------------------------------------------------
    offset = _offset(region, service_day)
    reported = datetime(service_day.year, service_day.month, service_day.day) + timedelta(
        minutes=rng.randrange(6 * 60, 18 * 60)
    )
    sla_min = int(sla_hours * 60)
    sla_credit_line = False
    if "sla_credit" in pos:
        kind = rng.choices(("just_over", "over", "far_over"), (0.3, 0.4, 0.3))[0]
        if kind == "just_over":
            response = sla_min + rng.randint(1, 20)
            d.hard.append("sla_just_over")
        elif kind == "over":
            response = sla_min + rng.randint(30, max(31, sla_min))
        else:
            response = sla_min + rng.randint(12 * 60, 60 * 60)
    else:
        r = rng.random()
        if r < 0.08:
            response = sla_min
            d.hard.append("sla_exact")
        elif r < 0.16:
            response = max(1, sla_min - rng.randint(1, 20))
            d.hard.append("sla_just_under")
        elif r < 0.22 and d.workflow != PROC:
            response = sla_min + rng.randint(5, 8 * 60)
            sla_credit_line = True
            d.hard.append("sla_breach_credited")
        else:
            response = max(10, int(sla_min * rng.uniform(0.1, 0.9)))
    arrived = reported + timedelta(minutes=response)
    labor_ranges = {
        "preventive_maintenance": (1.0, 4.0),
        "repair": (0.5, 6.0),
        "emergency_repair": (1.0, 8.0),
        "inspection": (0.5, 3.0),
        "installation": (3.0, 14.0),
    }
    lo, hi = labor_ranges[stype]
    hstep = rng.choices((0.25, 0.5, 0.1), (0.7, 0.15, 0.15))[0]
    labor_hours = _step(rng, lo, hi, hstep)
    travel_hours = 0.0 if rng.random() < 0.15 else _step(rng, 0.25, 3.0, 0.25)
    completed = arrived + timedelta(minutes=int(labor_hours * 60) + rng.randrange(0, 61))
    if rng.random() < 0.04:
        # late finish: the local completion date is what the warranty rule reads
        completed = completed.replace(hour=23, minute=rng.randrange(0, 60))
        if completed < arrived:
            completed = arrived + timedelta(minutes=int(labor_hours * 60))
        d.hard.append("late_evening_completion")
    done_day = completed.date()
    install_date = done_day - timedelta(days=rng.randint(40, 3000))
    warranty_end: date | None
    if wstate in ("active", "active_credited"):
        warranty_end = done_day + timedelta(days=rng.randint(1, 700))
    elif wstate == "ends_on_completion":
        warranty_end = done_day
    elif wstate == "expired_day_before":
        warranty_end = done_day - timedelta(days=1)
    elif wstate == "expired":
        warranty_end = done_day - timedelta(days=rng.randint(2, 1500))
    else:
        warranty_end = None
    if warranty_end is not None and install_date > warranty_end:
        install_date = warranty_end - timedelta(days=365 * rng.choice(asset_type.warranty_years))

    # --- report parts -----------------------------------------------------------
    report_parts: list[dict[str, Any]] = []
    if (stype in REPAIRS and cause != "no_fault") or failure or cause == "customer_damage":
        for part in rng.sample(asset_type.parts, rng.choice((1, 1, 1, 2))):
            report_parts.append({"sku": part.sku, "description": part.description, "qty": 1})
    elif stype == "preventive_maintenance" and rng.random() < 0.6:
        part = rng.choice(asset_type.parts)
        report_parts.append(
            {"sku": part.sku, "description": part.description, "qty": rng.choice((1, 2, 4))}
        )
    if rng.random() < 0.12:
        sundry = rng.choice(cat.SUNDRIES)
        report_parts.append(
            {"sku": sundry.sku or None, "description": sundry.description, "qty": 1}
        )

    # --- notes --------------------------------------------------------------------
    who = rng.choice(cat.CONTACTS)
    comp = rng.choice(asset_type.components)
    part_word = report_parts[0]["description"] if report_parts else comp
    if part_word[:1].isupper() and not part_word[:2].isupper():
        part_word = part_word[0].lower() + part_word[1:]
    co_number = f"CO-{rng.randint(100, 99999)}"
    extra = "out_of_scope" in pos
    extra_co = False
    if not extra and not filler and rng.random() < 0.07:
        extra, extra_co = True, True
        d.hard.append("extra_work_with_change_order")
    rework = not filler and rng.random() < 0.12
    goodwill = not filler and rng.random() < 0.09
    slots = {
        "part": part_word,
        "comp": comp,
        "asset": rng.choice(asset_type.models),
        "who": who,
        "co": co_number,
    }
    sentences: list[tuple[str, str]] = []

    def say(family: str) -> None:
        w: Wording = pick(rng, family, d.partition, lang)
        d.phrase_ids.append(w.id)
        sentences.append((w.text.format(**slots), w.lang))

    co_where = ""
    if filler:
        if rng.random() > 0.1:
            say("filler")
            if rng.random() < 0.2:
                say("distractor")
                d.hard.append("filler_with_distractor")
    else:
        work_family = {
            "repair": "work_repair",
            "emergency_repair": "work_repair",
            "preventive_maintenance": "work_pm",
            "inspection": "work_inspection",
            "installation": "work_install",
        }[stype]
        if cause == "no_fault":
            say("no_fault")
        else:
            say(work_family)
        if cause in ("defect", "wear", "customer_damage", "misuse"):
            say(cause)
            if rng.random() < 0.5:
                sentences.insert(len(sentences) - 2, sentences.pop())
        if cause in ("defect", "wear", "no_fault", "none") and rng.random() < 0.3:
            say("negated_damage")
            d.hard.append("negated_damage")
        if rework:
            say("rework")
        elif rng.random() < 0.05:
            say("not_rework")
            d.hard.append("negated_rework")
        if extra:
            say("extra_work")
            if extra_co:
                co_where = rng.choices(("notes", "line", "po"), (0.5, 0.3, 0.2))[0]
                if co_where == "po" and po_required:
                    co_where = "line"
                if co_where == "notes":
                    say("change_order")
        elif rng.random() < 0.08:
            say("negated_extra")
            d.hard.append("negated_extra_work")
        if goodwill:
            say("goodwill")
        elif rng.random() < 0.06:
            say("goodwill_declined")
            d.hard.append("goodwill_declined")
        for _ in range(rng.choices((0, 1, 2), (0.55, 0.33, 0.12))[0]):
            say("distractor")
            sentences.insert(rng.randrange(len(sentences)), sentences.pop())
    style = rng.choice(("plain", "plain", "caps", "terse")) if filler else choose_style(rng)
    notes = write_notes(rng, sentences, style, who)

    # --- signature and labor hours -------------------------------------------------
    signed = me_mode != "unsigned_filler" and (signed_filler or rng.random() < 0.85)
    if not signed and not filler:
        d.hard.append("unsigned_but_described")
    report_labor = 0.0 if me_mode == "no_hours" else labor_hours
    billed_labor_total = labor_hours

    # --- invoice lines ----------------------------------------------------------------
    lang_doc = cat.REGION_LANG[region]
    lines: list[dict[str, Any]] = []
    labor_desc = {
        "de": ("Arbeitszeit Techniker", "Monteurstunden", "Lohn {st}"),
        "fr": ("Main d'oeuvre", "Heures technicien", "MO {st}"),
        "en": ("{st} labor", "Labour", "Technician hours", "Service labor"),
    }[lang_doc]
    st_name = stype.replace("_", " ").capitalize()
    lrate, trate = labor_rate, travel_rate
    if ctype == "none" and rng.random() < 0.3:
        lrate = float(money(labor_rate * rng.uniform(0.8, 1.25)))
        trate = float(money(travel_rate * rng.uniform(0.8, 1.25)))
        d.hard.append("no_contract_rates_differ")
    qty_mode = ""
    if "quantity_mismatch" in pos:
        qty_choices = ["labor_up", "labor_extra", "travel_extra", "part_qty", "part_unreported"]
        if labor_hours >= 1.5:
            qty_choices.append("labor_under")
        if report_parts:
            qty_choices.append("part_not_billed")
        qty_mode = rng.choice(qty_choices)
    billed_labor = billed_labor_total
    if qty_mode == "labor_up":
        billed_labor = float(math.ceil(labor_hours))
        if billed_labor - labor_hours <= 0.06:
            billed_labor += 1.0
    elif qty_mode == "labor_extra":
        billed_labor = round(labor_hours + _step(rng, 0.25, 2.0, 0.25), 2)
    elif qty_mode == "labor_under":
        billed_labor = round(labor_hours - _step(rng, 0.25, 1.0, 0.25), 2)
    elif rng.random() < 0.07 and not me_mode:
        billed_labor = round(labor_hours + rng.choice((0.05, -0.05, 0.04, -0.03, 0.02)), 2)
        d.hard.append("hours_within_tolerance")
    if rng.random() < 0.12 and billed_labor >= 1.0:
        first = _step(rng, 0.5, billed_labor - 0.25, 0.25) if billed_labor > 0.75 else 0.5
        split = [first, round(billed_labor - first, 2)]
        d.hard.append("labor_split_lines")
    else:
        split = [billed_labor]
    labor_line_desc = rng.choice(labor_desc).format(st=st_name)
    co_line_done = False
    for i, q in enumerate(split):
        desc = labor_line_desc if len(split) == 1 else f"{labor_line_desc} ({i + 1}/{len(split)})"
        if co_where == "line" and not co_line_done:
            desc = f"{desc} incl. additional work per {co_number}"
            co_line_done = True
        lines.append(_line("labor", desc, None, q, lrate))
    billed_travel = travel_hours
    if qty_mode == "travel_extra":
        billed_travel = round(travel_hours + rng.choice((0.5, 1.0, 0.25, 1.5)), 2)
    if billed_travel > 0:
        tdesc = {"de": "Anfahrt", "fr": "Déplacement", "en": "Travel"}[lang_doc]
        lines.append(_line("travel", tdesc, None, billed_travel, trate))
    billed_parts = [dict(p) for p in report_parts]
    if qty_mode == "part_qty" and billed_parts:
        billed_parts[0]["qty"] = billed_parts[0]["qty"] + rng.choice((1, 1, 2))
    elif qty_mode == "part_not_billed" and billed_parts:
        billed_parts.pop(0)
    elif qty_mode in ("part_qty", "part_unreported"):
        extra_part = rng.choice(asset_type.parts)
        if any(p["sku"] == extra_part.sku for p in billed_parts):
            billed_parts = [p for p in billed_parts if p["sku"] != extra_part.sku]
            report_parts[:] = [p for p in report_parts if p["sku"] != extra_part.sku]
        billed_parts.append(
            {"sku": extra_part.sku, "description": extra_part.description, "qty": 1}
        )
    for p in billed_parts:
        sku = p["sku"]
        if sku and sku in price_list and ctype != "none":
            unit = price_list[sku]
        else:
            base = _CATALOG_PRICE.get(sku or "", _CATALOG_PRICE.get(p["description"], 25.0))
            unit = float(money(base * factor * 1.15))
        lines.append(_line("part", p["description"], sku, float(p["qty"]), unit))
    if rng.random() < 0.25:
        fee_name, fee_price = rng.choice(cat.FEES)
        lines.append(_line("fee", fee_name, None, 1.0, float(money(fee_price * factor))))

    # --- rate errors -----------------------------------------------------------------
    checkable = [
        i
        for i, ln in enumerate(lines)
        if ctype != "none"
        and (
            ln["kind"] in ("labor", "travel") or (ln["kind"] == "part" and ln["sku"] in price_list)
        )
    ]
    if "rate_mismatch" in pos and checkable:
        i = rng.choice(checkable)
        kind = rng.choices(("just_over", "small", "large", "under"), (0.25, 0.25, 0.3, 0.2))[0]
        if kind == "just_over":
            d.hard.append("rate_just_over_1pct")
        _reprice(lines, i, rng, kind)
    elif checkable and rng.random() < 0.12:
        _reprice(lines, rng.choice(checkable), rng, "within")
        d.hard.append("rate_within_1pct")

    # --- credits ---------------------------------------------------------------------------
    charged = sum(
        (Decimal(str(ln["amount"])) for ln in lines if ln["kind"] in ("labor", "part")), Decimal(0)
    )
    if wstate == "active_credited" and charged > 0:
        cdesc = {"de": "Gutschrift Garantie", "fr": "Avoir garantie", "en": "Warranty credit"}
        lines.append(_credit(cdesc[lang_doc], charged))
    if sla_credit_line:
        cdesc = {"de": "Gutschrift SLA", "fr": "Avoir pénalité SLA", "en": "SLA credit"}
        labor_amt = sum(
            (Decimal(str(ln["amount"])) for ln in lines if ln["kind"] == "labor"), Decimal(0)
        )
        lines.append(_credit(cdesc[lang_doc], money(labor_amt * Decimal("0.1")) or CENT))
    if goodwill and not pos & {"sla_credit", "warranty_coverage"} and rng.random() < 0.4:
        labor_amt = sum(
            (Decimal(str(ln["amount"])) for ln in lines if ln["kind"] == "labor"), Decimal(0)
        )
        if labor_amt > 0:
            gdesc = {"de": "Kulanz", "fr": "Geste commercial", "en": "Goodwill credit"}
            lines.append(_credit(gdesc[lang_doc], labor_amt))

    # --- PO -----------------------------------------------------------------------------------
    po_number: str | None
    if "missing_po" in pos:
        kind = rng.choices(("none", "empty", "typo", "other"), (0.3, 0.15, 0.3, 0.25))[0]
        po_number = {
            "none": None,
            "empty": "",
            "typo": _typo_number(po_numbers[0], rng),
            "other": _po(rng),
        }[kind]
        if po_number and po_number in po_numbers:
            po_number = po_number + "1"
        if kind == "typo":
            d.hard.append("po_typo")
    elif po_required:
        po_number = rng.choice(po_numbers)
        if rng.random() < 0.1:
            po_number = f" {po_number.lower()} "
            d.hard.append("po_case_whitespace_variant")
    else:
        po_number = rng.choices(
            (None, rng.choice(po_numbers), f"REF-{rng.randint(100, 9999)}"), (0.5, 0.3, 0.2)
        )[0]
    if co_where == "po":
        po_number = co_number

    # --- tax -------------------------------------------------------------------------------------
    subtotal = sum((Decimal(str(ln["amount"])) for ln in lines), Decimal(0))
    rate = TAX_RATES[region]
    tax = money(subtotal * Decimal(str(rate)))
    if "tax_error" in pos:
        if rng.random() < 0.5:
            rate = rng.choice(cat.WRONG_TAX_RATES[region])
            tax = money(subtotal * Decimal(str(rate)))
            d.hard.append("tax_wrong_rate")
        else:
            delta = rng.choice(
                (
                    Decimal("0.02"),
                    Decimal("0.03"),
                    money(rng.uniform(0.05, 5)),
                    money(rng.uniform(5, 80)),
                )
            )
            tax = tax + delta if rng.random() < 0.5 or tax - delta < 0 else tax - delta
            d.hard.append("tax_amount_off")
    elif rng.random() < 0.15:
        exact = subtotal * Decimal(str(rate))
        tax = exact.quantize(
            CENT, rounding="ROUND_FLOOR" if rng.random() < 0.5 else "ROUND_CEILING"
        )
        d.hard.append("tax_rounding_within_0.01")
    total = subtotal + tax

    # --- invoice, history --------------------------------------------------------------------
    invoice_day = done_day + timedelta(days=rng.randint(0, 3 if d.workflow == WOI else 20))
    wo = _work_order(rng, year)
    inv_number = _invoice_number(rng, invoice_day.year)
    if d.workflow == PROC:
        issuer = _company(rng, cat.SUBCONTRACTORS, region)
        bill_to = provider
    else:
        issuer, bill_to = provider, customer_name
    prior: list[dict[str, Any]] = []
    for _ in range(rng.choices((0, 1, 2, 3), (0.35, 0.3, 0.2, 0.15))[0]):
        other_wo = _work_order(rng, year)
        other_no = _invoice_number(rng, year)
        if other_wo.casefold() != wo.casefold() and other_no.casefold() != inv_number.casefold():
            prior.append(_prior(rng, other_no, other_wo, invoice_day))
    if "duplicate_billing" in pos:
        kind = rng.choice(("number", "work_order", "both"))
        dup_no = inv_number if kind != "work_order" else _invoice_number(rng, year) + "-R"
        if kind != "work_order" and rng.random() < 0.2:
            dup_no = dup_no.lower()
        dup_wo = wo if kind != "number" else _work_order(rng, year) + "A"
        entry = _prior(rng, dup_no, dup_wo, invoice_day)
        if rng.random() < 0.5:
            entry["total"] = float(total)
        prior.insert(rng.randrange(len(prior) + 1), entry)
        d.facts["duplicate_kind"] = kind
    elif rng.random() < 0.1:
        near_wo = _typo_number(wo, rng)
        entry = _prior(rng, _invoice_number(rng, year) + "-X", near_wo, invoice_day)
        entry["total"] = float(total)
        prior.append(entry)
        d.hard.append("similar_prior_invoice")
    visits = rng.randint(1, 3) if rework else (0 if rng.random() < 0.82 else rng.randint(1, 2))
    if rework and rng.random() < 0.1:
        visits = 0
        d.hard.append("rework_text_without_visits")

    # --- dispute and submission -------------------------------------------------------------
    dispute: dict[str, Any] | None = None
    submit_day = invoice_day + timedelta(days=rng.randint(0, 4))
    submitted: datetime
    if d.workflow == DISP:
        opened = datetime(invoice_day.year, invoice_day.month, invoice_day.day) + timedelta(
            days=rng.randint(3, 45), minutes=rng.randrange(7 * 60, 19 * 60)
        )
        family = {
            "sla_credit": "dispute_sla",
            "rate_mismatch": "dispute_rate",
            "quantity_mismatch": "dispute_qty",
            "warranty_coverage": "dispute_warranty",
            "out_of_scope": "dispute_scope",
        }.get(d.target)
        if family is None or rng.random() < 0.2:
            family = rng.choice(
                (
                    "dispute_sla",
                    "dispute_rate",
                    "dispute_qty",
                    "dispute_warranty",
                    "dispute_scope",
                    "dispute_other",
                    "dispute_other",
                )
            )
            if d.target != "none":
                d.hard.append("dispute_text_off_topic")
        w = pick(rng, family, d.partition, lang)
        d.phrase_ids.append(w.id)
        text = w.text.format(inv=inv_number, wo=wo, sla=f"{sla_hours:g}", asset=slots["asset"])
        dispute = {"opened_at": _ts(opened, _offset(region, opened.date())), "text": text}
        d.facts["dispute_family"] = family
        opened_utc = opened - timedelta(minutes=_offset(region, opened.date()))
        submitted = opened_utc + timedelta(minutes=rng.randint(5, 72 * 60))
    else:
        submitted = datetime(submit_day.year, submit_day.month, submit_day.day) + timedelta(
            minutes=rng.randrange(0, 24 * 60)
        )

    reported_offset = 0 if rng.random() < 0.08 else offset
    if reported_offset != offset:
        d.hard.append("reported_at_in_utc")
    reported_in = reported - timedelta(minutes=offset - reported_offset)
    case_prefix = {WOI: "WO", PROC: "SP", DISP: "DC"}[d.workflow]
    case: dict[str, Any] = {
        "case_id": f"{case_prefix}-{d.seed}-{d.index + 1:07d}",
        "workflow": d.workflow,
        "submitted_at": _ts(submitted, 0),
        "customer": {
            "id": f"C-{rng.randint(1000, 99999)}",
            "name": customer_name,
            "region": region,
        },
        "contract": {
            "id": contract_id,
            "type": ctype,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "currency": currency,
            "labor_rate": labor_rate,
            "travel_rate": travel_rate,
            "price_list": price_list,
            "covered_services": covered,
            "sla_response_hours": sla_hours,
            "po_required": po_required,
            "po_numbers": po_numbers,
        },
        "asset": {
            "id": f"A-{rng.randint(1000, 99999)}",
            "model": slots["asset"],
            "install_date": install_date.isoformat() if rng.random() < 0.9 else None,
            "warranty_end": warranty_end.isoformat() if warranty_end else None,
        },
        "service_report": {
            "work_order_id": wo,
            "technician": rng.choice(cat.TECHNICIANS[lang]),
            "service_type": stype,
            "reported_at": _ts(reported_in, reported_offset),
            "arrived_at": _ts(arrived, offset),
            "completed_at": _ts(completed, offset),
            "labor_hours": report_labor,
            "travel_hours": travel_hours,
            "parts": report_parts,
            "notes": notes,
            "customer_signature": signed,
        },
        "invoice": {
            "number": inv_number,
            "date": invoice_day.isoformat(),
            "issuer": issuer,
            "bill_to": bill_to,
            "po_number": po_number,
            "currency": currency,
            "lines": lines,
            "subtotal": float(subtotal),
            "tax_rate": rate,
            "tax": float(tax),
            "total": float(total),
        },
        "history": {"prior_invoices": prior, "visits_30d": visits},
        "dispute": dispute,
    }
    text_facts = TextFacts(
        work_described=not filler,
        component_failure=failure,
        customer_caused=cause in ("customer_damage", "misuse"),
        extra_work=extra,
        rework=rework,
        goodwill=goodwill,
    )
    d.facts.update(
        cause=cause,
        warranty_state=wstate,
        service_type=stype,
        contract_type=ctype,
        region=region,
        language=lang,
        style=style,
        signed=signed,
        missing_evidence_mode=me_mode or None,
        quantity_mode=qty_mode or None,
        change_order_where=co_where or None,
        response_minutes=response,
        sla_minutes=sla_min,
    )
    return case, text_facts


def _line(kind: str, desc: str, sku: str | None, qty: float, unit: float) -> dict[str, Any]:
    amount = money(Decimal(str(qty)) * Decimal(str(unit)))
    return {
        "kind": kind,
        "description": desc,
        "sku": sku,
        "qty": qty,
        "unit_price": unit,
        "amount": float(amount),
    }


def _prior(rng: random.Random, number: str, wo: str | None, before: date) -> dict[str, Any]:
    day = before - timedelta(days=rng.randint(1, 120))
    return {
        "number": number,
        "work_order_id": wo if rng.random() < 0.9 or number.endswith("-R") else None,
        "date": day.isoformat(),
        "total": float(money(rng.uniform(80, 6000))),
    }


def _credit(desc: str, value: Decimal) -> dict[str, Any]:
    v = float(-money(value))
    return {
        "kind": "credit",
        "description": desc,
        "sku": None,
        "qty": 1.0,
        "unit_price": v,
        "amount": v,
    }


def _reprice(lines: list[dict[str, Any]], i: int, rng: random.Random, kind: str) -> None:
    """Move one line's unit price off the contract price, landing clearly on one side of 1 %."""
    line = lines[i]
    expected = line["unit_price"]
    lo, hi = {
        "just_over": (0.0105, 0.0135),
        "small": (0.02, 0.035),
        "large": (0.05, 0.3),
        "under": (-0.25, -0.012),
        "within": (-0.009, 0.009),
    }[kind]
    for _ in range(20):
        new = float(money(expected * (1 + rng.uniform(lo, hi))))
        dev = abs(new - expected) / expected
        ok = dev < 0.0095 and new != expected if kind == "within" else dev > 0.0102
        if ok:
            break
    else:
        new = float(money(expected * 1.05)) if kind != "within" else expected
    lines[i] = _line(line["kind"], line["description"], line["sku"], line["qty"], new)
