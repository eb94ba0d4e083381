"""Independent benchmark, fourth set (D): 60 more hand-written cases with their true labels.

Written from the product contract (``/work/shared/spec/DOMAIN.md``) alone, by a fourth
author who read none of the earlier sets' case notes (A, B, C), nor the project's simulator,
training data, models or tests, and who saw no prediction on these cases while writing them.
Only machinery is reused: the arithmetic and structure of ``make_cases.py`` (``Spec``,
``build``, ``check_structure``), so all sets share one notion of internal consistency (§2),
and set B's case naming, guards and writer (``make_cases_b.make_case``, ``check_case``,
``write_set``), the way set C reused them.

Set D stresses wording the team never wrote and facts stated indirectly: job-sheet shorthand,
long narratives where the decisive fact is one clause among site logistics, voice-to-text
transcripts without punctuation, mobile-app logs with a timestamp per line (including a log
of status changes only, which says nothing about the work), ticket-system notes ("Status:
Closed / Root cause: ..."), customer e-mails quoted in the dispute, and notes in US, UK and
Indian English, German, French, Dutch, Spanish, Italian, Polish and Portuguese, several
mixing two languages in one note. Who caused a failure is told through what happened
("housekeeping pressure-washed the open unit"), goodwill as "no charge for today's visit,
agreed with our sales manager", rework as "second visit for the same leak", extra work as a
request that was carried out (versus quoted, postponed, or covered by a change order cited
only in the PO field or on an invoice line), and damage is often mentioned only to deny it.
Structural edges sit exactly at and just beyond the tolerances of DOMAIN §3.1 (1 % rate,
0.05 h, one cent of tax with an exact-cent product so both readings of the tolerance agree,
SLA to the minute and across time-zone offsets, a warranty ending on the local completion
date or one local day before it), plus look-alikes: a prior invoice with the same total but
another number and work order (not a duplicate), a re-issued draft with another number and
another total but the same work order (a duplicate), an unfounded dispute (``none``).

Each case is a ``SpecD``: set B's spec plus the facts a reader takes from the free text
(``filler``, ``defect``, ``caused``, ``extra``, ``rework``, ``goodwill``) and a few more
structural options. ``derive`` walks DOMAIN §3.1 and §3.2 in their order from the built case
and those facts, and must agree with the hand-written ``exception`` and ``billable``.

Run ``python bench/independent/make_cases_d.py`` (with ``PYTHONPATH=src:.``) to write
``cases_d.jsonl`` and ``labels_d.jsonl`` next to this file. Every case is checked with
``check_structure``, set B's guards, ``derive`` and ``triage.domain.parse.parse_case`` before
writing; the output is deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bench.independent import make_cases_b
from bench.independent.make_cases import TAX_RATES, WARRANTY, structural_flags
from bench.independent.make_cases_b import SpecB

CASE_PREFIX = "IND-D-2026-"
# build() derives work-order / invoice / contract numbers from n; keep clear of sets A, B, C.
N_OFFSET = 900

W2O = "work_order_to_invoice"
PROC = "service_procurement"
DISP = "dispute_credit"
FS = "full_service"
LO = "labor_only"
PO_ = "parts_only"
TM = "time_and_materials"
NOC = "none"

# DOMAIN §3.1 rule 5: a change order is `CO-` followed by digits.
CHANGE_ORDER = re.compile(r"\bCO-\d+")
CHANGE_ORDER_ANY_CASE = re.compile(r"\bCO-\d+", re.IGNORECASE)


@dataclass
class SpecD(SpecB):
    """Set B's spec (customer, notes language), the reader's facts and a few more options."""

    style: str = "shorthand"
    # what the free text says (DOMAIN rules 2, 4, 5 and billable rules 1-4)
    filler: bool = False  # notes say nothing about the work done
    defect: bool = False  # a component defect / wear-out failure is described
    caused: bool = False  # customer-caused damage or misuse is described
    extra: bool = False  # work beyond the service type was carried out at the customer's wish
    rework: bool = False  # the notes say this is a return for the same fault
    goodwill: bool = False  # goodwill / no charge agreed and written in the notes
    # structure
    install: str | None = None
    lookalike: bool = False  # prior invoice with the same total, other number and work order
    dup: str | None = None  # "number", "number+wo", "work_order"
    dup_total: float | None = None  # total of the duplicate prior (None: same total)
    line_desc: dict[int, str] = field(default_factory=dict)  # invoice line index -> text


def make_case(n: int, spec: SpecD) -> dict[str, Any]:
    case = make_cases_b.make_case(n, spec, prefix=CASE_PREFIX, offset=N_OFFSET)
    invoice, report = case["invoice"], case["service_report"]
    if spec.install is not None:
        case["asset"]["install_date"] = spec.install
    for index, text in spec.line_desc.items():
        invoice["lines"][index]["description"] = text
    prior = case["history"]["prior_invoices"]
    if spec.lookalike:
        earlier = date.fromisoformat(invoice["date"]) - timedelta(days=63)
        prior.append(
            {
                "number": f"INV-2025-{61000 + n * 7}",
                "work_order_id": f"WO-{71000 + n * 13}",
                "date": earlier.isoformat(),
                "total": invoice["total"],
            }
        )
    if spec.dup is not None:
        total = invoice["total"] if spec.dup_total is None else spec.dup_total
        same_number = spec.dup in ("number", "number+wo")
        number = invoice["number"]
        if not same_number:
            number = f"{number}-R0" if spec.workflow == PROC else f"INV-2026-{77000 + n * 3}"
        prior.append(
            {
                "number": number,
                "work_order_id": report["work_order_id"] if spec.dup != "number" else None,
                "date": invoice["date"],
                "total": total,
            }
        )
    return case


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def derive(case: dict[str, Any], spec: SpecD) -> tuple[str, bool]:
    """Walk DOMAIN §3.1 (first rule that applies) and §3.2 from the case and the reader's facts.

    Independent of ``structural_flags``: Decimal arithmetic, and the tax tolerance read both
    against the exact product and against the product rounded to cents (they must agree)."""
    report, invoice, contract = case["service_report"], case["invoice"], case["contract"]
    lines = invoice["lines"]

    def billed(kind: str) -> Decimal:
        return sum((_d(x["qty"]) for x in lines if x["kind"] == kind), Decimal(0))

    duplicate = any(
        p["number"] == invoice["number"]
        or (p["work_order_id"] is not None and p["work_order_id"] == report["work_order_id"])
        for p in case["history"]["prior_invoices"]
    )
    evidence = (not report["customer_signature"] and spec.filler) or (
        billed("labor") > 0 and _d(report["labor_hours"]) == 0
    )
    po = contract["po_required"] and (
        not invoice["po_number"] or invoice["po_number"] not in contract["po_numbers"]
    )
    completed = datetime.fromisoformat(report["completed_at"])
    warranty_end = case["asset"]["warranty_end"]
    under_warranty = warranty_end is not None and date.fromisoformat(warranty_end) >= (
        completed.date()  # the local date: the timestamp carries the site's offset
    )
    charged = sum((_d(x["amount"]) for x in lines if x["kind"] in ("labor", "part")), Decimal(0))
    credited = -sum((_d(x["amount"]) for x in lines if x["kind"] == "credit"), Decimal(0))
    warranty = (
        under_warranty and spec.defect and not spec.caused and charged > 0 and credited < charged
    )
    texts = [report["notes"], invoice["po_number"] or ""] + [x["description"] for x in lines]
    cited = [bool(CHANGE_ORDER.search(t)) for t in texts]
    assert cited == [bool(CHANGE_ORDER_ANY_CASE.search(t)) for t in texts], case["case_id"]
    scope = spec.extra and not any(cited)
    reported = datetime.fromisoformat(report["reported_at"])
    arrived = datetime.fromisoformat(report["arrived_at"])
    response = _d((arrived - reported).total_seconds()) / 3600
    sla = response > _d(contract["sla_response_hours"]) and not any(
        x["kind"] == "credit" for x in lines
    )
    rate = False
    if contract["type"] != NOC:
        for x in lines:
            ref = {"labor": contract["labor_rate"], "travel": contract["travel_rate"]}.get(
                x["kind"]
            )
            if x["kind"] == "part":
                ref = contract["price_list"][x["sku"]]
            if ref is not None and abs(_d(x["unit_price"]) - _d(ref)) > _d(ref) / 100:
                rate = True
    reported_parts: dict[str, Decimal] = {}
    for part in report["parts"]:
        reported_parts[part["sku"]] = reported_parts.get(part["sku"], Decimal(0)) + _d(part["qty"])
    billed_parts: dict[str, Decimal] = {}
    for x in lines:
        if x["kind"] == "part":
            billed_parts[x["sku"]] = billed_parts.get(x["sku"], Decimal(0)) + _d(x["qty"])
    # every reported part is billed (the draft lists all work); only billed ones can differ
    assert set(reported_parts) <= set(billed_parts), case["case_id"]
    quantity = (
        abs(billed("labor") - _d(report["labor_hours"])) > Decimal("0.05")
        or abs(billed("travel") - _d(report["travel_hours"])) > Decimal("0.05")
        or any(reported_parts.get(sku) != qty for sku, qty in billed_parts.items())
    )
    exact = _d(invoice["subtotal"]) * _d(invoice["tax_rate"])
    rounded = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    wrong_rate = _d(invoice["tax_rate"]) != _d(TAX_RATES[case["customer"]["region"]])
    tax_exact = wrong_rate or abs(_d(invoice["tax"]) - exact) > Decimal("0.01")
    tax_rounded = wrong_rate or abs(_d(invoice["tax"]) - rounded) > Decimal("0.01")
    assert tax_exact == tax_rounded, f"{case['case_id']}: tax tolerance reading matters"

    fired = [
        ("duplicate_billing", duplicate),
        ("missing_evidence", evidence),
        ("missing_po", po),
        ("warranty_coverage", warranty),
        ("out_of_scope", scope),
        ("sla_credit", sla),
        ("rate_mismatch", rate),
        ("quantity_mismatch", quantity),
        ("tax_error", tax_exact),
        ("none", True),
    ]
    label = next(name for name, applies in fired if applies)

    assert not spec.rework or case["history"]["visits_30d"] > 0, case["case_id"]
    if spec.caused:
        billable = True
    elif (under_warranty and spec.defect) or spec.rework or spec.goodwill:
        billable = False  # §3.2 rules 2 (warranty failure), 3 (rework), 4 (goodwill), in order
    else:
        covered = report["service_type"] in contract["covered_services"]
        billable = not (contract["type"] in (FS, LO) and covered)
    return label, billable


def check_case(case: dict[str, Any], spec: SpecD) -> None:
    """Set B's guards, this set's derivation, and no warranty question in procurement."""
    make_cases_b.check_case(case, spec)
    label, billable = derive(case, spec)
    assert label == spec.exception, f"{case['case_id']}: derived {label}, wrote {spec.exception}"
    assert billable == spec.billable, f"{case['case_id']}: derived billable {billable}"
    if spec.workflow == PROC:
        assert not structural_flags(case)["warranty_charged"], case["case_id"]
    if spec.filler:
        assert len(spec.notes) < 130, case["case_id"]


# fmt: off
SPECS: list[SpecD] = [
    # ================================================================ duplicate_billing
    SpecD(
        workflow=W2O, region="US-TX", ctype=TM, stype="repair", lang="mixed-es-en",
        customer="Rio Grande Cold Chain LLC", technician="R. Villarreal", day="2026-01-22",
        labor_hours=1.5, parts=[("P-2210", "Contactor compresor", 1)], defect=True,
        dup="work_order", dup_total=301.12,
        notes=(
            "Llegué 10:30. Walk-in cooler #2 no enfriaba, box a 52F. Contactor del compresor "
            "con contactos picados (pitted), reemplazado P-2210. Amp draw OK 18.2A, box bajando "
            "a 38F al salir. Manager Sandra firmó."
        ),
        asset_model="Walk-in Cooler WC-812",
        exception="duplicate_billing", billable=True,
        why="Rule 1: a prior invoice (other number, other total: an earlier draft) already bills "
            "the same work order; no damage/warranty/rework/goodwill and T&M contract -> billable.",
    ),
    SpecD(
        workflow=PROC, region="GB", ctype=TM, stype="repair", lang="en-GB", style="ticket",
        customer="Marlowe & Pike Garden Centres Ltd", technician="D. Hollins",
        issuer="Brightline Refrigeration Services Ltd", day="2026-02-17",
        parts=[("P-4420", "Evaporator fan motor", 1)], defect=True, dup="number",
        notes=(
            "Ticket: BRS-44127\nStatus: Closed\nFault: cold room evaporator fan seized, room "
            "at 9°C\nRoot cause: fan motor bearings collapsed\nAction: replaced fan motor, "
            "checked rotation and current draw, room pulled down to 3°C by 12:30\n"
            "Signed off: duty manager"
        ),
        asset_model="Cold Room Evaporator EV-40",
        exception="duplicate_billing", billable=True,
        why="Rule 1: the subcontractor's invoice number is already in prior_invoices (sent "
            "twice); billable by the T&M agreement (§3.2 rule 5), warranty long expired.",
    ),
    SpecD(
        workflow=W2O, region="DE", ctype=FS, stype="repair", lang="de", style="app-log",
        customer="Metzgerei Hofbauer GmbH", technician="S. Yilmaz", warranty_end=WARRANTY,
        labor_hours=2.0, travel_hours=0.75, parts=[("P-4420", "Lüftermotor Verflüssiger", 1)],
        times=("2026-03-03T07:30:00+01:00", "2026-03-03T08:41:00+01:00",
               "2026-03-03T10:52:00+01:00"),
        defect=True, dup="work_order",
        warranty_not_rule4="rule 1 (duplicate) precedes rule 4",
        notes=(
            "07:58 Auftrag übernommen\n"
            "08:41 Ankunft, Kältemaschine 2 auf Störung HD\n"
            "09:05 Verflüssigerlüfter M2 läuft nicht an, Wicklung hochohmig -> Motor intern "
            "defekt, keine äußeren Einwirkungen\n"
            "10:20 Lüftermotor getauscht, Probelauf 30 min ok\n"
            "10:52 Abschluss, Kunde unterschreibt"
        ),
        asset_model="Chiller XR-200",
        exception="duplicate_billing", billable=False,
        why="Rule 1: a prior invoice bills the same work order; billable rule 2: internal motor "
            "defect, no external cause, asset under warranty -> not billable.",
    ),
    SpecD(
        workflow=DISP, region="FR", ctype=LO, stype="preventive_maintenance", lang="fr",
        style="customer-email", customer="Crèmerie Dufresne SAS", technician="L. Marchand",
        day="2026-02-12", labor_hours=1.5, travel_hours=0.5,
        parts=[("P-1001", "Filtre gaz", 1)], dup="work_order",
        notes=(
            "Entretien annuel chaudière gaz (contrat). Nettoyage brûleur + échangeur, contrôle "
            "combustion CO 38 ppm / CO2 9,1 %, remplacement filtre gaz, essais sécurités OK. "
            "Attestation d'entretien remise au client."
        ),
        dispute=(
            "Bonjour,\nnous avons reçu deux factures pour la même intervention d'entretien du "
            "12 février (même numéro de bon d'intervention). Merci d'annuler l'une des deux.\n"
            "Cordialement,\nN. Garnier - Service comptabilité"
        ),
        asset_model="Gas Boiler GB-24",
        exception="duplicate_billing", billable=False,
        why="Rule 1: another invoice for the same work order is in the history; labor_only "
            "contract covering preventive_maintenance -> not billable (§3.2 rule 5).",
    ),
    SpecD(
        workflow=W2O, region="NL", ctype=PO_, stype="repair", lang="nl", style="voice",
        customer="Zorgcentrum De Linde", technician="J. de Boer", day="2026-01-28",
        labor_hours=3.0, parts=[("P-4480", "CV-pomp", 1)], visits_30d=1, rework=True,
        defect=True, dup="number+wo",
        notes=(
            "tweede keer hier voor dezelfde lekkage bij de cv pomp vorige week de afdichting "
            "vervangen maar dat heeft het niet gehouden er kwam weer water onder de pomp "
            "vandaan nu de complete pomp vervangen systeem bijgevuld en ontlucht druk 1 komma "
            "8 bar na een uur geen lekkage meer klant akkoord"
        ),
        asset_model="Heating Circulation HC-3",
        exception="duplicate_billing", billable=False,
        why="Rule 1: the same invoice number is already in prior_invoices; billable rule 3: "
            "return for the same leak after last week's repair did not hold -> rework.",
    ),
    SpecD(
        workflow=W2O, region="US-NY", ctype=NOC, stype="emergency_repair", lang="en-US",
        customer="Astoria Bagel Works LLC", technician="T. Brennan", day="2026-02-05",
        signed=False, filler=True, dup="number", notes="done",
        asset_model="Rack Oven RO-6",
        exception="duplicate_billing", billable=True,
        why="Rule 1 precedes rule 2: the invoice number is already billed (notes are filler and "
            "unsigned, but the duplicate comes first); no contract -> billable.",
    ),
    # ================================================================ missing_evidence
    SpecD(
        workflow=W2O, region="DE", ctype=TM, stype="repair", lang="de",
        customer="Feinkost Albrecht KG", technician="K. Wendt", day="2026-01-13",
        parts=[("P-3105", "Keilriemen", 1)], signed=False, filler=True, notes="erledigt.",
        asset_model="Lüftungsgerät LG-900",
        exception="missing_evidence", billable=True,
        why="Rule 2: no customer signature and the notes only say 'erledigt' (done); T&M -> "
            "billable.",
    ),
    SpecD(
        workflow=W2O, region="GB", ctype=FS, stype="preventive_maintenance", lang="en-GB",
        customer="Kestrel Court Care Homes Ltd", technician="A. Mensah", day="2026-03-09",
        parts=[("P-1001", "Air filter", 2)], signed=False, filler=True, notes="",
        asset_model="Air Handling Unit AHU-10",
        exception="missing_evidence", billable=False,
        why="Rule 2: unsigned report with empty notes; full_service covering "
            "preventive_maintenance -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-CA", ctype=TM, stype="repair", lang="en-US",
        customer="Mission Creek Brewing Co.", technician="M. Okonkwo", day="2026-02-19",
        labor_hours=0.0, labor_lines=[(2.5, "115.00")],
        parts=[("P-8000", "Hot surface igniter", 1)],
        defect=True,
        notes=(
            "RTU-3 no heat. Hot surface igniter cracked, replaced. Flame sense 4.1 uA after, "
            "cycled heat 3x OK. Brewhouse manager signed."
        ),
        asset_model="Rooftop Unit RTU-12G",
        exception="missing_evidence", billable=True,
        why="Rule 2 (second half): 2.5 h of labor billed while the signed report shows 0 labor "
            "hours; T&M, no warranty -> billable.",
    ),
    SpecD(
        workflow=W2O, region="AT", ctype=LO, stype="repair", lang="de", style="app-log",
        customer="Gasthof Zur Post KG", technician="F. Pichler",
        times=("2026-01-08T07:45:00+01:00", "2026-01-08T09:15:00+01:00",
               "2026-01-08T11:20:00+01:00"),
        parts=[("P-2040", "Relais", 1)], signed=False, filler=True,
        notes=(
            "08:02 Auftrag angenommen\n08:37 Unterwegs\n09:15 Vor Ort\n"
            "11:20 Auftrag abgeschlossen\n11:21 Bericht gesendet"
        ),
        asset_model="Kühlzelle KZ-4",
        exception="missing_evidence", billable=False,
        why="Rule 2: unsigned, and the app log only records status changes, nothing about the "
            "work done; labor_only covering repair -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-NY", ctype=PO_, stype="emergency_repair", lang="en-IN",
        style="narrative", customer="Queens Harbor Seafood Inc.", technician="V. Raghunathan",
        labor_hours=0.0, labor_lines=[(3.0, "115.00")],
        times=("2026-02-24T21:40:00-05:00", "2026-02-24T23:00:00-05:00",
               "2026-02-25T02:30:00-05:00"),
        parts=[("P-1140", "Seal kit suction line", 1)], caused=True,
        notes=(
            "Reached site at 11 pm as informed by Mr. Rao. Their night staff dashed the pallet "
            "jack into the display chiller while shifting stock, suction line got cracked and "
            "gas fully leaked. Did brazing of suction line, vacuum done, gas charging done as "
            "per requirement, unit is cooling now. Kindly note the same."
        ),
        asset_model="Display Chiller DC-180",
        exception="missing_evidence", billable=True,
        why="Rule 2 (second half): 3 h of labor billed, report shows 0 labor hours; billable "
            "rule 1: customer's night staff hit the unit with a pallet jack -> billable.",
    ),
    SpecD(
        workflow=W2O, region="NL", ctype=FS, stype="repair", lang="nl",
        customer="Slagerij Bosman B.V.", technician="R. Visser", day="2026-02-03",
        parts=[("P-7050", "Thermostaat", 1)], signed=False, filler=True, notes="zie boven. ok",
        asset_model="Koelcel KC-20",
        exception="missing_evidence", billable=False,
        why="Rule 2: unsigned, notes are only filler ('see above. ok'); full_service covering "
            "repair -> not billable.",
    ),
    # ================================================================ missing_po
    SpecD(
        workflow=PROC, region="DE", ctype=TM, stype="repair", lang="de", style="ticket",
        customer="Seniorenresidenz Am Rosengarten gGmbH", technician="H. Brandl",
        issuer="Kältetechnik Brandl GmbH", day="2026-01-19", parts=[("P-5100", "Abtaufühler", 1)],
        po_required=True, po_numbers=["PO-2026-1187"], invoice_po=None, defect=True,
        notes=(
            "Status: abgeschlossen\nFehlerbild: Kühlzelle 3 vereist, Abtauung ohne Funktion\n"
            "Ursache: Abtaufühler defekt (Widerstand unendlich)\n"
            "Maßnahme: Fühler ersetzt, Abtauzyklus manuell ausgelöst und geprüft\n"
            "Material: siehe Position 3"
        ),
        asset_model="Kühlzelle KZ-6",
        exception="missing_po", billable=True,
        why="Rule 3: the agreement requires a PO and the subcontractor's invoice has none; "
            "T&M agreement, warranty expired -> billable.",
    ),
    SpecD(
        workflow=PROC, region="US-TX", ctype=TM, stype="installation", lang="en-US",
        customer="Brazos Valley Ice Co.", technician="C. Dupree",
        issuer="Lone Oak Mechanical LLC", day="2026-03-02", labor_hours=6.0, travel_hours=1.5,
        parts=[("P-7050", "Programmable thermostat", 1)],
        po_required=True, po_numbers=["PO-70538"], invoice_po="PO-7O538",
        notes=(
            "Set new 5-ton condenser on pad, ran lineset 35 ft, pulled vacuum to 400 microns, "
            "charged per subcool, new tstat mounted + wired. Startup sheet attached, customer "
            "walk-thru done."
        ),
        asset_model="Split Condenser SC-5T",
        exception="missing_po", billable=True,
        why="Rule 3: PO required; the invoice quotes 'PO-7O538' (letter O), which is not in "
            "contract.po_numbers (PO-70538); T&M -> billable.",
    ),
    SpecD(
        workflow=W2O, region="FR", ctype=FS, stype="preventive_maintenance", lang="fr",
        style="narrative", customer="Clinique des Tilleuls", technician="P. Ferreira",
        day="2026-01-21", labor_hours=3.0, parts=[("P-1001", "Filtre F7", 4)],
        po_required=True, po_numbers=["PO-2026-0412"], invoice_po="PO-2025-0391",
        notes=(
            "Intervention planifiée de maintenance préventive trimestrielle sur les deux CTA du "
            "bâtiment B. Accès par le quai de livraison, badge récupéré à l'accueil auprès de "
            "Mme Perrin, parking visiteurs complet donc stationnement rue des Tanneurs. "
            "Remplacement des filtres F7 sur les deux CTA, contrôle tension courroies, "
            "nettoyage des bacs à condensats, relevé des pressions différentielles. Le "
            "responsable technique indique que la commande 2026 n'est pas encore émise et "
            "demande de reprendre le numéro de l'an dernier. Prochain passage prévu en mai."
        ),
        asset_model="Air Handling Unit CTA-2000",
        exception="missing_po", billable=False,
        why="Rule 3: PO required and the invoice carries last year's PO, not in "
            "contract.po_numbers; full_service covering preventive_maintenance -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="CH", ctype=LO, stype="repair", lang="mixed-fr-de",
        customer="Traiteur Moret SA", technician="U. Zbinden", day="2026-02-11",
        parts=[("P-7001", "Magnetventil / vanne", 1)], sla=4.0, response_hours=6.0,
        po_required=True, po_numbers=["PO-TM-2026-07"], invoice_po="", defect=True,
        notes=(
            "Lave-vaisselle cuisine en panne depuis 6h / Spülmaschine Küche seit Morgen ausser "
            "Betrieb. Magnetventil Zulauf schaltet nicht mehr, Spule unterbrochen - bobine "
            "coupée. Vanne remplacée, Test OK, cycle complet sans fuite. Bon signé par le chef "
            "de cuisine."
        ),
        asset_model="Dishwasher DW-900",
        exception="missing_po", billable=False,
        why="Rule 3 precedes rule 6: PO required, PO field empty (the 6 h response also breaks "
            "the 4 h SLA); labor_only covering repair, warranty expired -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="GB", ctype=TM, stype="repair", lang="en-GB", style="voice",
        customer="Thameside Leisure Centre", technician="G. Price", day="2026-02-26",
        warranty_end=WARRANTY, parts=[("P-4420", "Extract fan motor", 1)],
        po_required=True, po_numbers=["PO-TLC-5521"], invoice_po=None, defect=True,
        warranty_not_rule4="rule 3 (missing PO) precedes rule 4",
        notes=(
            "right so the duty manager said the extract fan in the changing rooms has been "
            "making a grinding noise since tuesday opened it up and the motor bearings have gone "
            "completely nobody has touched it it's just worn out fitted a new fan motor from van "
            "stock tested on all three speeds all good signed off by Gareth in facilities"
        ),
        asset_model="Extract Fan EF-315",
        exception="missing_po", billable=False,
        why="Rule 3 precedes rule 4: PO required but missing; billable rule 2: worn-out motor "
            "bearings, not caused by the customer, asset under warranty -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-CA", ctype=FS, stype="repair", lang="en-US", style="narrative",
        customer="Ventura Coastal Hotels LP", technician="J. Alvarado", day="2026-01-27",
        parts=[("P-5100", "Economizer damper sensor", 1)], caused=True,
        po_required=True, po_numbers=["PO-88120", "PO-88121"], invoice_po="PO-88210",
        notes=(
            "Called out because RTU-2 was locking out on economizer fault. Roof access via the "
            "service stairs by the laundry, had to wait 20 min for engineering to unlock the "
            "hatch. Found the damper sensor housing crushed flat - their maintenance staff have "
            "been using the unit as a step to reach the hatch, boot prints all over the panel. "
            "Replaced sensor and re-ran the wiring, economizer checks out. Told the chief "
            "engineer to get a step put in."
        ),
        asset_model="Rooftop Unit RTU-20E",
        exception="missing_po", billable=True,
        why="Rule 3: invoice PO 'PO-88210' is not one of the contract's POs; billable rule 1: "
            "customer's staff stood on the unit and crushed the sensor -> billable despite "
            "full_service.",
    ),
    # ================================================================ warranty_coverage
    SpecD(
        workflow=W2O, region="DE", ctype=FS, stype="repair", lang="de",
        customer="Stadtwerke Talheim Bäder GmbH", technician="B. Nowak", day="2026-02-09",
        warranty_end=WARRANTY, labor_hours=3.0,
        parts=[("P-6030", "Lagersatz", 1), ("P-1140", "Gleitringdichtung", 1)], defect=True,
        notes=(
            "Kd. meldet Pumpe P1 laut. Lagergeräusch, Welle axial Spiel > 1 mm. Lagersatz "
            "getauscht, GLRD mit ersetzt. Verschleiß, Anlage ordnungsgem. betrieben, kein "
            "Fremdeinwirken. Probelauf i.O."
        ),
        asset_model="Circulation Pump CP-80",
        exception="warranty_coverage", billable=False,
        why="Rule 4: under warranty, wear-out of bearings/seal with no outside cause, and the "
            "invoice charges labor and parts; billable rule 2 -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-TX", ctype=TM, stype="emergency_repair", lang="en-US",
        customer="Permian Diner Group LLC", technician="L. Castillo", warranty_end="2026-01-15",
        install="2024-01-15", labor_hours=3.5, parts=[("P-7001", "Harvest assist solenoid", 1)],
        times=("2026-01-15T13:10:00-06:00", "2026-01-15T15:40:00-06:00",
               "2026-01-15T19:40:00-06:00"),
        defect=True,
        notes=(
            "Ice machine not harvesting. Harvest assist solenoid failed open, coil reads OL. "
            "Replaced solenoid. Machine clean, water filter current, no abuse. Ran 3 harvest "
            "cycles OK before leaving."
        ),
        asset_model="Ice Machine IM-500",
        exception="warranty_coverage", billable=False,
        why="Rule 4: warranty ends 2026-01-15, the local completion date (19:40 -06:00, already "
            "the 16th in UTC), so active; solenoid failed, no abuse, charged -> not billable.",
    ),
    SpecD(
        workflow=DISP, region="GB", ctype=LO, stype="repair", lang="en-GB",
        style="customer-email", customer="The Old Granary Hotel Ltd", technician="S. Doyle",
        day="2026-01-14", warranty_end=WARRANTY, parts=[("P-5012", "Boiler main PCB", 1)],
        defect=True,
        notes=(
            "Boiler locking out F28. Main PCB failed - scorched relay track on the board, no "
            "signs of water ingress or tampering. Replaced PCB, recommissioned, flue gas "
            "analysis within limits."
        ),
        dispute=(
            "Forwarded message:\n> From: accounts@oldgranaryhotel.co.uk\n> Subject: Invoice "
            "query\n> The boiler was fitted by your company last spring and is still under "
            "warranty. Please explain why we have been invoiced for the PCB and the engineer's "
            "time. We will not pay this invoice until a credit note is issued.\n> Regards, "
            "Helen Marsh, General Manager"
        ),
        asset_model="Condensing Boiler CB-35",
        exception="warranty_coverage", billable=False,
        why="Rule 4: asset under warranty, PCB component failure with no ingress or tampering, "
            "and the issued invoice charges the board and labor -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="FR", ctype=TM, stype="repair", lang="fr",
        customer="Hôtel Le Cormoran SARL", technician="Y. Le Goff", day="2026-03-05",
        warranty_end=WARRANTY, parts=[("P-4420", "Moteur ventilateur évaporateur", 1)],
        extra_lines=[("credit", "Geste commercial -50 % main d'oeuvre", "-95.00")], defect=True,
        goodwill=True,
        notes=(
            "Moteur ventilateur évaporateur chambre froide n°2 HS, bobinage coupé. Aucun choc, "
            "aucune trace d'humidité, chambre utilisée normalement. Remplacement moteur. Geste "
            "commercial de 50 % sur la main d'oeuvre accordé par le chef d'agence."
        ),
        asset_model="Cold Room Evaporator EV-40",
        exception="warranty_coverage", billable=False,
        why="Rule 4: under warranty, motor winding failure, no impact or misuse; the credit "
            "cancels only half the labor, the part and the rest are still charged -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="CH", ctype=PO_, stype="repair", lang="it",
        customer="Albergo Ceresio SA", technician="D. Rezzonico", day="2026-02-02",
        warranty_end=WARRANTY, labor_hours=2.5,
        parts=[("P-1140", "Kit guarnizioni", 1), ("P-6030", "Cuscinetti", 1)], defect=True,
        notes=(
            "Perdita d'acqua dalla pompa di circolazione lato caldaia. Tenuta meccanica usurata "
            "in modo anomalo dopo pochi mesi, impianto usato correttamente, nessun danno "
            "esterno né manomissione. Sostituiti kit guarnizioni e cuscinetti, prova di tenuta "
            "1 h ok. Cliente presente (sig. Bernasconi)."
        ),
        asset_model="Circulation Pump CP-80",
        exception="warranty_coverage", billable=False,
        why="Rule 4: asset under warranty, premature wear of the seal with no damage or "
            "tampering, invoice charges labor and parts -> not billable (billable rule 2).",
    ),
    SpecD(
        workflow=W2O, region="NL", ctype=FS, stype="emergency_repair", lang="nl",
        style="app-log", customer="Visgroothandel Kok B.V.", technician="E. Bakker",
        warranty_end=WARRANTY,
        times=("2026-02-16T14:02:00+01:00", "2026-02-16T14:35:00+01:00",
               "2026-02-16T16:10:00+01:00"),
        labor_hours=1.5, parts=[("P-4420", "Ventilatormotor verdamper", 1)], visits_30d=1,
        defect=True,
        notes=(
            "[14:02] Storing: vriescel alarm hoge temp\n[14:35] Ter plaatse, verdamperventilator "
            "staat stil\n[14:50] Motor doorgebrand, geen val- of stootschade, cel netjes "
            "gebruikt\n[15:40] Ventilatormotor vervangen\n[16:10] Temp zakt, -12 en dalend. "
            "Vorig bezoek (onderhoud, 3 wk geleden) staat hier los van"
        ),
        asset_model="Freezer Room Evaporator EV-60",
        exception="warranty_coverage", billable=False,
        why="Rule 4: under warranty, burnt-out motor with damage explicitly denied, charged on "
            "the invoice; billable rule 2 (emergency_repair is not covered, but warranty decides).",
    ),
    # ================================================================ out_of_scope
    SpecD(
        workflow=W2O, region="DE", ctype=TM, stype="preventive_maintenance", lang="mixed-pl-de",
        customer="Feinkost Albrecht KG", technician="M. Wiśniewski", day="2026-01-29",
        labor_hours=3.5, parts=[("P-7050", "Termostat dodatkowy", 1)], extra=True,
        notes=(
            "Przegląd okresowy agregatu wykonany: czyszczenie skraplacza, kontrola szczelności, "
            "ciśnienia w normie. Na prośbę kierownika sklepu (Hr. Becker) zamontowano dodatkowy "
            "termostat w chłodni na zapleczu - nowy przewód 6 m, podłączenie do sterownika. "
            "Kunde informiert, Abnahme erfolgt."
        ),
        asset_model="Condensing Unit CU-7",
        exception="out_of_scope", billable=True,
        why="Rule 5: on a preventive_maintenance order an extra thermostat was installed at the "
            "store manager's request, no CO- number anywhere; T&M -> billable.",
    ),
    SpecD(
        workflow=W2O, region="GB", ctype=TM, stype="repair", lang="en-GB", style="voice",
        customer="Marlowe & Pike Garden Centres Ltd", technician="O. Adeyemi", day="2026-02-20",
        labor_hours=4.5, parts=[("P-1140", "Flare seal kit", 1)], extra=True, defect=True,
        notes=(
            "ok so the leak was on the flare joint at the condensing unit redid the flare new "
            "seal kit leak tested with nitrogen fine then the site manager asked if i could move "
            "the condensing unit about two metres to the left away from the new bin store so i "
            "did that as well recovered the gas moved it re-piped and recharged change order to "
            "follow from the office"
        ),
        asset_model="Condensing Unit CU-7",
        exception="out_of_scope", billable=True,
        why="Rule 5: relocating the condensing unit at the site manager's request is a "
            "modification beyond the repair; 'change order to follow' cites no CO- number; T&M.",
    ),
    SpecD(
        workflow=DISP, region="US-NY", ctype=TM, stype="inspection", lang="en-US",
        customer="Lenox Hill Pediatrics PLLC", technician="K. Osei", day="2026-01-16",
        labor_hours=4.0, parts=[("P-7001", "Isolation valve", 2)], extra=True,
        notes=(
            "Annual boiler/backflow inspection. While on site facilities mgr (Luis) asked us to "
            "replace the leaking isolation valve on the feed line and add a bypass so they can "
            "service the softener without shutting down. Done as requested. Inspection tags "
            "updated."
        ),
        dispute=(
            "We booked the annual inspection only. The invoice shows four hours and two valves. "
            "Nobody here approved extra work in writing and we have no change order for it. "
            "Please reissue for the inspection."
        ),
        asset_model="Boiler Plant BP-2",
        exception="out_of_scope", billable=True,
        why="Rule 5: valve replacement and a new bypass were done at the facilities manager's "
            "request on an inspection order, no change order cited; T&M -> billable.",
    ),
    SpecD(
        workflow=W2O, region="US-CA", ctype=TM, stype="repair", lang="en-US",
        customer="Redwood Pediatric Dental Inc.", technician="A. Nguyen", day="2026-03-10",
        labor_hours=3.0,
        parts=[("P-7050", "Walk-in thermostat", 1), ("P-5100", "Remote temp display probe", 1)],
        extra=True, goodwill=True, defect=True,
        notes=(
            "Walk-in not holding temp, thermostat drifting 6F. Replaced tstat. Customer asked us "
            "to also mount a remote temp display outside the break room - installed and wired. "
            "No charge for today's visit, agreed with our sales manager (K. Alvarez)."
        ),
        asset_model="Walk-in Cooler WC-812",
        exception="out_of_scope", billable=False,
        why="Rule 5: a remote display was installed at the customer's request, no CO- number; "
            "billable rule 4: 'no charge for today's visit' agreed with sales -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="AT", ctype=TM, stype="installation", lang="de", style="ticket",
        customer="Rechenzentrum Linz Süd GmbH", technician="W. Gruber", day="2026-02-04",
        labor_hours=7.0, travel_hours=1.5, parts=[("P-4480", "Kondensatpumpe", 1)], extra=True,
        notes=(
            "Status: erledigt\nAuftrag: Montage Split-Klimagerät Serverraum 2\n"
            "Durchgeführt: Innen- und Außengerät montiert, Leitungen verlegt, Inbetriebnahme\n"
            "Zusatz: auf Wunsch des Kunden (Hr. Huber) zusätzlich Kondensatpumpe eingebaut und "
            "Kondensatleitung in den Nebenraum umgelegt\nNachtrag/CO: noch offen"
        ),
        asset_model="Split AC SP-7.1",
        exception="out_of_scope", billable=True,
        why="Rule 5: extra condensate pump and re-routed line at the customer's wish beyond the "
            "installation order; 'Nachtrag/CO: noch offen' has no CO- number; T&M -> billable.",
    ),
    SpecD(
        workflow=W2O, region="FR", ctype=PO_, stype="repair", lang="mixed-pt-fr",
        customer="Lycée Jean Jaurès (Région)", technician="J. Ribeiro", day="2026-02-18",
        labor_hours=2.5, parts=[("P-7050", "Termóstato câmara", 1)], visits_30d=1, rework=True,
        extra=True, defect=True,
        notes=(
            "Segunda visita pela mesma avaria: o termóstato da câmara de frio trocado na semana "
            "passada voltou a falhar, a reparação anterior não aguentou. Substituído novamente e "
            "testado durante 40 min. A pedido da Mme Lefèbvre instalámos também uma tomada nova "
            "junto à máquina de gelo. Client informé, bon signé."
        ),
        asset_model="Cold Room CR-12",
        exception="out_of_scope", billable=False,
        why="Rule 5: a new socket was installed at the customer's request, no change order; "
            "billable rule 3: second visit for the same fault, last week's repair did not hold.",
    ),
    # ================================================================ sla_credit
    SpecD(
        workflow=DISP, region="GB", ctype=FS, stype="emergency_repair", lang="en-GB",
        style="customer-email", customer="Kestrel Court Care Homes Ltd", technician="R. Singh",
        day="2026-01-06", sla=4.0, response_hours=6.5,
        parts=[("P-5100", "Defrost termination sensor", 1)], defect=True,
        notes=(
            "Freezer room high temp alarm. Coil iced solid, defrost termination sensor open "
            "circuit. Replaced sensor, manual defrost, room back to -18 by 16:30."
        ),
        dispute=(
            "-----Original Message-----\nFrom: Maureen Clarke (Home Manager)\n"
            "Your engineer arrived six and a half hours after we logged the call. Our contract "
            "says four hours for emergencies and we had residents' food at risk. We expect the "
            "SLA credit to be applied before we pay anything."
        ),
        asset_model="Freezer Room Evaporator EV-60",
        exception="sla_credit", billable=True,
        why="Rule 6: response 6.5 h > 4 h SLA, no credit line; billable: emergency_repair is not "
            "in covered_services [preventive_maintenance, repair] -> billable.",
    ),
    SpecD(
        workflow=W2O, region="DE", ctype=LO, stype="repair", lang="de",
        customer="Metzgerei Hofbauer GmbH", technician="A. Krüger", labor_hours=1.5,
        times=("2026-01-20T06:10:00+01:00", "2026-01-20T14:11:00+01:00",
               "2026-01-20T16:00:00+01:00"),
        parts=[("P-7050", "Thermostat Kühlraum", 1)], defect=True,
        notes="Meldung 06:10, vor Ort 14:11 (Stau A9). Thermostat Kühlraum defekt, getauscht. "
              "Temp. ok, Kd. zufrieden.",
        asset_model="Kühlraum KR-3",
        exception="sla_credit", billable=False,
        why="Rule 6: arrived 8 h 01 min after the report, SLA 8 h, no credit line; labor_only "
            "covering repair -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-NY", ctype=TM, stype="emergency_repair", lang="en-US",
        customer="Queens Harbor Seafood Inc.", technician="D. Russo", sla=4.0, labor_hours=2.5,
        times=("2026-02-03T13:00:00+00:00", "2026-02-03T12:30:00-05:00",
               "2026-02-03T15:15:00-05:00"),
        parts=[("P-2040", "Compressor start relay", 1)], defect=True,
        notes=(
            "Emerg call - display case down. Start relay stuck, replaced. Comp running, case "
            "pulling down. Mgr on duty signed."
        ),
        asset_model="Display Case DC-12",
        exception="sla_credit", billable=True,
        why="Rule 6: reported 13:00 UTC, arrived 12:30 -05:00 = 17:30 UTC, 4.5 h > 4 h SLA, no "
            "credit line; T&M -> billable.",
    ),
    SpecD(
        workflow=DISP, region="FR", ctype=FS, stype="repair", lang="fr",
        customer="Clinique des Tilleuls", technician="S. Benali", day="2026-02-23",
        sla=24.0, response_hours=30.0, parts=[("P-2210", "Contacteur", 1)], defect=True,
        notes="Contacteur compresseur CTA 1 grillé. Remplacé, essais OK.",
        dispute=(
            "Le technicien est arrivé le lendemain après-midi alors que notre contrat prévoit "
            "une intervention sous 24 h. Nous demandons l'application de la pénalité prévue au "
            "contrat avant règlement."
        ),
        asset_model="Air Handling Unit CTA-2000",
        exception="sla_credit", billable=False,
        why="Rule 6: 30 h response > 24 h SLA and no credit line; full_service covering repair "
            "-> not billable.",
    ),
    SpecD(
        workflow=W2O, region="NL", ctype=TM, stype="repair", lang="nl",
        customer="Sporthal Weidevenne", technician="M. Jansen", day="2026-03-04",
        sla=8.0, response_hours=11.0, parts=[("P-7001", "Magneetklep", 1)], visits_30d=2,
        rework=True, defect=True,
        notes=(
            "Derde bezoek deze maand voor dezelfde lekkende magneetklep douchegroep heren, de "
            "vorige twee reparaties hebben het niet gehouden. Klep nu compleet vervangen i.p.v. "
            "alleen membraan."
        ),
        asset_model="Douchegroep DG-8",
        exception="sla_credit", billable=False,
        why="Rule 6: 11 h response > 8 h SLA, no credit line; billable rule 3: third visit for "
            "the same valve, earlier repairs did not hold (visits_30d = 2) -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-CA", ctype=PO_, stype="repair", lang="en-IN",
        style="narrative", customer="Ventura Coastal Hotels LP", technician="S. Iyer",
        warranty_end=WARRANTY, sla=24.0, labor_hours=3.0,
        times=("2026-02-09T08:30:00-08:00", "2026-02-10T10:30:00-08:00",
               "2026-02-10T13:45:00-08:00"),
        parts=[("P-5012", "Outdoor unit control board", 1)], caused=True,
        warranty_not_rule4="customer-caused damage: rule 4 needs a failure the customer did not "
                           "cause",
        notes=(
            "Sir, as per call logged on 9th morning I reached site next day by 10:30 due to "
            "part unavailability in van. On inspection found the outdoor unit control board was "
            "fully wet and corroded, their housekeeping team is doing pressure washing of the "
            "terrace and they sprayed water directly inside the unit where the panel was kept "
            "open. Replaced control board, dried the unit and did the testing, now working fine. "
            "Informed Mr. Nair not to wash the unit with pressure jet."
        ),
        asset_model="Split Heat Pump HP-24",
        exception="sla_credit", billable=True,
        why="Rule 6: 26 h response > 24 h SLA, no credit line (rule 4 does not apply: housekeeping "
            "sprayed water into the open unit); billable rule 1: customer-caused -> billable.",
    ),
    # ================================================================ rate_mismatch
    SpecD(
        workflow=W2O, region="DE", ctype=TM, stype="repair", lang="de",
        customer="Seniorenresidenz Am Rosengarten gGmbH", technician="T. Hahn", day="2026-01-07",
        labor_lines=[(2.0, "95.96")], parts=[("P-3105", "Keilriemen Zuluft", 1)], lookalike=True,
        notes=(
            "Zuluftanlage Küche: Keilriemen gerissen, Riemen erneuert, Spannung eingestellt, "
            "Riemenscheiben fluchten. Anlage läuft."
        ),
        asset_model="Lüftungsgerät LG-900",
        exception="rate_mismatch", billable=True,
        why="Rule 7: labor billed at 95.96 vs contract 95.00, +1.01 % (just beyond 1 %); the "
            "prior invoice with the same total has another number and work order; T&M.",
    ),
    SpecD(
        workflow=PROC, region="GB", ctype=TM, stype="installation", lang="en-GB",
        customer="Penrose Hotels plc", technician="N. Fraser",
        issuer="Pennine Air Conditioning Ltd", day="2026-02-12", labor_hours=5.0,
        travel_hours=2.0, travel_lines=[(2.0, "42.00")], parts=[("P-7050", "Wall controller", 1)],
        notes=(
            "Job sheet 2291 - install of ceiling cassette in function room 3. Cassette hung, "
            "condensate pumped to existing drain, controller fitted by the door, commissioned "
            "and handed over to the events manager."
        ),
        asset_model="Ceiling Cassette CC-71",
        exception="rate_mismatch", billable=True,
        why="Rule 7: subcontractor bills travel at 42.00 vs the agreement's 38.00 (+10.5 %); "
            "T&M agreement -> billable.",
    ),
    SpecD(
        workflow=DISP, region="US-TX", ctype=LO, stype="preventive_maintenance", lang="es",
        customer="Rio Grande Cold Chain LLC", technician="G. Treviño", day="2026-01-23",
        labor_lines=[(2.0, "125.00")], parts=[("P-1001", "Filtro de aire", 2)],
        notes=(
            "Mantenimiento preventivo trimestral: cambio de filtros, limpieza de serpentines del "
            "condensador, revisión de drenajes y apriete de conexiones eléctricas. Todo en orden."
        ),
        dispute=(
            "Last quarter the same maintenance visit cost us a lot less. Nothing else was done "
            "this time. Please explain the difference or correct the invoice."
        ),
        asset_model="Condensing Unit CU-10",
        exception="rate_mismatch", billable=False,
        why="Rule 7: labor at 125.00 vs contract 115.00 (+8.7 %); labor_only covering "
            "preventive_maintenance -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="CH", ctype=FS, stype="repair", lang="fr",
        customer="Traiteur Moret SA", technician="C. Rochat", day="2026-03-11",
        parts=[("P-4420", "Moteur ventilateur condenseur", 1)],
        part_price={"P-4420": "299.00"}, defect=True,
        notes=(
            "Dépannage chambre froide positive. Ventilateur du condenseur à l'arrêt, moteur "
            "bloqué (roulements). Moteur remplacé, intensité 1,8 A, température revenue à +3 °C "
            "en 50 min."
        ),
        asset_model="Chambre froide CF-8",
        exception="rate_mismatch", billable=False,
        why="Rule 7: motor P-4420 billed at 299.00 vs price list 270.75 (+10.4 %); full_service "
            "covering repair, warranty expired -> not billable.",
    ),
    SpecD(
        workflow=PROC, region="US-CA", ctype=PO_, stype="repair", lang="es",
        customer="Mission Creek Brewing Co.", technician="E. Zamora",
        issuer="Valle Central HVAC Inc.", day="2026-02-25", labor_hours=2.5,
        labor_lines=[(2.5, "110.00")], parts=[("P-7050", "Termostato", 1)], extra=True,
        defect=True,
        notes=(
            "Termostato de la cámara fría no respondía, reemplazado y calibrado. Por solicitud "
            "del cliente se reubicó el termostato junto a la puerta, autorizado con CO-5571."
        ),
        asset_model="Walk-in Cooler WC-812",
        exception="rate_mismatch", billable=True,
        why="Rule 5 not met (extra work is covered by CO-5571 in the notes); rule 7: labor at "
            "110.00 vs 115.00 (-4.3 %); parts_only agreement -> billable.",
    ),
    SpecD(
        workflow=W2O, region="FR", ctype=TM, stype="repair", lang="fr", style="narrative",
        customer="Hôtel Le Cormoran SARL", technician="A. Morel", day="2026-01-30",
        labor_lines=[(2.0, "99.00")], parts=[("P-2210", "Contacteur", 1)], goodwill=True,
        defect=True,
        notes=(
            "Arrivée par l'entrée de service côté parking, le réceptionniste n'avait pas "
            "les clés du local technique, attente 25 min que la gouvernante arrive. Sur place: "
            "pompe à chaleur piscine en défaut, contacteur compresseur collé, remplacé, essais "
            "OK. Le client nous rappelle que la livraison des serviettes bloque le quai le "
            "mardi. Pas de facturation de la main d'oeuvre pour cette visite, accord commercial "
            "de M. Dubreuil (directeur des ventes) suite aux retards de janvier."
        ),
        asset_model="Pool Heat Pump PHP-30",
        exception="rate_mismatch", billable=False,
        why="Rule 7: labor at 99.00 vs 95.00 (+4.2 %); billable rule 4: no labor charge for "
            "this visit agreed with the sales director -> not billable.",
    ),
    # ================================================================ quantity_mismatch
    SpecD(
        workflow=W2O, region="DE", ctype=TM, stype="repair", lang="de",
        customer="Feinkost Albrecht KG", technician="J. Schäfer", day="2026-02-13",
        labor_lines=[(2.06, "95.00")], parts=[("P-2040", "Relais", 1)], extra=True,
        invoice_po="CO-6120", defect=True,
        notes=(
            "Kühltheke 4: Anlaufrelais defekt, getauscht, Theke kühlt. Auf Wunsch des Kunden "
            "zusätzlich neue Steckdose für die Tiefkühltruhe gesetzt (Nachtrag vom Büro "
            "freigegeben, Nr. steht auf der Rechnung)."
        ),
        asset_model="Kühltheke KT-4",
        exception="quantity_mismatch", billable=True,
        why="Rule 5 not met (the change order CO-6120 is cited in the PO field); rule 8: 2.06 h "
            "billed vs 2.0 h reported (0.06 h > 0.05 h); T&M -> billable.",
    ),
    SpecD(
        workflow=PROC, region="FR", ctype=TM, stype="repair", lang="fr", style="ticket",
        customer="Crèmerie Dufresne SAS", technician="F. Girard",
        issuer="Froid Services Rhône SARL", day="2026-01-26",
        parts=[("P-6030", "Jeu de roulements", 1)], part_qty={"P-6030": 2}, defect=True,
        notes=(
            "N° intervention: FSR-8812\nÉtat: clôturé\nConstat: bruit de roulement moteur "
            "agitateur cuve 2\nAction: 1 jeu de roulements remplacé, graissage, essai 20 min OK"
        ),
        asset_model="Agitator Tank AT-2",
        exception="quantity_mismatch", billable=True,
        why="Rule 8: the subcontractor bills 2 bearing sets, the report shows 1; T&M agreement "
            "-> billable.",
    ),
    SpecD(
        workflow=DISP, region="GB", ctype=FS, stype="preventive_maintenance", lang="en-GB",
        customer="Penrose Hotels plc", technician="L. Hughes",
        times=("2026-02-06T07:40:00+00:00", "2026-02-06T10:05:00+00:00",
               "2026-02-06T12:10:00+00:00"),
        labor_lines=[(3.5, "82.00")], parts=[("P-1001", "Panel filter", 2)],
        notes="PPM visit AHU-1 and AHU-2: filters changed, belts checked, drain pans cleaned.",
        dispute=(
            "Our visitor sign-in book shows your engineer on site from 10:05 to 12:10. The "
            "invoice charges three and a half hours of labour. Please correct it."
        ),
        asset_model="Air Handling Unit AHU-10",
        exception="quantity_mismatch", billable=False,
        why="Rule 8: 3.5 h labor billed vs 2.0 h on the service report; full_service covering "
            "preventive_maintenance -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-NY", ctype=LO, stype="repair", lang="en-US", style="ticket",
        customer="Lenox Hill Pediatrics PLLC", technician="P. Kowalczyk", day="2026-03-06",
        parts=[("P-7050", "Zone thermostat", 1)],
        unreported_parts=[("P-1001", "Air filter", 1)], signed=False, defect=True,
        notes=(
            "Status: Closed\nRoot cause: exam room 4 thermostat dead (no display, fresh "
            "batteries did not help)\nResolution: replaced thermostat, verified call for heat "
            "and cool\nCustomer signature: office closed for lunch, nobody available to sign"
        ),
        asset_model="Zone HVAC ZH-4",
        exception="quantity_mismatch", billable=False,
        why="Rule 2 not met (unsigned but the notes describe the work); rule 8: an air filter is "
            "billed that the report does not list; labor_only covering repair -> not billable.",
    ),
    SpecD(
        workflow=PROC, region="NL", ctype=NOC, stype="repair", lang="nl",
        customer="Slagerij Bosman B.V.", technician="K. Mulder",
        issuer="Installatiebedrijf Van Dijk B.V.", day="2026-02-27",
        labor_lines=[(2.0, "88.00")], travel_lines=[(1.5, "52.00")],
        parts=[("P-7001", "Kogelkraan", 1)], part_price={"P-7001": "104.50"},
        notes="Lekkende kogelkraan koelwater vervangen, systeem afgeperst, droog opgeleverd.",
        asset_model="Cooling Water Loop CW-2",
        exception="quantity_mismatch", billable=True,
        why="No contract, so no rate check (rule 7 skipped); rule 8: 1.5 h travel billed vs "
            "1.0 h reported; contract none -> billable.",
    ),
    SpecD(
        workflow=W2O, region="AT", ctype=PO_, stype="repair", lang="de",
        customer="Konditorei Hölzl", technician="R. Auer", warranty_end="2026-02-10",
        install="2024-02-10", labor_lines=[(1.5, "95.00"), (1.0, "95.00")],
        times=("2026-02-10T19:30:00+01:00", "2026-02-10T21:50:00+01:00",
               "2026-02-11T00:20:00+01:00"),
        parts=[("P-2040", "Anlaufrelais", 1)], defect=True,
        notes=(
            "Nachtdienst. Kompressor Kühlvitrine startet nicht, Anlaufrelais defekt (Kontakte "
            "verschmort, kein Fremdeinfluss). Relais getauscht, Vitrine kühlt ab 00:05."
        ),
        asset_model="Kühlvitrine KV-12",
        exception="quantity_mismatch", billable=True,
        why="Rule 4 not met: completed 00:20 local on 11 Feb, warranty ended 10 Feb (still the "
            "10th in UTC); rule 8: labor lines sum to 2.5 h vs 2.0 h reported; parts_only.",
    ),
    # ================================================================ tax_error
    SpecD(
        workflow=W2O, region="FR", ctype=TM, stype="repair", lang="mixed-fr-en",
        customer="Crèmerie Dufresne SAS", technician="I. Whitfield", day="2026-01-12",
        parts=[("P-7001", "Détendeur", 1)], tax_rate="0.19", defect=True,
        notes=(
            "Compresseur OK, but the TXV was hunting - superheat swinging 2 to 14 K. Remplacé le "
            "détendeur, superheat stable à 6 K after 30 min. Client satisfait."
        ),
        asset_model="Condensing Unit CU-7",
        exception="tax_error", billable=True,
        why="Rule 9: 19 % applied to a French customer, the region's rate is 20 %; T&M -> "
            "billable.",
    ),
    SpecD(
        workflow=PROC, region="DE", ctype=TM, stype="installation", lang="de",
        customer="Stadtwerke Talheim Bäder GmbH", technician="O. Sommer",
        issuer="Elektro Sommer GmbH", day="2026-02-16", labor_hours=6.0,
        parts=[("P-7050", "Raumthermostat", 1)], tax_delta="0.02",
        notes=(
            "Neuinstallation Lüftungsregelung Technikraum, Raumthermostat montiert und "
            "angeklemmt, Inbetriebnahme mit Betreiber. Kunde wünscht zusätzlich eine zweite "
            "Außeneinheit - nicht ausgeführt, Angebot folgt."
        ),
        asset_model="Lüftungsregelung LR-2",
        exception="tax_error", billable=True,
        why="Rule 5 not met (the second unit was only to be quoted); rule 9: tax 127.89 vs "
            "673.00 x 19 % = 127.87 exactly, 0.02 off (> 0.01); T&M -> billable.",
    ),
    SpecD(
        workflow=W2O, region="CH", ctype=LO, stype="inspection", lang="de",
        customer="Restaurant Sternen AG", technician="P. Meier", day="2026-01-15",
        covered=["preventive_maintenance", "inspection"], tax_rate="0.077", filler=True,
        notes="ok, s. Checkliste",
        asset_model="Kälteanlage KA-5",
        exception="tax_error", billable=False,
        why="Rule 2 not met (filler notes, but the report is signed); rule 9: 7.7 % (old Swiss "
            "rate) instead of 8.1 %; labor_only covering inspection -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-CA", ctype=FS, stype="repair", lang="en-US",
        customer="Redwood Pediatric Dental Inc.", technician="H. Park", day="2026-02-10",
        parts=[("P-8000", "Igniter", 1)], tax_rate="0.0825", signed=False, defect=True,
        notes=(
            "Furnace 2 no ignition, igniter open. Replaced igniter, 5 cycles ok. Front desk "
            "could not sign (patient check-in rush), left copy of ticket."
        ),
        asset_model="Gas Furnace GF-80",
        exception="tax_error", billable=False,
        why="Rule 9: 8.25 % (Texas) applied to a California customer (7.25 %); unsigned but "
            "the work is described; full_service covering repair -> not billable.",
    ),
    SpecD(
        workflow=PROC, region="NL", ctype=TM, stype="repair", lang="nl",
        customer="Zorgcentrum De Linde", technician="H. Smit",
        issuer="Koeltechniek Smit & Zn. B.V.", day="2026-03-03",
        parts=[("P-6030", "Lagerset", 1)], tax_rate="0.09", defect=True,
        notes="Lagers ventilator LBK 2 versleten, lagerset vervangen, trillingsvrij opgeleverd.",
        asset_model="Air Handling Unit LBK-2",
        exception="tax_error", billable=True,
        why="Rule 9: 9 % (reduced rate) instead of the NL rate 21 %; T&M agreement -> billable.",
    ),
    SpecD(
        workflow=W2O, region="GB", ctype=FS, stype="emergency_repair", lang="en-GB",
        customer="St Aldric's Hospital Trust", technician="C. Byrne", day="2026-01-31",
        parts=[("P-5100", "Cabinet probe", 1)], tax_delta="-10.00", extra=True, defect=True,
        line_desc={0: "Labour (emergency_repair) incl. probe relocation per CO-7730"},
        notes=(
            "Pharmacy fridge alarm out of hours. Probe faulty, replaced. Pharmacy lead asked "
            "for the probe to be moved to the back of the cabinet away from the door, done "
            "(office raised the change order)."
        ),
        asset_model="Pharmacy Refrigerator PR-400",
        exception="tax_error", billable=True,
        why="Rule 5 not met (CO-7730 on the labour line); rule 9: tax 10.00 below subtotal x "
            "20 %; emergency_repair not covered by full_service -> billable.",
    ),
    # ================================================================ none
    SpecD(
        workflow=W2O, region="DE", ctype=FS, stype="preventive_maintenance", lang="de",
        style="narrative", customer="Seniorenresidenz Am Rosengarten gGmbH",
        technician="D. Lorenz", day="2026-02-25", labor_hours=2.5, lookalike=True,
        parts=[("P-1001", "Luftfilter", 3)],
        notes=(
            "Halbjahreswartung Kälteanlage Küche. Anfahrt über Hintereingang, Schlüssel beim "
            "Hausmeister Hr. Krause, Aufzug zum Technikraum war wegen Reinigung gesperrt, "
            "Material über Treppe. Filter gewechselt, Verflüssiger gereinigt, Kältemittelfüllung "
            "und Drücke kontrolliert, Sicherheitskette geprüft, alles ohne Befund. Kunde fragt "
            "nach Angebot für zweite Kühlzelle - Angebot macht der Innendienst. Nächste Wartung "
            "August."
        ),
        asset_model="Kälteanlage KA-5",
        exception="none", billable=False,
        why="No rule fires: a quote was only requested (not out of scope), the prior invoice "
            "with the same total is another work order; full_service covers PM -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="US-TX", ctype=TM, stype="repair", lang="en-US",
        customer="Brazos Valley Ice Co.", technician="B. Holloway", day="2026-02-18",
        sla=4.0, response_hours=4.0, parts=[("P-2210", "Condenser fan contactor", 1)],
        visits_30d=1, defect=True,
        notes=(
            "Was here 2 wks ago for the ice maker. Today's call is the reach-in cooler, "
            "different unit: condenser fan contactor burnt, replaced, cooler holding 36F."
        ),
        asset_model="Reach-in Cooler RC-2",
        exception="none", billable=True,
        why="Arrival exactly 4.0 h after the report does not exceed the 4 h SLA; the earlier "
            "visit was another unit, so not rework; T&M -> billable.",
    ),
    SpecD(
        workflow=W2O, region="GB", ctype=TM, stype="repair", lang="en-GB",
        customer="Harrow Foods Ltd", technician="E. Walsh", day="2026-03-02",
        labor_lines=[(2.05, "82.82")], parts=[("P-2040", "Relay", 1)], defect=True,
        notes=(
            "Chiller 1 tripping on start. Start relay sticking, replaced. Customer asked if "
            "today could be free of charge as the chiller is old - explained it's chargeable "
            "under their T&M agreement. Running fine on departure."
        ),
        asset_model="Chiller XR-200",
        exception="none", billable=True,
        why="Labour at 82.82 is exactly +1 % of 82.00 and 2.05 h exactly +0.05 h of 2.0 h: "
            "neither exceeds; 'free of charge' was asked and refused, not agreed; T&M.",
    ),
    SpecD(
        workflow=DISP, region="NL", ctype=FS, stype="repair", lang="nl",
        customer="Zorgcentrum De Linde", technician="W. Hendriks", day="2026-01-20",
        response_hours=5.0, parts=[("P-7050", "Ruimtethermostaat", 1)], defect=True,
        notes=(
            "Thermostaat recreatiezaal geeft geen warmtevraag meer. Thermostaat vervangen, "
            "CV-installatie getest, zaal op temperatuur."
        ),
        dispute=(
            "Uw monteur is hooguit een uur binnen geweest en kwam pas 's middags. Wij betalen "
            "geen twee uur arbeid. Graag een creditnota."
        ),
        asset_model="Heating System HS-2",
        exception="none", billable=False,
        why="The invoice matches the report (2.0 h) and the 5 h response is within the 8 h "
            "SLA: the dispute is unfounded per §3.1; full_service covering repair -> not billable.",
    ),
    SpecD(
        workflow=W2O, region="FR", ctype=TM, stype="repair", lang="fr",
        customer="Clinique des Tilleuls", technician="N. Roux", day="2026-02-27",
        warranty_end=WARRANTY, parts=[("P-5012", "Carte électronique", 1)],
        extra_lines=[("credit", "Avoir garantie constructeur (MO + pièce)", "-600.00")],
        defect=True,
        notes=(
            "Carte électronique de la centrale de traitement HS (défaut composant, pas de "
            "surtension ni de choc). Remplacée sous garantie constructeur, MO et pièce en "
            "avoir sur la facture."
        ),
        asset_model="Air Handling Unit CTA-2000",
        exception="none", billable=False,
        why="Rule 4 not met: the credit line cancels the repair's labor and part (only travel "
            "remains); billable rule 2: warranty component failure -> not billable.",
    ),
    SpecD(
        workflow=PROC, region="US-NY", ctype=TM, stype="repair", lang="en-US",
        customer="Astoria Bagel Works LLC", technician="F. Lindqvist",
        issuer="Five Boroughs Refrigeration Corp.", day="2026-01-09", labor_hours=3.0,
        po_required=True, po_numbers=["PO-31007", "PO-31044"], invoice_po="PO-31044",
        tax_delta="-0.01", signed=False,
        notes=(
            "Proofing cabinet not heating: found loose and burnt spade on the element circuit, "
            "re-terminated, checked all connections, 2 h soak test OK. Owner not on site, unit "
            "left running."
        ),
        asset_model="Proofing Cabinet PC-16",
        exception="none", billable=True,
        why="Unsigned but the notes describe the work (rule 2 no); PO matches the second "
            "contract PO; tax 35.49 vs 400.00 x 8.875 % = 35.50 exactly, 0.01 off (not > 0.01).",
    ),
]
# fmt: on


def main() -> None:
    assert len(SPECS) == 60, len(SPECS)
    make_cases_b.write_set(SPECS, make_case, check_case, "d")
    styles: dict[str, int] = {}
    for spec in SPECS:
        styles[spec.style] = styles.get(spec.style, 0) + 1
    print(f"style: {styles}")


if __name__ == "__main__":
    main()
