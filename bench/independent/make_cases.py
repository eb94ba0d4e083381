"""Independent benchmark: hand-written cases with their true labels.

This set was written from the product contract (``/work/shared/spec/DOMAIN.md``)
alone, the way a customer's operations team writes acceptance cases for a
vendor: nobody who wrote it looked at the project's simulator, training data,
models or tests. It measures how the product generalises to cases and wordings
the team never wrote. The notes are written as technicians, dispatchers and
customers write them: job-sheet shorthand, typos, long narratives, negations,
look-alikes and German / French / Dutch or mixed-language text.

Each case is one ``Spec`` below: the facts of the job plus the expected
``exception`` (DOMAIN §3.1, first rule that applies), ``billable`` (§3.2) and a
one-line ``why``. The arithmetic (line amounts, subtotal, tax, total) is computed
here so every case is internally consistent as §2 demands; a ``tax_error`` case
sets a wrong rate or a wrong tax amount on purpose, never a wrong total.

Run ``python bench/independent/make_cases.py`` to write ``cases.jsonl`` and
``labels.jsonl`` next to this file. Before writing, ``check_structure`` re-derives
the structural rules (1, 2's labor-without-hours part, 3, 6, 7, 8, 9 and rule 4's
date and charge conditions) and asserts that each label is the first that applies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from triage.domain.vocab import EXCEPTION_LABELS, REGION_CURRENCY
from triage.domain.vocab import TAX_RATES as DOMAIN_TAX_RATES

HERE = Path(__file__).resolve().parent

# The contract's vocabulary (DOMAIN §2-3): label order, tax rate and currency by region.
LABELS = EXCEPTION_LABELS
TAX_RATES = {region: str(rate) for region, rate in DOMAIN_TAX_RATES.items()}
CURRENCY = REGION_CURRENCY
# Standard-time UTC offsets (the cases fall in winter unless times are given explicitly).
UTC_OFFSET: dict[str, int] = {
    "DE": 1,
    "FR": 1,
    "NL": 1,
    "AT": 1,
    "CH": 1,
    "GB": 0,
    "US-NY": -5,
    "US-TX": -6,
    "US-CA": -8,
}
RATES: dict[str, tuple[str, str]] = {  # currency -> (labor_rate, travel_rate)
    "EUR": ("95.00", "45.00"),
    "GBP": ("82.00", "38.00"),
    "USD": ("115.00", "55.00"),
    "CHF": ("135.00", "60.00"),
}
FX: dict[str, str] = {"EUR": "1", "GBP": "0.86", "USD": "1.08", "CHF": "0.95"}
CATALOGUE_EUR: dict[str, str] = {
    "P-1001": "12.50",  # air filter
    "P-1140": "38.00",  # seal / gasket kit
    "P-2040": "64.00",  # relay
    "P-2210": "86.00",  # contactor
    "P-3105": "27.40",  # drive belt
    "P-3320": "142.00",  # hydraulic hose assembly
    "P-4420": "285.00",  # fan motor
    "P-4480": "520.00",  # circulation pump
    "P-5012": "410.00",  # control board
    "P-5100": "118.00",  # sensor
    "P-6030": "74.00",  # bearing set
    "P-6200": "1380.00",  # compressor
    "P-7001": "96.00",  # valve
    "P-7050": "58.00",  # thermostat
    "P-8000": "44.00",  # igniter
}
WORDS: dict[str, tuple[str, str]] = {  # region -> (labor, travel) line wording
    "DE": ("Arbeitszeit", "Anfahrt"),
    "AT": ("Arbeitszeit", "Anfahrt"),
    "CH": ("Arbeitszeit", "Anfahrt"),
    "FR": ("Main d'œuvre", "Déplacement"),
    "NL": ("Arbeidsloon", "Reistijd"),
}
CUSTOMERS: dict[str, tuple[str, ...]] = {
    "DE": ("Brauhaus Lindner GmbH", "Klinikum Westpark gGmbH", "Kühlhaus Nord AG"),
    "AT": ("Hotel Alpenrose GmbH", "Molkerei Steiner KG"),
    "CH": ("Bäckerei Huber AG", "Spital Limmattal", "Hotel du Lac SA"),
    "FR": ("Boulangeries Martin SAS", "Clinique Saint-Roch", "Fromagerie Vauclair SARL"),
    "NL": ("Zuivel de Vries B.V.", "Ziekenhuis Oostland", "Bakkerij Jansen B.V."),
    "GB": ("Harrow Foods Ltd", "St Aldric's Hospital Trust", "Penrose Hotels plc"),
    "US-NY": ("Hudson Valley Dairy LLC", "Bronx Medical Group", "Gotham Bakeries Inc."),
    "US-TX": ("Lone Star Plastics Inc.", "Gulf Coast Cold Storage LLC"),
    "US-CA": ("Sierra Breweries Inc.", "Bayview Labs LLC", "Pacifica Hotels LP"),
}
OUR_COMPANY: dict[str, str] = {
    "EUR": "Acme Field Services GmbH",
    "GBP": "Acme Field Services UK Ltd",
    "USD": "Acme Field Services Inc.",
    "CHF": "Acme Field Services AG",
}
DEFAULT_COVERED: dict[str, list[str]] = {
    "full_service": ["preventive_maintenance", "repair"],
    "labor_only": ["preventive_maintenance", "repair"],
    "parts_only": ["repair"],
    "time_and_materials": [],
    "none": [],
}
NO_WARRANTY = "2025-06-30"
WARRANTY = "2027-03-31"

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Spec:
    """One hand-written case: the facts that matter plus the expected labels."""

    workflow: str
    region: str
    ctype: str
    stype: str
    notes: str
    exception: str
    billable: bool
    why: str
    day: str = "2026-02-10"
    signed: bool = True
    technician: str = "M. Keller"
    labor_hours: float = 2.0
    travel_hours: float = 1.0
    parts: list[tuple[str, str, float]] = field(default_factory=list)  # sku, description, qty
    response_hours: float = 2.5  # arrived_at - reported_at
    sla: float = 8.0
    covered: list[str] | None = None
    po_required: bool = False
    po_numbers: list[str] = field(default_factory=list)
    invoice_po: str | None = "default"  # "default": the first contract PO (or None)
    warranty_end: str | None = NO_WARRANTY
    asset_model: str = "Chiller XR-200"
    labor_lines: list[tuple[float, str]] | None = None  # (qty, unit price) overrides
    travel_lines: list[tuple[float, str]] | None = None
    part_price: dict[str, str] = field(default_factory=dict)
    part_qty: dict[str, float] = field(default_factory=dict)
    unreported_parts: list[tuple[str, str, float]] = field(default_factory=list)
    extra_lines: list[tuple[str, str, str]] = field(default_factory=list)  # kind, desc, amount
    tax_rate: str | None = None
    tax_delta: str = "0"
    prior: list[dict[str, Any]] | None = None  # None: one unrelated prior invoice
    prior_same_number: bool = False
    prior_same_work_order: bool = False
    visits_30d: int = 0
    dispute: str | None = None
    issuer: str | None = None  # subcontractor for service_procurement
    times: tuple[str, str, str] | None = None  # explicit reported, arrived, completed


def _price(currency: str, sku: str) -> Decimal:
    return money(Decimal(CATALOGUE_EUR[sku]) * Decimal(FX[currency]))


def _line(
    kind: str, description: str, sku: str | None, qty: float, price: Decimal
) -> dict[str, Any]:
    amount = money(Decimal(str(qty)) * price)
    return {
        "kind": kind,
        "description": description,
        "sku": sku,
        "qty": float(qty),
        "unit_price": float(price),
        "amount": float(amount),
    }


def _times(spec: Spec) -> tuple[datetime, datetime, datetime]:
    if spec.times is not None:
        reported, arrived, completed = (datetime.fromisoformat(t) for t in spec.times)
        return reported, arrived, completed
    tz = timezone(timedelta(hours=UTC_OFFSET[spec.region]))
    reported = datetime.fromisoformat(spec.day).replace(hour=8, tzinfo=tz)
    arrived = reported + timedelta(hours=spec.response_hours)
    work = spec.labor_hours if spec.labor_hours > 0 else 0.5
    completed = arrived + timedelta(hours=work + 0.25)
    return reported, arrived, completed


def build(n: int, spec: Spec) -> dict[str, Any]:
    """Turn a spec into a §2 case with consistent arithmetic."""
    currency = CURRENCY[spec.region]
    labor_rate, travel_rate = (Decimal(r) for r in RATES[currency])
    price_list = {sku: float(_price(currency, sku)) for sku in CATALOGUE_EUR}
    case_id = f"IND-2026-{n:04d}"
    work_order = f"WO-{24000 + n * 37}"
    invoice_number = f"INV-2026-{31000 + n * 53}"
    if spec.workflow == "service_procurement":
        invoice_number = f"SUB-{8800 + n * 11}"
    labor_word, travel_word = WORDS.get(spec.region, ("Labor", "Travel"))
    po_numbers = spec.po_numbers or ([f"PO-{55000 + n * 17}"] if spec.po_required else [])
    invoice_po = (
        (po_numbers[0] if po_numbers else None) if spec.invoice_po == "default" else spec.invoice_po
    )

    lines: list[dict[str, Any]] = []
    labor_lines = spec.labor_lines or [(spec.labor_hours, str(labor_rate))]
    for qty, price in labor_lines:
        if qty > 0:
            lines.append(_line("labor", f"{labor_word} ({spec.stype})", None, qty, Decimal(price)))
    travel_lines = spec.travel_lines or [(spec.travel_hours, str(travel_rate))]
    for qty, price in travel_lines:
        if qty > 0:
            lines.append(_line("travel", travel_word, None, qty, Decimal(price)))
    for sku, desc, qty in spec.parts:
        price = Decimal(spec.part_price.get(sku, str(_price(currency, sku))))
        lines.append(_line("part", desc, sku, spec.part_qty.get(sku, qty), price))
    for sku, desc, qty in spec.unreported_parts:
        lines.append(_line("part", desc, sku, qty, _price(currency, sku)))
    for kind, desc, amount in spec.extra_lines:
        lines.append(_line(kind, desc, None, 1.0, Decimal(amount)))

    subtotal = sum((Decimal(str(line["amount"])) for line in lines), Decimal("0"))
    tax_rate = Decimal(spec.tax_rate or TAX_RATES[spec.region])
    tax = money(subtotal * tax_rate) + Decimal(spec.tax_delta)
    total = subtotal + tax

    reported, arrived, completed = _times(spec)
    invoice_date = completed.date() + timedelta(days=1)
    if spec.dispute is not None:
        opened = datetime.combine(invoice_date + timedelta(days=12), datetime.min.time())
        opened = opened.replace(hour=10, tzinfo=reported.tzinfo)
        submitted = opened + timedelta(hours=2)
    else:
        submitted = datetime.combine(invoice_date, datetime.min.time()).replace(hour=9, tzinfo=UTC)

    prior = spec.prior
    if prior is None:
        prior = [
            {
                "number": f"INV-2025-{40000 + n * 29}",
                "work_order_id": f"WO-{15000 + n * 41}",
                "date": "2025-11-18",
                "total": 412.30,
            }
        ]
    prior = list(prior)
    if spec.prior_same_number:
        prior.append(
            {
                "number": invoice_number,
                "work_order_id": None,
                "date": invoice_date.isoformat(),
                "total": float(total),
            }
        )
    if spec.prior_same_work_order:
        prior.append(
            {
                "number": f"{invoice_number}-A"
                if "SUB" in invoice_number
                else f"INV-2026-{29000 + n}",
                "work_order_id": work_order,
                "date": invoice_date.isoformat(),
                "total": float(total),
            }
        )

    customers = CUSTOMERS[spec.region]
    customer_name = customers[n % len(customers)]
    issuer = spec.issuer or OUR_COMPANY[currency]
    bill_to = OUR_COMPANY[currency] if spec.workflow == "service_procurement" else customer_name
    warranty = spec.warranty_end
    install = None if warranty is None else f"{int(warranty[:4]) - 2}{warranty[4:]}"
    case: dict[str, Any] = {
        "case_id": case_id,
        "workflow": spec.workflow,
        "submitted_at": submitted.isoformat(),
        "customer": {"id": f"C-{3000 + n * 7}", "name": customer_name, "region": spec.region},
        "contract": {
            "id": f"CT-{700 + n}",
            "type": spec.ctype,
            "start": "2025-01-01",
            "end": "2027-12-31",
            "currency": currency,
            "labor_rate": float(labor_rate),
            "travel_rate": float(travel_rate),
            "price_list": price_list,
            "covered_services": spec.covered
            if spec.covered is not None
            else DEFAULT_COVERED[spec.ctype],
            "sla_response_hours": float(spec.sla),
            "po_required": spec.po_required,
            "po_numbers": po_numbers,
        },
        "asset": {
            "id": f"A-{9100 + n * 3}",
            "model": spec.asset_model,
            "install_date": install,
            "warranty_end": warranty,
        },
        "service_report": {
            "work_order_id": work_order,
            "technician": spec.technician,
            "service_type": spec.stype,
            "reported_at": reported.isoformat(),
            "arrived_at": arrived.isoformat(),
            "completed_at": completed.isoformat(),
            "labor_hours": float(spec.labor_hours),
            "travel_hours": float(spec.travel_hours),
            "parts": [{"sku": s, "description": d, "qty": float(q)} for s, d, q in spec.parts],
            "notes": spec.notes,
            "customer_signature": spec.signed,
        },
        "invoice": {
            "number": invoice_number,
            "date": invoice_date.isoformat(),
            "issuer": issuer,
            "bill_to": bill_to,
            "po_number": invoice_po,
            "currency": currency,
            "lines": lines,
            "subtotal": float(subtotal),
            "tax_rate": float(tax_rate),
            "tax": float(tax),
            "total": float(total),
        },
        "history": {"prior_invoices": prior, "visits_30d": spec.visits_30d},
        "dispute": None,
    }
    if spec.dispute is not None:
        case["dispute"] = {"opened_at": opened.isoformat(), "text": spec.dispute}
    return case


def structural_flags(case: dict[str, Any]) -> dict[str, bool]:
    """The rules DOMAIN §3.1 decides from fields alone (rule 4: only its date/charge part)."""
    report, invoice, contract = case["service_report"], case["invoice"], case["contract"]
    lines = invoice["lines"]
    prior = case["history"]["prior_invoices"]

    def hours(kind: str) -> float:
        return sum(line["qty"] for line in lines if line["kind"] == kind)

    labor_billed = hours("labor")
    credits = -sum(Decimal(str(x["amount"])) for x in lines if x["kind"] == "credit")
    charged = sum(
        (Decimal(str(x["amount"])) for x in lines if x["kind"] in ("labor", "part")), Decimal("0")
    )
    warranty_end = case["asset"]["warranty_end"]
    completed = datetime.fromisoformat(report["completed_at"])
    reported = datetime.fromisoformat(report["reported_at"])
    arrived = datetime.fromisoformat(report["arrived_at"])

    rate = False
    if contract["type"] != "none":
        for line in lines:
            ref = {"labor": contract["labor_rate"], "travel": contract["travel_rate"]}.get(
                line["kind"]
            )
            if line["kind"] == "part":
                ref = contract["price_list"][line["sku"]]
            if ref is not None and abs(line["unit_price"] - ref) > 0.01 * ref + 1e-9:
                rate = True

    reported_parts: dict[str, float] = {}
    for part in report["parts"]:
        reported_parts[part["sku"]] = reported_parts.get(part["sku"], 0) + part["qty"]
    billed_parts: dict[str, float] = {}
    for line in lines:
        if line["kind"] == "part":
            billed_parts[line["sku"]] = billed_parts.get(line["sku"], 0) + line["qty"]
    qty = (
        abs(labor_billed - report["labor_hours"]) > 0.05 + 1e-9
        or abs(hours("travel") - report["travel_hours"]) > 0.05 + 1e-9
        or any(reported_parts.get(sku) != q for sku, q in billed_parts.items())
    )
    expected_tax = money(Decimal(str(invoice["subtotal"])) * Decimal(str(invoice["tax_rate"])))
    tax = (
        Decimal(str(invoice["tax_rate"])) != Decimal(TAX_RATES[case["customer"]["region"]])
        or abs(Decimal(str(invoice["tax"])) - expected_tax) > CENT
    )
    return {
        "duplicate_billing": any(
            p["number"] == invoice["number"] or p["work_order_id"] == report["work_order_id"]
            for p in prior
        ),
        "labor_without_hours": labor_billed > 0 and report["labor_hours"] == 0,
        "missing_po": contract["po_required"]
        and (not invoice["po_number"] or invoice["po_number"] not in contract["po_numbers"]),
        "warranty_charged": warranty_end is not None
        and date.fromisoformat(warranty_end) >= completed.date()
        and charged > 0
        and credits < charged,
        "sla_credit": (arrived - reported).total_seconds() / 3600 > contract["sla_response_hours"]
        and not any(x["kind"] == "credit" for x in lines),
        "rate_mismatch": rate,
        "quantity_mismatch": qty,
        "tax_error": tax,
    }


def check_structure(case: dict[str, Any], label: str) -> None:
    """Assert internal consistency (§2) and that no earlier structural rule pre-empts the label."""
    report, invoice = case["service_report"], case["invoice"]
    times = [
        datetime.fromisoformat(report[k]) for k in ("reported_at", "arrived_at", "completed_at")
    ]
    assert times[0] <= times[1] <= times[2], case["case_id"]
    assert (case["dispute"] is not None) == (case["workflow"] == "dispute_credit"), case["case_id"]
    assert invoice["currency"] == case["contract"]["currency"], case["case_id"]
    for line in invoice["lines"]:
        amount = money(Decimal(str(line["qty"])) * Decimal(str(line["unit_price"])))
        assert Decimal(str(line["amount"])) == amount, case["case_id"]
        assert (line["kind"] == "credit") == (line["amount"] < 0), case["case_id"]
    subtotal = sum((Decimal(str(x["amount"])) for x in invoice["lines"]), Decimal("0"))
    assert Decimal(str(invoice["subtotal"])) == subtotal, case["case_id"]
    total = Decimal(str(invoice["subtotal"])) + Decimal(str(invoice["tax"]))
    assert Decimal(str(invoice["total"])) == total, case["case_id"]

    flags = structural_flags(case)
    rank = LABELS.index(label)
    order = [
        ("duplicate_billing", 0),
        ("labor_without_hours", 1),
        ("missing_po", 2),
        ("sla_credit", 5),
        ("rate_mismatch", 6),
        ("quantity_mismatch", 7),
        ("tax_error", 8),
    ]
    for name, position in order:
        if position < rank:
            assert not flags[name], f"{case['case_id']}: {name} pre-empts {label}"
    if label in ("duplicate_billing", "missing_po", "sla_credit", "rate_mismatch"):
        assert flags[label], f"{case['case_id']}: {label} does not fire"
    if label in ("quantity_mismatch", "tax_error"):
        assert flags[label], f"{case['case_id']}: {label} does not fire"
    if label == "warranty_coverage":
        assert flags["warranty_charged"], f"{case['case_id']}: warranty inactive or not charged"


W2O = "work_order_to_invoice"
PROC = "service_procurement"
DISP = "dispute_credit"

# fmt: off
SPECS: list[Spec] = [
    # ---------------------------------------------------------------- duplicate_billing
    Spec(
        W2O, "DE", "full_service", "preventive_maintenance",
        "Wartung lt. Checkliste durchgeführt: Filter F7 (4 Stk.) gewechselt, Keilriemen-"
        "spannung geprüft, Kondensatablauf gereinigt. Keine Auffälligkeiten.",
        "duplicate_billing", False,
        "Rule 1: same invoice number already in prior_invoices; §3.2.5 full_service covers PM.",
        day="2026-01-14", labor_hours=3.0, travel_hours=0.5,
        parts=[("P-1001", "Luftfilter F7", 4)], prior_same_number=True, technician="S. Brandt",
    ),
    Spec(
        PROC, "GB", "time_and_materials", "repair",
        "Drive belt on conveyor 3 worn through, fitted new belt and realigned both pulleys. "
        "Ran under load 20 min, no slip.",
        "duplicate_billing", True,
        "Rule 1: subcontractor re-sent the same work_order_id under a new number; T&M → billable.",
        day="2026-01-20", parts=[("P-3105", "Drive belt B-62", 1)], prior_same_work_order=True,
        issuer="Kestrel Mechanical Ltd", technician="D. Oduya",
    ),
    Spec(
        W2O, "CH", "none", "installation",
        "Neues Gerät gesetzt, Wasser + Strom angeschlossen, Inbetriebnahme ok, Kunde "
        "eingewiesen (Bedienung + Entkalkung).",
        "duplicate_billing", True,
        "Rule 1 (work_order_id already invoiced) outranks the late arrival (rule 6); no contract.",
        day="2026-02-03", labor_hours=4.5, response_hours=30.0, prior_same_work_order=True,
        asset_model="Kombidämpfer CD-10",
    ),
    Spec(
        PROC, "US-TX", "parts_only", "emergency_repair",
        "EMERG callout - burst hyd hose on press #4, repl hose assy + 2 fittings, bled sys, "
        "leak chk ok @ 2500 psi",
        "duplicate_billing", True,
        "Rule 1 (same invoice number in history) outranks the wrong PO (rule 3); parts_only.",
        day="2026-02-05", parts=[("P-3320", "Hydraulic hose assy", 1)], po_required=True,
        po_numbers=["PO-55102"], invoice_po="PO-55012", prior_same_number=True,
        issuer="Brazos Hydraulics LLC", asset_model="Press HP-400", technician="R. Guerrero",
    ),
    Spec(
        W2O, "NL", "full_service", "repair",
        "Besturingsprint defect (interne kortsluiting op voedingsdeel), geen externe schade of "
        "vocht. Print vervangen, 2 cycli getest, ok.",
        "duplicate_billing", False,
        "Rule 1 (same work_order_id invoiced) before rule 4; billable false: warranty defect.",
        day="2026-02-11", warranty_end=WARRANTY, parts=[("P-5012", "Besturingsprint", 1)],
        prior_same_work_order=True, technician="P. de Groot",
    ),
    Spec(
        DISP, "US-NY", "labor_only", "repair",
        "Replaced failed door gasket on walk-in cooler #2, adjusted lower hinge, door seals "
        "fine now.",
        "duplicate_billing", False,
        "Rule 1: work_order_id already on an earlier invoice; labor_only covers repair.",
        day="2026-01-27", parts=[("P-1140", "Door gasket", 1)], prior_same_work_order=True,
        dispute="We were invoiced for this same service call twice, once last month and now "
        "again. Please cancel the duplicate.",
        asset_model="Walk-in cooler WC-8",
    ),
    # ---------------------------------------------------------------- missing_evidence
    Spec(
        W2O, "DE", "full_service", "repair", "erledigt",
        "missing_evidence", False,
        "Rule 2: unsigned report, filler-only notes; full_service covers repair.",
        day="2026-01-22", signed=False, parts=[("P-1140", "Dichtungssatz", 1)],
    ),
    Spec(
        W2O, "GB", "time_and_materials", "repair", "See above.",
        "missing_evidence", True,
        "Rule 2: unsigned, notes say nothing about the work; T&M → billable.",
        day="2026-02-02", signed=False, labor_hours=1.5,
    ),
    Spec(
        PROC, "US-CA", "time_and_materials", "inspection", "",
        "missing_evidence", True,
        "Rule 2: unsigned subcontractor report with empty notes; T&M → billable.",
        day="2026-02-09", signed=False, labor_hours=1.0, issuer="Coastline Inspections Inc.",
    ),
    Spec(
        W2O, "FR", "labor_only", "preventive_maintenance", "Intervention terminée. Cf. ci-dessus.",
        "missing_evidence", False,
        "Rule 2: unsigned, filler only ('job done, see above'); labor_only covers PM.",
        day="2026-02-12", signed=False, technician="L. Moreau",
    ),
    Spec(
        W2O, "AT", "parts_only", "inspection",
        "Ferndiagnose per Telefon, Kunde hat die Steuerung selbst zurückgesetzt. Kein Einsatz "
        "vor Ort nötig.",
        "missing_evidence", True,
        "Rule 2: labor billed (1.5 h) while the report shows 0 labor hours; parts_only → billable.",
        day="2026-02-16", labor_hours=0.0, travel_hours=0.0, labor_lines=[(1.5, "95.00")],
    ),
    Spec(
        W2O, "US-NY", "full_service", "emergency_repair", "Job complete. Thx",
        "missing_evidence", True,
        "Rule 2 (unsigned, filler) before rule 6; emergency_repair not in covered → billable.",
        day="2026-02-18", signed=False, response_hours=11.0, technician="T. Walsh",
    ),
    Spec(
        W2O, "NL", "labor_only", "repair", "ok - zie werkbon",
        "missing_evidence", False,
        "Rule 2 (unsigned, 'see job sheet' only) before rule 7; labor_only covers repair.",
        day="2026-02-19", signed=False, labor_lines=[(2.0, "99.00")],
    ),
    # ---------------------------------------------------------------- missing_po
    Spec(
        PROC, "DE", "time_and_materials", "repair",
        "Pumpe 2: Lagerschaden, Lager + Gleitringdichtung getauscht, Probelauf 45 min ohne "
        "Befund.",
        "missing_po", True,
        "Rule 3: PO required, invoice has no PO; T&M → billable.",
        day="2026-01-15", labor_hours=3.5, parts=[("P-6030", "Lagersatz", 1)], po_required=True,
        invoice_po=None, issuer="Pumpen Service Ruhr GmbH",
    ),
    Spec(
        W2O, "GB", "full_service", "preventive_maintenance",
        "Annual PM. Changed filters, checked refrigerant pressures + superheat, all within "
        "spec. Cust signed off.",
        "missing_po", False,
        "Rule 3: invoice PO-77120 is not the contract's PO-77210; full_service covers PM.",
        day="2026-01-26", parts=[("P-1001", "Filter", 2)], po_required=True,
        po_numbers=["PO-77210"], invoice_po="PO-77120", technician="K. Bryant",
    ),
    Spec(
        PROC, "US-TX", "labor_only", "repair",
        "found loose lug on contactor L2 (heat discoloration), re-terminated + torqued all "
        "lugs, unit back online, amps balanced",
        "missing_po", False,
        "Rule 3: PO required, PO field empty; labor_only covers repair.",
        day="2026-02-04", po_required=True, invoice_po="", issuer="Alamo Electric Co.",
    ),
    Spec(
        W2O, "CH", "parts_only", "repair",
        "Lüftermotor defekt (Lager ausgeschlagen, nach 8 Mt. Betrieb), ersetzt. Keine "
        "Fremdeinwirkung erkennbar.",
        "missing_po", False,
        "Rule 3 (PO not in contract list) before rule 4; billable false: warranty wear-out defect.",
        day="2026-02-10", warranty_end=WARRANTY, parts=[("P-4420", "Lüftermotor", 1)],
        po_required=True, po_numbers=["PO-4410"], invoice_po="PO-4401",
    ),
    Spec(
        W2O, "FR", "time_and_materials", "installation",
        "Installation nouvelle pompe doseuse, raccordement hydraulique et électrique, mise en "
        "service, formation de l'opérateur.",
        "missing_po", True,
        "Rule 3: PO-9981 is not one of the contract's POs; T&M → billable.",
        day="2026-02-24", labor_hours=5.0, po_required=True, po_numbers=["PO-3310", "PO-3311"],
        invoice_po="PO-9981", technician="A. Lefèvre",
    ),
    # ---------------------------------------------------------------- warranty_coverage
    Spec(
        W2O, "DE", "full_service", "repair",
        "repl. fan motor - brg seized, noisy since wk. tstd ok 2 cycl. no ext dmg.",
        "warranty_coverage", False,
        "Rule 4: under warranty, bearing seized (defect), damage ruled out, labor+part charged.",
        day="2026-01-19", warranty_end=WARRANTY, parts=[("P-4420", "Fan motor 230V", 1)],
        technician="J. Okafor",
    ),
    Spec(
        W2O, "GB", "time_and_materials", "repair",
        "Site manager was adamant his operators had been overloading the hoist and wanted it "
        "logged as misuse. On strip-down the gearbox input shaft had porosity in the casting "
        "right at the keyway, which is where it sheared. That is a manufacturing flaw, not "
        "overload. Replaced shaft and seal kit, load-tested at rated SWL.",
        "warranty_coverage", False,
        "Rule 4: misuse suspected but technician found a casting defect; asset under warranty.",
        day="2026-01-28", labor_hours=4.0, warranty_end=WARRANTY,
        parts=[("P-6030", "Input shaft + bearings", 1), ("P-1140", "Seal kit", 1)],
        asset_model="Hoist GH-2000",
    ),
    Spec(
        DISP, "FR", "time_and_materials", "repair",
        "Compresseur HS : défaut d'enroulement moteur, usure prématurée. Remplacé. Aucun choc "
        "ni mauvaise utilisation constatés.",
        "warranty_coverage", False,
        "Rule 4: compressor winding defect under warranty, no misuse, part+labor billed.",
        day="2026-02-06", labor_hours=5.0, warranty_end=WARRANTY,
        parts=[("P-6200", "Compresseur", 1)],
        dispute="Le groupe froid est encore sous garantie jusqu'en 2027, pourquoi nous "
        "facturez-vous le compresseur et la main d'œuvre ?",
    ),
    Spec(
        W2O, "US-CA", "parts_only", "repair",
        "Ctrl board failed POST (err E41). Swapped board, reflashed fw 3.2, 2 cycles OK. No "
        "water ingress / no phys damage found.",
        "warranty_coverage", False,
        "Rule 4: warranty_end 2026-04-30 = local completion date (UTC is already May 1).",
        labor_hours=3.0, warranty_end="2026-04-30", parts=[("P-5012", "Control board", 1)],
        times=(
            "2026-04-30T09:15:00-07:00",
            "2026-04-30T12:00:00-07:00",
            "2026-04-30T18:40:00-07:00",
        ),
    ),
    Spec(
        W2O, "NL", "labor_only", "repair",
        "Thermostaat gaf geen signaal meer, internal component failure. Replaced thermostat, "
        "systeem komt weer op temp. Geen gebruikersfout.",
        "warranty_coverage", False,
        "Rule 4: component failure, user error excluded, under warranty, part+labor charged.",
        day="2026-01-30", labor_hours=1.5, warranty_end=WARRANTY,
        parts=[("P-7050", "Thermostaat", 1)],
    ),
    Spec(
        W2O, "US-NY", "none", "repair",
        "Pump seal weeping after 4 months in service. Seal face cracked - looks like a bad "
        "batch from the factory. Replaced seal kit. Told cust this should be a warranty job.",
        "warranty_coverage", False,
        "Rule 4: factory seal defect within warranty, invoice charges labor+part.",
        day="2026-02-13", warranty_end=WARRANTY, parts=[("P-1140", "Mech. seal kit", 1)],
        asset_model="Booster pump BP-3",
    ),
    Spec(
        DISP, "AT", "full_service", "emergency_repair",
        "Notfall: Steuerplatine durchgebrannt, Bauteilfehler (Elko aufgebläht). Platine "
        "getauscht. Keine Überspannung, keine Fremdeinwirkung.",
        "warranty_coverage", False,
        "Rule 4: capacitor defect under warranty; the credit only waives travel, not labor/part.",
        day="2026-02-17", sla=4.0, response_hours=3.0,
        covered=["preventive_maintenance", "repair", "emergency_repair"],
        warranty_end="2026-11-30", parts=[("P-5012", "Steuerplatine", 1)],
        extra_lines=[("credit", "Kulanz: Anfahrt", "-45.00")],
        dispute="Das Gerät hat noch Garantie bis Ende November. Bitte schreiben Sie uns die "
        "Arbeitszeit und die Platine gut.",
    ),
    Spec(
        W2O, "CH", "time_and_materials", "repair",
        "Roulement usé prématurément (usure normale au bout de 9 mois), remplacé. Pas de "
        "trace de choc ni de surcharge.",
        "warranty_coverage", False,
        "Rule 4: premature wear-out failure, no impact, asset under warranty, charged.",
        day="2026-02-20", warranty_end=WARRANTY, parts=[("P-6030", "Roulement", 1)],
        technician="C. Favre",
    ),
    Spec(
        W2O, "GB", "labor_only", "repair",
        "Sorry for the late arrival, van broke down on the M6. Relay K3 on main PCB welded "
        "shut - internal fault, not caused by site. Fitted new relay, all function tests "
        "passed.",
        "warranty_coverage", False,
        "Rule 4 outranks the SLA breach (rule 6): internal relay fault under warranty.",
        day="2026-03-02", response_hours=12.0, warranty_end=WARRANTY,
        parts=[("P-2040", "Relay", 1)],
    ),
    # ---------------------------------------------------------------- out_of_scope
    Spec(
        W2O, "DE", "full_service", "preventive_maintenance",
        "Wartung nach Plan durchgeführt. Auf Wunsch des Kunden zusätzlich einen zweiten "
        "Wasserfilter-Anschluss nachgerüstet (war nicht beauftragt).",
        "out_of_scope", False,
        "Rule 5: added installation at customer request, no CO; full_service covers PM.",
        day="2026-01-21", labor_hours=3.5, parts=[("P-7001", "Absperrventil", 1)],
    ),
    Spec(
        W2O, "GB", "time_and_materials", "repair",
        "fixed leak @ valve V2. cust asked us to also move the stat to the other wall - done, "
        "approx 1.5h extra.",
        "out_of_scope", True,
        "Rule 5: thermostat relocation beyond the repair, no change order; T&M → billable.",
        day="2026-01-23", labor_hours=3.5, parts=[("P-7001", "Valve", 1)],
    ),
    Spec(
        DISP, "FR", "labor_only", "inspection",
        "Inspection annuelle. À la demande du client, ajout d'une vanne d'isolement sur la "
        "ligne retour.",
        "out_of_scope", False,
        "Rule 5: valve added during an inspection, no CO; labor_only covers inspection.",
        day="2026-01-29", labor_hours=2.5,
        covered=["preventive_maintenance", "repair", "inspection"],
        parts=[("P-7001", "Vanne d'isolement", 1)],
        dispute="Nous n'avons jamais commandé de vanne supplémentaire. Merci d'annuler ces "
        "frais.",
    ),
    Spec(
        W2O, "US-TX", "parts_only", "repair",
        "Replaced failed igniter. While on site customer requested we install a new "
        "wall-mounted controller in the break room; installed and wired it.",
        "out_of_scope", True,
        "Rule 5: added installation at customer request, no CO; parts_only → billable.",
        day="2026-02-02", labor_hours=3.0, parts=[("P-8000", "Igniter", 1)],
    ),
    Spec(
        W2O, "NL", "time_and_materials", "inspection",
        "Keuring uitgevoerd, alles conform. Klant vroeg om een extra wandcontactdoos bij de "
        "machine, heb ik meteen aangelegd.",
        "out_of_scope", True,
        "Rule 5: extra socket installed during an inspection, no CO; T&M → billable.",
        day="2026-02-05", labor_hours=2.5,
    ),
    Spec(
        W2O, "CH", "full_service", "repair",
        "Türverriegelung repariert (Mikroschalter justiert). Auf Kundenwunsch SPS-Programm "
        "angepasst, Vorspülen deaktiviert.",
        "out_of_scope", False,
        "Rule 5: PLC program modification at customer request, no CO; full_service covers repair.",
        day="2026-02-09", labor_hours=2.5, asset_model="Spülmaschine DW-900",
    ),
    Spec(
        DISP, "US-CA", "time_and_materials", "preventive_maintenance",
        "PM complete. Per the plant manager we also swapped the old sight glass for a digital "
        "level sensor (upgrade), wired to the panel.",
        "out_of_scope", True,
        "Rule 5: sensor upgrade (modification) during PM, no CO; T&M → billable.",
        day="2026-02-11", labor_hours=3.0, parts=[("P-5100", "Level sensor", 1)],
        dispute="We ordered routine maintenance only. The sensor upgrade was never approved "
        "by purchasing and we won't pay for it.",
    ),
    Spec(
        W2O, "AT", "labor_only", "repair",
        "Heizregister repariert. Zusätzlich auf Wunsch vom Kunden einen Abluftventilator im "
        "Lager montiert.",
        "out_of_scope", False,
        "Rule 5 (extra fan installed, no CO) outranks the SLA breach; labor_only covers repair.",
        day="2026-02-23", labor_hours=4.0, response_hours=15.0, parts=[("P-4420", "Ventilator", 1)],
    ),
    Spec(
        W2O, "US-NY", "full_service", "repair",
        "Replaced cracked condensate pan (old unit). Tenant asked if we could also hang the "
        "new split unit in office 4 - mounted it and ran the lineset.",
        "out_of_scope", False,
        "Rule 5 (split unit fitted on request, no CO) before rule 9 (tax 8 %); FS covers repair.",
        day="2026-02-25", labor_hours=5.0, tax_rate="0.08",
    ),
    Spec(
        W2O, "GB", "labor_only", "preventive_maintenance",
        "PM done. Client asked us to fit two extra isolators on the new line while we were "
        "there - did it, change order to follow from their buyer.",
        "out_of_scope", False,
        "Rule 5: extra isolators fitted, CO only 'to follow' (no CO- number cited); labor_only PM.",
        day="2026-03-03", labor_hours=3.0,
    ),
    # ---------------------------------------------------------------- sla_credit
    Spec(
        DISP, "DE", "full_service", "emergency_repair",
        "Notruf: Kältemittelleck an Lötstelle Verdampfer, nachgelötet, Dichtheitsprüfung ok, "
        "1,2 kg nachgefüllt.",
        "sla_credit", False,
        "Rule 6: arrived 9 h after the call vs 4 h SLA, no credit line; emergency covered.",
        day="2026-01-16", sla=4.0, response_hours=9.0,
        covered=["preventive_maintenance", "repair", "emergency_repair"],
        dispute="Laut Vertrag 4 Stunden Reaktionszeit, Ihr Techniker kam erst am späten "
        "Nachmittag. Wir erwarten die vertragliche Gutschrift.",
    ),
    Spec(
        DISP, "GB", "time_and_materials", "repair",
        "Replaced tripped motor overload and reset line. Checked amps on all phases, OK.",
        "sla_credit", True,
        "Rule 6: 26 h response vs 8 h SLA, invoice has no credit; T&M → billable.",
        day="2026-02-03", response_hours=26.0, parts=[("P-2210", "Overload relay", 1)],
        dispute="Your engineer turned up the day after we logged the call. That's well outside "
        "the 8 hours in our agreement and the line was down all night.",
    ),
    Spec(
        W2O, "US-CA", "labor_only", "preventive_maintenance",
        "Quarterly PM: cleaned coils, replaced belts (2), checked amps. All normal.",
        "sla_credit", False,
        "Rule 6: 30 h response vs 24 h SLA, no credit line; labor_only covers PM.",
        day="2026-02-04", sla=24.0, response_hours=30.0, parts=[("P-3105", "V-belt", 2)],
    ),
    Spec(
        DISP, "CH", "parts_only", "repair",
        "Capteur de pression remplacé, étalonné, essai OK.",
        "sla_credit", True,
        "Rule 6: 8 h 10 min response vs 8 h SLA (just over), no credit; parts_only → billable.",
        day="2026-02-12", response_hours=8.0 + 10 / 60, parts=[("P-5100", "Capteur", 1)],
        dispute="Votre technicien est arrivé au-delà des 8 heures prévues au contrat. Nous "
        "demandons l'avoir correspondant.",
    ),
    Spec(
        W2O, "NL", "time_and_materials", "repair",
        "Tweede bezoek: lekkage aan de pompkoppeling kwam terug, de vorige reparatie heeft het "
        "niet gehouden. Koppeling nu vervangen i.p.v. alleen afgedicht.",
        "sla_credit", False,
        "Rule 6: 14 h response vs 8 h, no credit; not billable: rework (visits_30d=1, fix failed).",
        day="2026-02-26", response_hours=14.0, visits_30d=1, parts=[("P-1140", "Koppeling", 1)],
    ),
    # ---------------------------------------------------------------- rate_mismatch
    Spec(
        PROC, "DE", "time_and_materials", "repair",
        "2. Einsatz: Wellendichtring vom letzten Dienstag wieder undicht. Diesmal Welle "
        "nachgearbeitet und neuen Ring gesetzt.",
        "rate_mismatch", False,
        "Rule 7: labor 99.00 vs contract 95.00 (+4.2 %); billable false: rework of a failed fix.",
        day="2026-01-22", visits_30d=1, labor_lines=[(2.0, "99.00")],
        parts=[("P-1140", "Wellendichtring", 1)], issuer="Antriebstechnik Krüger GmbH",
    ),
    Spec(
        PROC, "US-TX", "labor_only", "repair",
        "Housing cracked, cust. admits pallet jack hit it. Replaced housing + gasket.",
        "rate_mismatch", True,
        "Rule 7: part billed at 51.00 vs price list 41.04; billable: customer-caused damage.",
        day="2026-01-29", parts=[("P-1140", "Housing gasket kit", 1)],
        part_price={"P-1140": "51.00"}, issuer="Gulf Industrial Services",
    ),
    Spec(
        DISP, "GB", "full_service", "preventive_maintenance",
        "Six-monthly service, all checks per sheet, replaced filters, no faults found.",
        "rate_mismatch", False,
        "Rule 7: travel billed at 42.00 vs contract 38.00; full_service covers PM.",
        day="2026-02-06", parts=[("P-1001", "Filter", 2)], travel_lines=[(1.0, "42.00")],
        dispute="Travel is charged at £42 an hour, our contract says £38. Please re-issue.",
    ),
    Spec(
        W2O, "CH", "parts_only", "inspection",
        "Sichtprüfung + Funktionstest aller Sicherheitskreise durchgeführt, Protokoll "
        "übergeben. Keine Mängel.",
        "rate_mismatch", True,
        "Rule 7: labor 137.00 vs 135.00 (+1.48 %, over 1 %); parts_only → billable.",
        day="2026-02-18", labor_lines=[(2.0, "137.00")],
    ),
    Spec(
        DISP, "FR", "time_and_materials", "repair",
        "Fuite sur raccord, raccord remplacé, resserrage général, test sous pression ok.",
        "rate_mismatch", True,
        "Rule 7 (96.50 vs 95.00, +1.58 %) before the hours (3.0 vs 2.5) and tax (19 %) errors.",
        day="2026-02-27", labor_hours=2.5, labor_lines=[(3.0, "96.50")], tax_rate="0.19",
        dispute="Le taux horaire facturé ne correspond pas à notre contrat (95 €/h). Merci "
        "de corriger la facture.",
    ),
    # ---------------------------------------------------------------- quantity_mismatch
    Spec(
        PROC, "NL", "time_and_materials", "repair",
        "Ander probleem dan vorige week (toen alleen onderhoud). Nu: magneetventiel koelwater "
        "defect, vervangen en getest.",
        "quantity_mismatch", True,
        "Rule 8: 4.0 h billed vs 3.5 h reported; visit 30d was unrelated so not rework; T&M.",
        day="2026-01-21", labor_hours=3.5, labor_lines=[(4.0, "95.00")], visits_30d=1,
        parts=[("P-7001", "Magneetventiel", 1)], issuer="Koeltechniek Brabant B.V.",
    ),
    Spec(
        W2O, "US-NY", "parts_only", "repair",
        "Replaced burnt contactor, checked wiring, unit running.",
        "quantity_mismatch", True,
        "Rule 8: a relay is billed that the report does not list; parts_only → billable.",
        day="2026-02-10", parts=[("P-2210", "Contactor", 1)],
        unreported_parts=[("P-2040", "Relay", 1)],
    ),
    Spec(
        DISP, "AT", "labor_only", "repair",
        "Beide Filterpatronen verstopft, getauscht, Durchfluss wieder ok.",
        "quantity_mismatch", False,
        "Rule 8: 3 filters billed vs 2 on the report; labor_only covers repair.",
        day="2026-02-13", parts=[("P-1001", "Filterpatrone", 2)], part_qty={"P-1001": 3},
        dispute="Der Techniker hat zwei Filter getauscht, berechnet wurden drei.",
    ),
    Spec(
        PROC, "GB", "full_service", "preventive_maintenance",
        "PM as per schedule. Greased bearings, tensioned chain, checked guides, all OK.",
        "quantity_mismatch", False,
        "Rule 8: two labor lines 2.0 + 1.5 = 3.5 h vs 3.25 h reported; FS covers PM.",
        day="2026-02-17", labor_hours=3.25, labor_lines=[(2.0, "82.00"), (1.5, "82.00")],
        issuer="Midlands Conveyor Services",
    ),
    Spec(
        W2O, "CH", "time_and_materials", "installation",
        "Montage + Inbetriebnahme Entkalkungsanlage. Gem. Absprache mit Hr. Brunner "
        "(Verkauf) Arbeitszeit auf Kulanz, nicht verrechnen.",
        "quantity_mismatch", False,
        "Rule 8: 6.1 h billed vs 6.0 h (> 0.05 h); billable false: goodwill on labor written.",
        day="2026-03-02", labor_hours=6.0, labor_lines=[(6.1, "135.00")],
    ),
    # ---------------------------------------------------------------- tax_error
    Spec(
        W2O, "FR", "full_service", "repair",
        "Remplacement du contacteur grillé, contrôle des serrages, redémarrage OK.",
        "tax_error", False,
        "Rule 9: FR invoice taxed at 19 % instead of 20 %; full_service covers repair.",
        day="2026-01-13", parts=[("P-2210", "Contacteur", 1)], tax_rate="0.19",
    ),
    Spec(
        PROC, "US-CA", "time_and_materials", "repair",
        "Compressor contactor chattering again - same issue we fixed back in November, that "
        "repair lasted 3 months. Replaced contactor and coil.",
        "tax_error", True,
        "Rule 9: tax 1.00 above subtotal × 7.25 %; visits_30d=0 so not rework; T&M → billable.",
        day="2026-02-05", parts=[("P-2210", "Contactor w/ coil", 1)], tax_delta="1.00",
        issuer="Valley Mechanical Subcontracting",
    ),
    Spec(
        W2O, "CH", "labor_only", "preventive_maintenance",
        "Jahreswartung gem. Checkliste, Dichtungen kontrolliert, Filter ersetzt.",
        "tax_error", False,
        "Rule 9: old Swiss VAT 7.7 % instead of 8.1 %; labor_only covers PM.",
        day="2026-02-19", parts=[("P-1001", "Filter", 1)], tax_rate="0.077",
    ),
    Spec(
        PROC, "US-TX", "parts_only", "repair",
        "Repl. worn drive belt & idler brg on AHU-2, re-tensioned, vib normal.",
        "tax_error", True,
        "Rule 9: TX invoice taxed at the NY rate 8.875 %; parts_only → billable.",
        day="2026-02-24", parts=[("P-3105", "Drive belt", 1), ("P-6030", "Idler bearing", 1)],
        tax_rate="0.08875", issuer="Panhandle HVAC Partners",
    ),
    Spec(
        W2O, "GB", "none", "installation",
        "Installed new under-counter glasswasher, connected to water and drain, commissioned, "
        "bar staff shown how to use it.",
        "tax_error", True,
        "Rule 9: zero-rated (0 %) instead of 20 % UK VAT; no contract → billable.",
        day="2026-03-04", labor_hours=3.0, tax_rate="0.0",
    ),
    # ---------------------------------------------------------------- none
    Spec(
        W2O, "DE", "full_service", "repair",
        "Gerät vom Gabelstapler angefahren, Gehäuse eingedrückt, Lüfterflügel gebrochen. "
        "Flügel und Schutzgitter ersetzt.",
        "none", True,
        "Not rule 4: forklift impact is customer-caused; §3.2.1 customer damage → billable.",
        day="2026-01-12", warranty_end=WARRANTY, parts=[("P-4420", "Lüfterflügel + Gitter", 1)],
    ),
    Spec(
        W2O, "GB", "time_and_materials", "repair",
        "Replaced faulty door seal. Customer asked about adding a second compressor - quoted "
        "separately (Q-5521), NOT carried out today.",
        "none", True,
        "Not rule 5: extra work only quoted, not done; T&M → billable.",
        day="2026-01-15", parts=[("P-1140", "Door seal", 1)],
    ),
    Spec(
        W2O, "US-NY", "full_service", "preventive_maintenance",
        "PM done. Added isolation valve on return line per change order CO-20417 signed by "
        "facilities.",
        "none", False,
        "Not rule 5: the added valve is covered by change order CO-20417; FS covers PM.",
        day="2026-01-20", labor_hours=3.0, parts=[("P-7001", "Isolation valve", 1)],
    ),
    Spec(
        W2O, "FR", "time_and_materials", "repair",
        "Remplacement du contacteur grillé. Le client a demandé un geste commercial, refusé "
        "par le responsable - intervention facturable normalement.",
        "none", True,
        "Goodwill asked for but refused, so §3.2.4 does not apply; T&M → billable.",
        day="2026-01-27", parts=[("P-2210", "Contacteur", 1)],
    ),
    Spec(
        W2O, "NL", "time_and_materials", "repair",
        "Sensor vervangen en gekalibreerd. Als goodwill geen arbeidsloon in rekening, "
        "afgesproken met accountmanager.",
        "none", False,
        "Nothing fires; §3.2.4 goodwill on labor agreed and written → not billable.",
        day="2026-02-03", parts=[("P-5100", "Sensor", 1)],
    ),
    Spec(
        W2O, "CH", "labor_only", "emergency_repair",
        "Notfall: Hauptschütz verschweisst, ersetzt. Anlage läuft wieder.",
        "none", True,
        "Nothing fires; emergency_repair not in covered (PM, repair) → billable.",
        day="2026-02-06", sla=4.0, response_hours=3.5, parts=[("P-2210", "Hauptschütz", 1)],
    ),
    Spec(
        W2O, "US-TX", "full_service", "repair",
        "Tech: found blown 10A fuse on control xfmr secondary, replaced; traced cause to "
        "chafed wire on door switch, re-routed & sleeved. Cust not on site to sign.",
        "none", False,
        "Unsigned but notes describe the work, so not rule 2; FS covers repair.",
        day="2026-02-09", signed=False, labor_hours=1.5,
    ),
    Spec(
        W2O, "AT", "full_service", "repair",
        "Ventilblock undicht, O-Ringe erneuert, Druckprobe ok.",
        "none", False,
        "Late (7 h vs 4 h SLA) but the invoice already carries a credit line; FS covers repair.",
        day="2026-02-11", sla=4.0, response_hours=7.0, parts=[("P-1140", "O-Ring-Satz", 1)],
        extra_lines=[("credit", "SLA-Gutschrift lt. Vertrag", "-50.00")],
    ),
    Spec(
        W2O, "US-CA", "labor_only", "repair",
        "Motor run capacitor bulged (component failure), replaced. No signs of misuse. Labor "
        "and part credited under mfr warranty.",
        "none", False,
        "Not rule 4: credit line cancels labor and part; billable false: warranty defect.",
        day="2026-02-12", warranty_end=WARRANTY, labor_hours=1.0, travel_hours=0.5,
        parts=[("P-2040", "Run capacitor", 1)],
        extra_lines=[("credit", "Warranty credit (labor + part)", "-184.12")],
    ),
    Spec(
        W2O, "DE", "parts_only", "emergency_repair",
        "Nachteinsatz: Umwälzpumpe blockiert, Motorwicklung durchgebrannt. Pumpe komplett "
        "getauscht, Anlage läuft wieder.",
        "none", True,
        "Warranty ended 2026-03-04; local completion date is 03-05 → not rule 4; parts_only.",
        labor_hours=1.75, travel_hours=0.75, warranty_end="2026-03-04",
        parts=[("P-4480", "Umwälzpumpe", 1)],
        times=(
            "2026-03-04T19:30:00+01:00",
            "2026-03-04T22:45:00+01:00",
            "2026-03-05T00:40:00+01:00",
        ),
    ),
    Spec(
        W2O, "GB", "time_and_materials", "repair",
        "3rd call this month - previous fix on the float switch didnt hold, switch sticking "
        "again. Replaced switch this time instead of cleaning it.",
        "none", False,
        "Nothing fires; billable false: rework (visits_30d=2, earlier fix did not hold).",
        day="2026-02-16", visits_30d=2, parts=[("P-5100", "Float switch", 1)],
    ),
    Spec(
        W2O, "DE", "labor_only", "repair",
        "Magnetventil klemmte, ausgebaut, gereinigt, wieder eingebaut. Funktion ok.",
        "none", False,
        "95.90 vs 95.00 is within 1 %, 2.47 h vs 2.5 h within 0.05 h; labor_only covers repair.",
        day="2026-02-17", labor_hours=2.5, labor_lines=[(2.47, "95.90")],
    ),
    Spec(
        W2O, "US-NY", "none", "repair",
        "Walk-in freezer: evap fan motor dead (unit is 9 yrs old). Replaced motor, freezer "
        "pulling down.",
        "none", True,
        "No contract: no rate check even though rates differ; warranty long expired; billable.",
        day="2026-02-19", parts=[("P-4420", "Evap fan motor", 1)],
        labor_lines=[(2.0, "140.00")], travel_lines=[(1.0, "70.00")],
        part_price={"P-4420": "349.00"}, warranty_end="2020-05-31",
    ),
    Spec(
        PROC, "FR", "labor_only", "preventive_maintenance",
        "Entretien semestriel : nettoyage condenseur, contrôle des pressions, remplacement "
        "des filtres. RAS.",
        "none", False,
        "Clean subcontractor invoice; labor_only covers PM.",
        day="2026-02-20", parts=[("P-1001", "Filtres", 2)], issuer="Froid Services Lyon SARL",
    ),
    Spec(
        DISP, "US-TX", "time_and_materials", "repair",
        "Gearbox oil leak: drained, replaced output seal, refilled, ran 30 min no leak.",
        "none", True,
        "Customer finds 4 h too long but billed hours match the report; T&M → billable.",
        day="2026-02-23", labor_hours=4.0, parts=[("P-1140", "Output seal", 1)],
        dispute="Four hours to change one seal seems excessive to us. Please justify or "
        "reduce the labor.",
    ),
    Spec(
        W2O, "NL", "full_service", "repair",
        "Storing op koelcel 2, ventilatormotor liep niet. Klemmen los in aansluitkast, "
        "vastgezet, alles draait.",
        "none", False,
        "Reported 07:00 UTC, arrived 15:30 +01:00 = 7.5 h ≤ 8 h SLA; FS covers repair.",
        labor_hours=2.0,
        times=(
            "2026-02-17T07:00:00+00:00",
            "2026-02-17T15:30:00+01:00",
            "2026-02-17T18:00:00+01:00",
        ),
    ),
    Spec(
        W2O, "AT", "time_and_materials", "inspection",
        "Erledigt, siehe oben.",
        "none", True,
        "Filler notes but the report IS signed, so rule 2 does not apply; T&M → billable.",
        day="2026-02-25", labor_hours=1.0,
    ),
    Spec(
        W2O, "US-CA", "full_service", "repair",
        "Fixed leaking supply valve. Customer asked to add a hose bib on the roof, installed.",
        "none", False,
        "Not rule 5: the invoice line cites change order CO-5518; FS covers repair.",
        day="2026-02-27", labor_hours=3.0, parts=[("P-7001", "Supply valve", 1)],
        extra_lines=[("fee", "Roof hose bib per CO-5518", "85.00")],
    ),
]
# fmt: on


def main() -> None:
    cases: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for n, spec in enumerate(SPECS, start=1):
        assert spec.exception in LABELS, spec.exception
        case = build(n, spec)
        check_structure(case, spec.exception)
        cases.append(case)
        labels.append(
            {
                "case_id": case["case_id"],
                "exception": spec.exception,
                "billable": spec.billable,
                "why": spec.why,
            }
        )
    with (HERE / "cases.jsonl").open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case, ensure_ascii=False) + "\n")
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as out:
        for label in labels:
            out.write(json.dumps(label, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {HERE}")


if __name__ == "__main__":
    main()
