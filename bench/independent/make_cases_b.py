"""Independent benchmark, second set (B): 60 more hand-written cases with their true labels.

Written from the product contract (``/work/shared/spec/DOMAIN.md``) alone, by a
different author from set A, without reading set A's case notes or the project's
simulator, training data, models or tests. Only the arithmetic / structure
machinery of ``make_cases.py`` is reused (``Spec``, ``build``, ``check_structure``),
so both sets share one notion of internal consistency (§2).

Each case is a ``SpecB``: the facts of the job, the expected ``exception`` (DOMAIN
§3.1, first rule that applies), ``billable`` (§3.2) and a one-line ``why``. The
extra fields name the customer, the language the notes are written in, and — when
an asset is under warranty and the invoice charges labor or parts but the label is
not ``warranty_coverage`` — why rule 4 does not apply (``warranty_not_rule4``).

Run ``python bench/independent/make_cases_b.py`` (with ``PYTHONPATH=src:.``) to write
``cases_b.jsonl`` and ``labels_b.jsonl`` next to this file. Every case is checked with
``check_structure`` and parsed with ``triage.domain.parse.parse_case`` before writing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bench.independent.make_cases import (
    LABELS,
    WARRANTY,
    Spec,
    build,
    check_structure,
    structural_flags,
)

from triage.domain.parse import parse_case

HERE = Path(__file__).resolve().parent
CASE_PREFIX = "IND-B-2026-"
N_OFFSET = (
    300  # build() derives work-order / invoice / contract numbers from n; keep clear of set A
)


@dataclass
class SpecB(Spec):
    customer: str = ""
    lang: str = (
        "en"  # language of the notes (and dispute text): en, de, fr, nl, it, es, pl, mixed-*
    )
    warranty_not_rule4: str | None = None


S = TypeVar("S", bound=SpecB)
W2O = "work_order_to_invoice"
PROC = "service_procurement"
DISP = "dispute_credit"
TM = "time_and_materials"


def prior(number: str, work_order: str | None, day: str, total: float) -> dict[str, Any]:
    return {"number": number, "work_order_id": work_order, "date": day, "total": total}


# fmt: off
SPECS: list[SpecB] = [
    # ------------------------------------------------------------------ duplicate_billing
    SpecB(
        W2O, "GB", "full_service", "preventive_maintenance",
        "Q1 PPM on AHU-1 & AHU-2 (roof). Belts inspected, tension adj on AHU-2. G4 panel filters "
        "replaced x4, bag filters ok (dP 95Pa). Condensate trays cleaned + treated. Fire damper "
        "links checked. No faults found.",
        "duplicate_billing", False,
        "Rule 1: the invoice number is already in prior_invoices (re-sent); §3.2.5 full_service covers PM.",
        customer="Marlow Leisure Centres Ltd", technician="D. Pritchard", asset_model="Rooftop AHU Aeris 40",
        day="2026-01-14", labor_hours=3.0, travel_hours=0.75,
        parts=[("P-1001", "G4 panel filter", 4)], prior_same_number=True,
    ),
    SpecB(
        PROC, "US-TX", TM, "repair",
        "Condenser fan #2 not running. Contactor pitted and welded shut, replaced. Amps all 3 legs "
        "14.2/14.0/14.4. Unit back on line, walked cust thru it.",
        "duplicate_billing", True,
        "Rule 1: a subcontractor invoice for the same work_order_id is already in history; T&M → billable.",
        customer="Brazos Valley Foods Inc.", technician="J. Villarreal", asset_model="Condensing unit CU-15T",
        issuer="Rio Grande Mechanical LLC", day="2026-02-03", labor_hours=1.5,
        parts=[("P-2210", "Contactor 3-pole 40A", 1)], prior_same_work_order=True,
    ),
    SpecB(
        DISP, "DE", "labor_only", "repair",
        "Hydraulikschlauch Hubzylinder links undicht (porös). Schlauch getauscht, Hydrauliköl "
        "nachgefüllt, Hubtest mit 1,2 t Last ohne Befund.",
        "duplicate_billing", False,
        "Rule 1: an earlier invoice for the same work_order_id exists; labor_only covers repair → not billable.",
        customer="Spedition Albrecht GmbH & Co. KG", technician="T. Nowak", asset_model="Schubmaststapler RX 1.6",
        day="2026-02-05", parts=[("P-3320", "Hydraulikschlauch", 1)], prior_same_work_order=True,
        dispute="Guten Tag, für diesen Auftrag haben wir bereits eine Rechnung erhalten und im Februar "
                "bezahlt. Bitte stornieren Sie die zweite Rechnung.",
        lang="de",
    ),
    SpecB(
        W2O, "FR", TM, "emergency_repair",
        "Appel en urgence : alarme HP sur la chambre froide négative. Moteur du ventilo condenseur "
        "grippé, remplacé. Redémarrage OK, -18°C atteint avant le départ du technicien.",
        "duplicate_billing", True,
        "Rule 1: same invoice number already billed (PO is also missing, but rule 1 comes first); T&M → billable.",
        customer="Traiteur Delorme SARL", technician="K. Benali", asset_model="Chambre froide négative CFN-12",
        day="2026-01-22", labor_hours=3.0, parts=[("P-4420", "Moteur ventilateur condenseur", 1)],
        po_required=True, invoice_po=None, prior_same_number=True, sla=4.0, response_hours=2.0,
        lang="fr",
    ),
    SpecB(
        W2O, "US-CA", "none", "inspection",
        "Annual UPS inspection. Battery string impedance test - jars 14 and 27 reading high, logged, "
        "NOT replaced, quote to follow. Bypass transfer test OK, fans + caps visually OK, IR scan no "
        "hot spots.",
        "duplicate_billing", True,
        "Rule 1: invoice number already in prior_invoices; no contract → billable (batteries only quoted).",
        customer="Harbor Point Data Center LLC", technician="R. Delgado", asset_model="UPS Galaxy 80kVA",
        day="2026-02-18", labor_hours=3.5, prior_same_number=True,
    ),
    # ------------------------------------------------------------------ missing_evidence
    SpecB(
        W2O, "DE", TM, "repair", "erledigt",
        "missing_evidence", True,
        "Rule 2: unsigned report whose notes only say 'erledigt' (done); T&M → billable.",
        customer="Metzgerei Hartl", technician="S. Yilmaz", asset_model="Kühltheke KT-3",
        day="2026-01-27", labor_hours=1.5, signed=False, lang="de",
    ),
    SpecB(
        W2O, "NL", "full_service", "repair", "zie boven",
        "missing_evidence", False,
        "Rule 2: unsigned, notes only 'zie boven' (see above); full_service covers repair → not billable.",
        customer="Woonzorgcentrum De Linde", technician="B. de Groot", asset_model="Plafondtilliftsysteem LT-200",
        day="2026-02-09", signed=False, lang="nl",
    ),
    SpecB(
        PROC, "DE", TM, "repair", "zrobione, ok",
        "missing_evidence", True,
        "Rule 2: subcontractor's report unsigned and notes only 'zrobione, ok' (done, ok); T&M → billable.",
        customer="Logistikzentrum Hanse GmbH", technician="P. Wiśniewski", asset_model="Schnelllauftor SLT-40",
        issuer="Kowalski Serwis Bramy Sp. z o.o.", day="2026-02-12", signed=False, lang="pl",
    ),
    SpecB(
        W2O, "US-TX", "labor_only", "repair",
        "Replaced door operator belt on car 2, adj clutch, ran 25 cycles no issues. Cust signed off.",
        "missing_evidence", False,
        "Rule 2: 2.0 h of labor billed while the report shows 0 labor hours; labor_only covers repair.",
        customer="Permian Medical Plaza", technician="C. Whitfield", asset_model="Traction elevator car 2",
        day="2026-01-30", labor_hours=0.0, labor_lines=[(2.0, "115.00")],
        parts=[("P-3105", "Door operator belt", 1)],
    ),
    SpecB(
        DISP, "CH", "parts_only", "repair", "ok, siehe Rapport",
        "missing_evidence", True,
        "Rule 2: unsigned and notes only 'ok, siehe Rapport' (see report); parts_only → labor billable.",
        customer="Gasthof Sternen AG", technician="L. Brunner", asset_model="Kombidämpfer CD-10",
        day="2026-02-02", signed=False,
        dispute="Wir haben keinen unterschriebenen Servicerapport erhalten und können nicht "
                "nachvollziehen, was an unserem Steamer gemacht wurde. Bitte Rapport nachreichen, "
                "bis dahin bezahlen wir nicht.",
        lang="de",
    ),
    SpecB(
        W2O, "FR", TM, "installation", "Intervention effectuée.",
        "missing_evidence", True,
        "Rule 2: unsigned, notes only 'Intervention effectuée.' (job done); T&M → billable.",
        customer="Pharmacie du Marché", technician="A. Lemaire", asset_model="Armoire réfrigérée pharma AR-400",
        day="2026-03-03", labor_hours=3.0, signed=False, lang="fr",
    ),
    # ------------------------------------------------------------------ missing_po
    SpecB(
        PROC, "NL", TM, "repair",
        "Lekkage koelcel 3 gevonden bij expansieventiel (flare-verbinding). Ventiel vervangen, "
        "systeem afgeperst met stikstof, vacuüm getrokken en bijgevuld. Cel haalt weer +2°C.",
        "missing_po", True,
        "Rule 3: PO required but the subcontractor's invoice carries no PO; T&M → billable.",
        customer="Versmarkt Hoogeveen B.V.", technician="R. Bakker", asset_model="Koelcel 3 verdamper",
        issuer="Koeltechniek Vermeulen B.V.", day="2026-02-16", labor_hours=3.0,
        parts=[("P-7001", "Expansieventiel", 1)], po_required=True, invoice_po=None, lang="nl",
    ),
    SpecB(
        W2O, "GB", "full_service", "preventive_maintenance",
        "Twice-yearly kitchen PPM. Hood dishwasher descaled, wash/rinse arms cleaned, door seals ok. "
        "Combi oven: steam generator descaled, door gasket ok, core probe tested. All equipment left "
        "working.",
        "missing_po", False,
        "Rule 3: invoice cites PO-4410-2025, not on the contract's PO list; full_service covers PM.",
        customer="The Old Mill Hotel Ltd", technician="S. Agarwal", asset_model="Hood dishwasher + combi oven",
        day="2026-01-20", labor_hours=2.5, po_required=True, po_numbers=["PO-4410-2026"],
        invoice_po="PO-4410-2025",
    ),
    SpecB(
        W2O, "US-NY", "labor_only", "emergency_repair",
        "After hours call - freight car #2 stopped approx 18in below 3rd floor, nobody trapped. Found "
        "brake switch out of adjustment, reset + adjusted, checked leveling at every floor. Returned "
        "to service.",
        "missing_po", True,
        "Rule 3: PO required, invoice has none; labor_only covers repair but not emergency_repair → billable.",
        customer="Astoria Cold Logistics LLC", technician="M. Russo", asset_model="Freight elevator #2",
        day="2026-02-06", labor_hours=1.75, po_required=True, invoice_po=None, sla=4.0, response_hours=1.5,
    ),
    SpecB(
        DISP, "FR", TM, "repair",
        "Autoclave en défaut E07 (pression). Électrovanne de vidange encrassée, remplacée. 3 cycles "
        "de test + test Bowie-Dick conforme.",
        "missing_po", True,
        "Rule 3: PO mandatory and the issued invoice has no PO number; T&M → billable.",
        customer="Clinique Vétérinaire des Alpilles", technician="N. Ferreira", asset_model="Autoclave classe B 23L",
        day="2026-02-11", parts=[("P-7001", "Électrovanne de vidange", 1)],
        po_required=True, invoice_po=None,
        dispute="Bonjour, notre comptabilité ne peut pas traiter cette facture : aucun numéro de bon "
                "de commande n'y figure alors qu'il est obligatoire chez nous. Merci de nous renvoyer "
                "une facture corrigée.",
        lang="fr",
    ),
    SpecB(
        W2O, "AT", TM, "installation",
        "Neue Haubenspülmaschine aufgestellt und angeschlossen (Zulauf, Ablauf, Elektro), Probelauf "
        "i.O., Personal eingeschult. Auf Wunsch vom Küchenchef zusätzlich die alte Enthärtungsanlage "
        "abgebaut und entsorgt.",
        "missing_po", True,
        "Rule 3: invoice PO-AT-3318 is not on the PO list (transposed digits); comes before the out-of-scope extra work; T&M.",
        customer="Hotel Alpenrose Kitzbühel GmbH", technician="F. Gruber", asset_model="Haubenspülmaschine HS-500",
        day="2026-02-24", labor_hours=5.0, po_required=True, po_numbers=["PO-AT-3381", "PO-AT-3390"],
        invoice_po="PO-AT-3318", lang="de",
    ),
    # ------------------------------------------------------------------ warranty_coverage
    SpecB(
        W2O, "DE", "full_service", "repair",
        "Störung Verdichter 2 (Hochdruck). Lüftermotor Verflüssiger festgegangen, Lagerschaden. Kein "
        "Fremdeinwirken erkennbar, Anlage sauber. Motor getauscht, Probelauf 45 min ok.",
        "warranty_coverage", False,
        "Rule 4: asset under warranty, bearing failure with no external cause, motor and labor charged; §3.2.2.",
        customer="Klinik am Stadtpark gGmbH", technician="H. Schreiber", asset_model="Kaltwassersatz KWS-60",
        day="2026-01-19", labor_hours=3.0, parts=[("P-4420", "Lüftermotor Verflüssiger", 1)],
        warranty_end=WARRANTY, lang="de",
    ),
    SpecB(
        W2O, "US-CA", TM, "repair",
        "Walk-in freezer at 15F. Evap fan motor seized, bearings worn out. No damage to the housing, "
        "nothing blocking the fan. Swapped motor, box pulling down, 0F by 5pm.",
        "warranty_coverage", False,
        "Rule 4: warranty_end 2026-03-31 is the local completion date (UTC already 1 April); worn-out motor charged.",
        customer="Mission Bay Seafood Co.", technician="T. Nguyen", asset_model="Walk-in freezer WF-8x10",
        labor_hours=4.0, parts=[("P-4420", "Evaporator fan motor", 1)], warranty_end="2026-03-31",
        times=("2026-03-31T09:15:00-07:00", "2026-03-31T12:40:00-07:00", "2026-03-31T17:25:00-07:00"),
    ),
    SpecB(
        W2O, "FR", "labor_only", "repair",
        "Le client pensait à une mauvaise utilisation (surcharge du compresseur) — hypothèse écartée "
        "après lecture de l'historique du contrôleur : aucune surcharge, ventilation correcte. Carte "
        "électronique défaillante (composant grillé côté alimentation), remplacée. Redémarrage et essai "
        "en charge OK.",
        "warranty_coverage", False,
        "Rule 4: under warranty, suspected misuse ruled out, failed control board and labor charged; §3.2.2.",
        customer="Blanchisserie du Rhône SAS", technician="J. Morel", asset_model="Compresseur à vis CSV-22",
        day="2026-02-04", labor_hours=2.5, parts=[("P-5012", "Carte électronique", 1)],
        warranty_end=WARRANTY, lang="fr",
    ),
    SpecB(
        DISP, "GB", TM, "repair",
        "Pump 1 noisy, then seized. Bearing failure on the pump itself, no signs of dry running and "
        "strainer clean. Replaced pump like for like, system vented, running quiet.",
        "warranty_coverage", False,
        "Rule 4: pump under warranty, internal bearing failure, pump and labour charged; §3.2.2 → not billable.",
        customer="Ashcombe Academy Trust", technician="G. Holloway", asset_model="LTHW circulation pump set",
        day="2026-01-26", labor_hours=3.0, parts=[("P-4480", "Circulation pump", 1)], warranty_end=WARRANTY,
        dispute="This pump set was installed by your company last year and is still under warranty. "
                "We should not be paying for the replacement pump or the labour.",
    ),
    SpecB(
        W2O, "CH", "parts_only", "emergency_repair",
        "Intervento urgente: UPS in allarme surriscaldamento. Ventola di raffreddamento bloccata, "
        "cuscinetti usurati. Nessun danno esterno, non causato dal cliente. Sostituita la ventola, "
        "test su batteria e by-pass OK.",
        "warranty_coverage", False,
        "Rule 4: UPS under warranty, worn fan bearings not caused by the customer, fan and labor charged; §3.2.2.",
        customer="Clinica Ceresio SA", technician="D. Bernasconi", asset_model="UPS 40kVA",
        day="2026-02-13", labor_hours=2.0, parts=[("P-4420", "Ventola di raffreddamento", 1)],
        warranty_end=WARRANTY, sla=4.0, response_hours=1.5, lang="it",
    ),
    SpecB(
        W2O, "US-TX", "full_service", "repair",
        "2nd trip this month. Igniter we replaced on 2/3 failed again - same no flame proving lockout. "
        "Old igniter cracked internaly, customer didnt do anything to it. Replaced w/ revised igniter, "
        "10 ignition cycles clean.",
        "warranty_coverage", False,
        "Rule 4: warranty active, igniter defect not customer-caused, charged; §3.2.2 warranty precedes rework.",
        customer="Hill Country Bakehouse", technician="B. Ortiz", asset_model="Rack oven RO-2",
        day="2026-02-24", labor_hours=1.5, parts=[("P-8000", "Hot surface igniter", 1)],
        warranty_end=WARRANTY, visits_30d=1,
        prior=[prior("INV-2026-40117", "WO-40917", "2026-02-04", 312.48)],
    ),
    SpecB(
        W2O, "DE", "none", "repair",
        "Temp drift +6K, Alarm. Fühler B2 intern defekt (Widerstand springt). No impact/moisture, "
        "kein Bedienfehler. Sensor getauscht, recalibrated, -80 °C stabil after 2h.",
        "warranty_coverage", False,
        "Rule 4: manufacturer warranty active (no service contract needed); internal sensor fault, charged.",
        customer="Labor Dr. Brandt MVZ", technician="K. Öztürk", asset_model="Ultra-low freezer ULT-700",
        day="2026-03-02", labor_hours=2.0, parts=[("P-5100", "Temperaturfühler PT100", 1)],
        warranty_end=WARRANTY, lang="mixed-de-en",
    ),
    # ------------------------------------------------------------------ out_of_scope
    SpecB(
        W2O, "GB", TM, "preventive_maintenance",
        "Annual service 3x splits: filters cleaned, coils sprayed, drains flushed, pressures ok. While "
        "on site the office mgr asked us to move the wall controller for unit 2 from the corridor into "
        "the meeting room - done, new cable run in trunking, approx 45 mins.",
        "out_of_scope", True,
        "Rule 5: controller relocated at the customer's request during PM, no CO cited; T&M → billable.",
        customer="Kestrel Accountancy LLP", technician="L. Fenwick", asset_model="Split AC x3",
        day="2026-03-05", labor_hours=3.0,
    ),
    SpecB(
        W2O, "DE", "full_service", "inspection",
        "E-Prüfung (DGUV V3) aller ortsveränderlichen Küchengeräte, 38 Geräte, alle bestanden. Auf "
        "Wunsch des Küchenchefs zusätzlich eine Steckdose an der Spülstraße versetzt – war nicht "
        "beauftragt.",
        "out_of_scope", True,
        "Rule 5: socket relocated on request, beyond the inspection, no CO; inspection not in covered_services.",
        customer="Hotel Rheinblick GmbH", technician="A. Krämer", asset_model="Großküche Gerätepark",
        day="2026-02-17", labor_hours=4.0, lang="de",
    ),
    SpecB(
        DISP, "FR", TM, "installation",
        "Pose du nouveau four mixte + raccordements eau / élec / évacuation. Le client a demandé en "
        "plus de décaler la hotte de 40 cm et de modifier la sortie d'évacuation pour la nouvelle "
        "position — réalisé le jour même, sans avenant.",
        "out_of_scope", True,
        "Rule 5: hood moved and exhaust modified at customer's request, no CO; 6 h billed = 6 h reported; T&M.",
        customer="Brasserie Le Comptoir Lyonnais", technician="Y. Haddad", asset_model="Four mixte 10 niveaux",
        day="2026-01-21", labor_hours=6.0,
        dispute="Nous contestons la main d'œuvre : 6 h facturées alors que votre devis annonçait 4 h "
                "pour la pose.",
        lang="fr",
    ),
    SpecB(
        W2O, "NL", TM, "repair",
        "Condensate drain valve defect, replaced. Klant vroeg of we meteen de persluchtleiding naar "
        "hal B konden doortrekken - gedaan, 6 m buis + koppelingen, geen CO.",
        "out_of_scope", True,
        "Rule 5: air line extended to hall B at the customer's request, no change order; T&M → billable.",
        customer="Drukkerij Van Leeuwen B.V.", technician="M. Visser", asset_model="Schroefcompressor GA-30",
        day="2026-02-19", labor_hours=3.5, parts=[("P-7001", "Condensaataftapventiel", 1)],
        lang="mixed-en-nl",
    ),
    SpecB(
        W2O, "US-CA", "none", "installation",
        "Instalación del compresor nuevo y secador, arranque y prueba OK. A petición del encargado de "
        "planta se instaló además una bajada de aire adicional hasta el taller 2 (no estaba en la "
        "orden de trabajo).",
        "out_of_scope", True,
        "Rule 5: extra air drop installed at the plant manager's request, not on the work order, no CO; no contract.",
        customer="Valle Central Packing Co.", technician="E. Ramírez", asset_model="Compresor rotativo 50HP",
        day="2026-01-28", labor_hours=5.0, lang="es",
    ),
    SpecB(
        W2O, "CH", "full_service", "emergency_repair",
        "Notfall: Kompressor steht, Störung Druckschalter. Druckschalter defekt, ersetzt. Anschliessend "
        "auf Wunsch vom Hauswart die Kondensatleitung umgebaut und an den neuen Bodenablauf "
        "angeschlossen.",
        "out_of_scope", True,
        "Rule 5: condensate line rebuilt at the caretaker's request, no CO; emergency_repair not covered → billable.",
        customer="Druckerei Zollikofer AG", technician="R. Ammann", asset_model="Druckluftkompressor SK-15",
        day="2026-02-20", labor_hours=2.5, parts=[("P-5100", "Druckschalter", 1)], sla=4.0,
        response_hours=2.0, lang="de",
    ),
    # ------------------------------------------------------------------ sla_credit
    SpecB(
        W2O, "US-TX", "full_service", "emergency_repair",
        "Ice machine not making ice, bin empty. Water inlet valve stuck closed. Replaced valve, "
        "flushed, 1st harvest ok. Reminded cust sanitizing is due in 6 mo.",
        "sla_credit", True,
        "Rule 6: arrived 6.5 h after the report vs a 4 h SLA, no credit line; emergency_repair not covered.",
        customer="Lubbock Regional Rehab", technician="D. Fuentes", asset_model="Ice machine IM-500",
        day="2026-02-10", labor_hours=1.5, parts=[("P-7001", "Water inlet valve", 1)], sla=4.0,
        response_hours=6.5,
    ),
    SpecB(
        DISP, "DE", "labor_only", "repair",
        "Tor fährt nicht mehr auf. Lager am Antrieb verschlissen, Lagersatz getauscht, Endlagen neu "
        "eingelernt, 10 Zyklen ohne Befund.",
        "sla_credit", False,
        "Rule 6: reported 16.02 15:30, arrived 17.02 08:15 (16.75 h > 8 h SLA), no credit; labor_only covers repair.",
        customer="Autohaus Berger GmbH", technician="U. Wagner", asset_model="Sektionaltor Werkstatt",
        labor_hours=2.25, parts=[("P-6030", "Lagersatz Antrieb", 1)], sla=8.0,
        times=("2026-02-16T15:30:00+01:00", "2026-02-17T08:15:00+01:00", "2026-02-17T10:45:00+01:00"),
        dispute="Vertraglich sind 8 Stunden Reaktionszeit vereinbart. Gemeldet haben wir am 16.02. um "
                "15:30, Ihr Techniker kam erst am nächsten Morgen. Wir bitten um die vertragliche "
                "Gutschrift.",
        lang="de",
    ),
    SpecB(
        W2O, "NL", "full_service", "repair",
        "Storing: accu van reachtruck 4 laadt niet meer op. Lader defect, relais verbrand (geen vocht "
        "of beschadiging gezien). Relais vervangen, laadcyclus gestart, werkt weer.",
        "sla_credit", False,
        "Rule 6: response 5.5 h vs 4 h SLA and no credit line; full_service covers repair → not billable.",
        customer="Distributiecentrum Tilburg-Noord B.V.", technician="J. Hendriks", asset_model="Acculader reachtruck",
        day="2026-01-29", labor_hours=1.5, parts=[("P-2040", "Relais lader", 1)], sla=4.0,
        response_hours=5.5, lang="nl",
    ),
    SpecB(
        W2O, "US-CA", "parts_only", "repair",
        "Low-flow alarm on MRI chiller. Y-strainer partly blocked, cleaned. Flow switch intermittent, "
        "replaced. Flow 38 lpm, alarm cleared, handed back to MRI tech. (Dispatch: first slot available "
        "was next afternoon.)",
        "sla_credit", True,
        "Rule 6: 28.5 h from report to arrival vs a 24 h SLA, no credit line; parts_only → labor billable.",
        customer="Coastal Imaging Center", technician="P. Castillo", asset_model="MRI chiller KC-30",
        labor_hours=2.0, parts=[("P-5100", "Flow switch", 1)], sla=24.0,
        times=("2026-01-20T10:00:00-08:00", "2026-01-21T14:30:00-08:00", "2026-01-21T17:00:00-08:00"),
    ),
    SpecB(
        W2O, "CH", TM, "emergency_repair",
        "Störung Linie 3 BMZ. Détecteur de fumée im Lager stark verstaubt (chantier à côté), gereinigt "
        "und geprüft, Linie wieder i.O. Kein Material.",
        "sla_credit", True,
        "Rule 6: arrival 4.5 h after the report vs a 4 h SLA, no credit line; T&M → billable.",
        customer="Lagerhaus Seetal AG", technician="C. Favre", asset_model="Brandmeldezentrale BMZ-8",
        day="2026-02-26", labor_hours=1.0, sla=4.0, response_hours=4.5, lang="mixed-de-fr",
    ),
    # ------------------------------------------------------------------ rate_mismatch
    SpecB(
        PROC, "US-NY", TM, "repair",
        "Low water cutoff not tripping on blowdown test. Float chamber cleaned out (heavy scale), LWCO "
        "switch replaced, tested 3x OK.",
        "rate_mismatch", True,
        "Rule 7: subcontractor bills labor at 125.00 vs the agreed 115.00; T&M → billable.",
        customer="Queens Community Health Center", technician="V. Kowalczyk", asset_model="Steam boiler B-2",
        issuer="Empire Boiler Works Inc.", day="2026-01-15", labor_hours=2.5,
        labor_lines=[(2.5, "125.00")], parts=[("P-5100", "LWCO switch", 1)],
    ),
    SpecB(
        PROC, "GB", "labor_only", "preventive_maintenance",
        "Monthly lift maintenance: landing doors lubed & adjusted, car top inspection, pit cleaned, "
        "alarm + intercom tested ok. Log book signed.",
        "rate_mismatch", False,
        "Rule 7: travel billed at 42.00/h vs the agreed 38.00; labor_only covers PM → not billable.",
        customer="Calder Vale Retail Park", technician="K. Ashworth", asset_model="Passenger lift L1",
        issuer="Pennine Lift Services Ltd", day="2026-02-23", labor_hours=1.5,
        travel_lines=[(1.0, "42.00")],
    ),
    SpecB(
        W2O, "FR", "parts_only", "repair",
        "Four ne chauffe plus sur la sole 2. Contacteur de puissance HS (contacts brûlés), remplacé. "
        "Pas de choc ni mauvaise utilisation. NB : garantie constructeur terminée la veille.",
        "rate_mismatch", True,
        "Rule 7: contactor at 96.00 vs price list 86.00; warranty ended the day before completion (no rule 4); parts_only.",
        customer="Boulangerie Pâtisserie Girard", technician="T. Rousseau", asset_model="Four à sole FS-4",
        day="2026-02-12", warranty_end="2026-02-11", parts=[("P-2210", "Contacteur de puissance", 1)],
        part_price={"P-2210": "96.00"}, lang="fr",
        warranty_not_rule4="warranty ended 2026-02-11, the day before completion",
    ),
    SpecB(
        DISP, "US-CA", TM, "repair",
        "Glycol chiller short cycling. Thermostat reading off by 6F and sticking, replaced, set to 28F. "
        "Checked glycol mix 35%, ok.",
        "rate_mismatch", True,
        "Rule 7: labor billed at 135.00 vs the contract's 115.00; T&M → billable.",
        customer="Redwood Brewing Co.", technician="S. Patel", asset_model="Glycol chiller GC-20",
        day="2026-02-05", labor_lines=[(2.0, "135.00")], parts=[("P-7050", "Thermostat", 1)],
        dispute="Your invoice bills labor at $135/hr. Our agreement says $115/hr. Please reissue.",
    ),
    SpecB(
        W2O, "AT", TM, "repair",
        "Bierkühler kühlt nicht, Verdichter läuft. Kältemittelverlust an Lötstelle, nachgelötet, "
        "evakuiert, neu befüllt. Wirt war bei Abschluss nicht da – Unterschrift fehlt. Kunde bittet um "
        "Kulanz, lt. Fr. Maier (Innendienst) nicht möglich, normale Verrechnung.",
        "rate_mismatch", True,
        "Rule 7: labor at 98.00 vs 95.00 (>1 %); unsigned but notes describe the work; goodwill refused → T&M billable.",
        customer="Gasthof Zum Goldenen Hirschen", technician="M. Pichler", asset_model="Bierkühler BK-4",
        day="2026-03-09", labor_hours=2.5, labor_lines=[(2.5, "98.00")], signed=False, lang="de",
    ),
    # ------------------------------------------------------------------ quantity_mismatch
    SpecB(
        PROC, "FR", TM, "repair",
        "Chambre froide positive en température haute. Thermostat défectueux remplacé, réglage +3°C, "
        "contrôle après 1h OK.",
        "quantity_mismatch", True,
        "Rule 8: subcontractor bills a gasket kit that is not on the report; T&M → billable.",
        customer="Hôtel Les Oliviers", technician="F. Giraud", asset_model="Chambre froide positive CF-6",
        issuer="Froid Services Provence SARL", day="2026-01-23", labor_hours=1.5,
        parts=[("P-7050", "Thermostat", 1)], unreported_parts=[("P-1140", "Kit joints", 1)], lang="fr",
    ),
    SpecB(
        DISP, "GB", "full_service", "preventive_maintenance",
        "6-monthly fire alarm service: 25% of detectors smoke tested, all call points tested, standby "
        "batteries load tested (ok), panel event log clear. Certificate left with the manager.",
        "quantity_mismatch", False,
        "Rule 8: 2.0 h travel billed vs 0.5 h on the report; full_service covers PM → not billable.",
        customer="Wensleydale Care Homes Ltd", technician="R. Oduya", asset_model="Fire alarm system FP-2000",
        day="2026-02-25", labor_hours=2.5, travel_hours=0.5, travel_lines=[(2.0, "38.00")],
        dispute="We've been charged two hours' travel. Your engineer is based in Ripon, it's a twenty "
                "minute drive. Please correct the invoice.",
    ),
    SpecB(
        W2O, "US-TX", "labor_only", "repair",
        "Mast chain squeal + jerky lift. Mast roller bearings worn on RH side, replaced one set. LH "
        "side checked, ok, not replaced. Lubed chains, tested w/ load.",
        "quantity_mismatch", False,
        "Rule 8: two bearing sets billed, one reported; labor_only covers repair → not billable.",
        customer="Corpus Christi Marine Supply", technician="A. Guerrero", asset_model="Forklift 8FGU25",
        day="2026-01-16", labor_hours=2.0, parts=[("P-6030", "Mast roller bearing set", 1)],
        part_qty={"P-6030": 2},
    ),
    SpecB(
        PROC, "CH", TM, "inspection",
        "Contrôle annuel installation sprinkler : essai poste de contrôle, vanne d'alarme, pompe "
        "diesel démarrée 30 min, pressions relevées. Aucun défaut constaté.",
        "quantity_mismatch", True,
        "Rule 8: two labor lines sum to 4.5 h vs 4.0 h on the report; T&M → billable.",
        customer="Résidence Les Tilleuls SA", technician="O. Perrin", asset_model="Installation sprinkler",
        issuer="Sécurité Incendie Léman Sàrl", day="2026-02-02", labor_hours=4.0,
        labor_lines=[(2.5, "135.00"), (2.0, "135.00")], lang="fr",
    ),
    SpecB(
        W2O, "NL", "none", "repair",
        "Terugkomst: de pakking die we op 4 februari hebben vervangen lekt opnieuw, zelfde lekkage bij "
        "de pompflens. Flens bleek niet vlak – vlakgemaakt en nieuwe pakking geplaatst. Droog na 1 uur "
        "draaien.",
        "quantity_mismatch", False,
        "Rule 8: 2.5 h billed vs 2.0 h reported; §3.2.3 rework (earlier gasket repair did not hold) → not billable.",
        customer="Zwembad De Watertoren", technician="W. Smit", asset_model="Circulatiepomp zwembad",
        day="2026-02-20", labor_hours=2.0, labor_lines=[(2.5, "95.00")],
        parts=[("P-1140", "Pakkingset", 1)], visits_30d=1,
        prior=[prior("INV-2026-40388", "WO-40562", "2026-02-05", 294.63)], lang="nl",
    ),
    # ------------------------------------------------------------------ tax_error
    SpecB(
        W2O, "CH", TM, "repair",
        "Waschmaschine 25 kg Fehler Türverriegelung. Relais der Türverriegelung defekt, ersetzt, 2 "
        "Testwäschen ohne Fehler. Kulanz: Arbeitszeit wird nicht verrechnet, so mit Hr. Frei "
        "(Hoteldirektion) vereinbart.",
        "tax_error", False,
        "Rule 9: tax at 7.7 % (old Swiss rate) instead of 8.1 %; §3.2.4 goodwill agreed in the notes.",
        customer="Hotel Bellevue Engelberg AG", technician="S. Käslin", asset_model="Waschmaschine WE-25",
        day="2026-01-13", labor_hours=1.5, parts=[("P-2040", "Relais Türverriegelung", 1)],
        tax_rate="0.077", lang="de",
    ),
    SpecB(
        PROC, "NL", TM, "repair",
        "Wymieniono pasek napędowy wentylatora skraplacza i zestaw łożysk. Test 30 min, temperatura "
        "OK, bez uwag.",
        "tax_error", True,
        "Rule 9: VAT at 19 % on an NL customer (21 %); T&M → billable.",
        customer="Kaasboerderij Van Dijk", technician="M. Zieliński", asset_model="Condensor koelwand",
        issuer="Polchłód Serwis Sp. z o.o.", day="2026-02-27",
        parts=[("P-3105", "Pasek napędowy", 1), ("P-6030", "Zestaw łożysk", 1)], tax_rate="0.19",
        lang="pl",
    ),
    SpecB(
        W2O, "US-NY", "full_service", "preventive_maintenance",
        "Quarterly PM dental compressor & vac pump: intake filters replaced, tank drained, dryer "
        "checked, dew point ok, vac pump oil changed. Dr. Chen asked about adding a 2nd vac pump - "
        "quoted, not installed.",
        "tax_error", False,
        "Rule 9: tax 4.00 above subtotal × 8.875 %; 2nd vac pump only quoted (no rule 5); full_service covers PM.",
        customer="Park Slope Dental Group", technician="E. Goldberg", asset_model="Dental air compressor + vacuum",
        day="2026-03-04", labor_hours=1.5, parts=[("P-1001", "Intake filter", 2)], tax_delta="4.00",
    ),
    SpecB(
        DISP, "FR", "labor_only", "repair",
        "Lève-malade sur rail bloqué en position haute. Moteur de levage OK, carte de commande "
        "défaillante, remplacée. Essai en charge 150 kg OK.",
        "tax_error", False,
        "Rule 9: VAT at 10 % instead of 20 % for FR; labor_only covers repair → not billable.",
        customer="EHPAD Les Glycines", technician="C. Lambert", asset_model="Lève-personne sur rail LR-200",
        day="2026-01-29", parts=[("P-5012", "Carte de commande", 1)], tax_rate="0.10",
        dispute="La facture applique une TVA à 10 % ; cette prestation relève du taux normal. Merci "
                "de nous adresser une facture rectifiée.",
        lang="fr",
    ),
    SpecB(
        W2O, "DE", "parts_only", "installation",
        "Install + Inbetriebnahme 2x In-Row-Kühler, Reihe C. Piping flushed and pressure tested, "
        "Regelung auf GLT aufgeschaltet, airflow and setpoints verified. Extra blanking panels "
        "angeboten – customer declined, not fitted.",
        "tax_error", True,
        "Rule 9: tax 2.50 below subtotal × 19 %; blanking panels declined (no extra work); installation not covered.",
        customer="Rechenzentrum Mainfranken GmbH", technician="N. Becker", asset_model="In-row cooler IRC-30",
        day="2026-03-10", labor_hours=6.0, travel_hours=1.5, tax_delta="-2.50", lang="mixed-de-en",
    ),
    # ------------------------------------------------------------------ none
    SpecB(
        W2O, "DE", TM, "repair",
        "Verdampferlüfter läuft nicht an. Relais im Schaltkasten defekt (Kontakt verschweißt), kein "
        "Fremdeinwirken. Garantiefall – Arbeitszeit und Relais werden lt. Hersteller gutgeschrieben.",
        "none", False,
        "No rule applies: the warranty repair's labor and part are cancelled by a credit line; §3.2.2 → not billable.",
        customer="Fischgroßhandel Petersen GmbH", technician="J. Claussen", asset_model="Kühlzelle Verdampfer",
        day="2026-02-09", parts=[("P-2040", "Relais", 1)], warranty_end=WARRANTY,
        extra_lines=[("credit", "Garantie-Gutschrift Arbeitszeit + Relais", "-254.00")], lang="de",
        warranty_not_rule4="credit line cancels labor (190.00) and part (64.00)",
    ),
    SpecB(
        W2O, "GB", TM, "preventive_maintenance",
        "PPM walk-in cooler: condenser coil cleaned, evap drain cleared, door heater checked, temps "
        "logged (+2.8C). Door gasket worn on hinge side - quoted for replacement, customer to approve, "
        "NOT done today.",
        "none", True,
        "No rule applies: gasket only quoted, not replaced; T&M → billable.",
        customer="Harbourside Fish Bar Ltd", technician="C. Murray", asset_model="Walk-in cooler WC-2",
        day="2026-01-12", labor_hours=1.5,
    ),
    SpecB(
        W2O, "US-CA", "full_service", "repair",
        "Condensing unit at dock 4 damaged. Shipping supervisor says one of their forklift drivers "
        "backed into it Monday. Fan guard was pushed into the blade and the motor shaft is bent. "
        "Replaced fan motor/blade assy, straightened guard.",
        "none", True,
        "No rule applies (warranty active but damage customer-caused); §3.2.1 customer damage → billable.",
        customer="Golden State Produce Dist. Inc.", technician="M. Soto", asset_model="Condensing unit dock 4",
        day="2026-02-25", labor_hours=2.5, parts=[("P-4420", "Condenser fan motor", 1)],
        warranty_end=WARRANTY,
        warranty_not_rule4="damage caused by the customer's forklift driver",
    ),
    SpecB(
        DISP, "CH", "full_service", "preventive_maintenance",
        "Manutenzione annuale gruppo elettrogeno: cambio olio e filtri, controllo liquido "
        "refrigerante, prova sotto carico 30 min, batteria OK.",
        "none", False,
        "No rule applies: arrival 3 h after the report is within the 8 h SLA (complaint unfounded); full_service PM.",
        customer="Casa Anziani Al Lago SA", technician="G. Rezzonico", asset_model="Gruppo elettrogeno 250 kVA",
        day="2026-02-10", labor_hours=2.5, parts=[("P-1001", "Filtro aria", 2)], response_hours=3.0,
        covered=["preventive_maintenance", "repair", "inspection"],
        dispute="Il vostro tecnico è arrivato con grande ritardo, abbiamo aspettato tutta la mattina. "
                "Chiediamo una riduzione della fattura.",
        lang="it",
    ),
    SpecB(
        W2O, "AT", TM, "repair",
        "Zweiter Einsatz diesen Monat, aber andere Störung: Türdichtung Kühlzelle eingerissen "
        "(Verschleiß), getauscht. Der beim letzten Besuch getauschte Thermostat regelt einwandfrei.",
        "none", True,
        "No rule applies; return visit for a different fault is not rework (§3.2.3); T&M → billable.",
        customer="Hotel Alpenblick Seefeld GmbH", technician="P. Hofer", asset_model="Kühlzelle KZ-2",
        day="2026-02-18", labor_hours=1.5, parts=[("P-1140", "Türdichtung", 1)], visits_30d=1,
        prior=[prior("INV-2026-40241", "WO-40788", "2026-02-03", 226.20)], lang="de",
    ),
    SpecB(
        PROC, "US-TX", TM, "repair",
        "Se cambió el sensor de presión de descarga del compresor de tornillo. Se calibró y se probó "
        "con carga, sin fugas. Todo funcionando normal.",
        "none", True,
        "No rule applies: invoice cites the contract's second PO; split labor lines sum to the reported 2.0 h; T&M.",
        customer="El Paso Bottling Co.", technician="L. Chávez", asset_model="Rotary screw compressor RS-75",
        issuer="Servicios Mecánicos del Valle LLC", day="2026-03-03",
        labor_lines=[(1.25, "115.00"), (0.75, "115.00")], parts=[("P-5100", "Sensor de presión", 1)],
        po_required=True, po_numbers=["PO-77810", "PO-77954"], invoice_po="PO-77954", lang="es",
    ),
    SpecB(
        W2O, "FR", "parts_only", "repair", "Fait. Client satisfait.",
        "none", True,
        "No rule applies: filler notes but the report is signed (rule 2 needs both); parts_only → billable.",
        customer="Crêperie Ty Breizh", technician="G. Le Gall", asset_model="Lave-vaisselle à capot LV-50",
        day="2026-01-30", labor_hours=1.0, lang="fr",
    ),
    SpecB(
        W2O, "US-NY", "none", "repair",
        "Roof exhaust fan tripping breaker. Motor windings shorted to ground (megger 0.2 MOhm), motor "
        "replaced, amp draw normal. No service agreement on file - billed at our standard rates.",
        "none", True,
        "No rule applies: contract type none, so labor 140/travel 65 are not rate-checked; billable.",
        customer="Bushwick Noodle House LLC", technician="D. Kim", asset_model="Roof exhaust fan EF-1",
        day="2026-02-13", labor_lines=[(2.0, "140.00")], travel_lines=[(1.0, "65.00")],
        parts=[("P-4420", "Exhaust fan motor", 1)],
    ),
    SpecB(
        W2O, "NL", TM, "preventive_maintenance",
        "Halfjaarlijks onderhoud koelinstallatie keuken. Op verzoek van de chef ook de afzuigkap "
        "boven de grill ontvet en vetfilters vervangen, volgens meerwerkopdracht CO-20931.",
        "none", True,
        "No rule applies: the extra hood work cites change order CO-20931; T&M → billable.",
        customer="Restaurant De Gouden Karper", technician="E. Mulder", asset_model="Koelinstallatie keuken",
        day="2026-03-06", labor_hours=3.0, parts=[("P-1001", "Vetfilter", 3)], lang="nl",
    ),
    SpecB(
        W2O, "GB", TM, "emergency_repair",
        "Overnight callout - blast freezer high temp alarm. Evap coil iced solid, defrost heater "
        "contactor stuck open. Contactor replaced, manual defrost, box pulling down. Clocks went "
        "forward during the callout.",
        "none", True,
        "No rule applies: 22:10 GMT to 03:00 BST is 3 h 50 min, inside the 4 h SLA; T&M → billable.",
        customer="Northgate Cold Store Ltd", technician="A. Kaur", asset_model="Blast freezer BF-3",
        labor_hours=2.0, parts=[("P-2210", "Defrost contactor", 1)], sla=4.0,
        times=("2026-03-28T22:10:00+00:00", "2026-03-29T03:00:00+01:00", "2026-03-29T05:15:00+01:00"),
    ),
    SpecB(
        W2O, "DE", "labor_only", "repair",
        "Rolltor Tiefgarage bleibt halb offen stehen. Endschalter-Relais defekt, getauscht, Endlagen "
        "eingestellt, 10 Zyklen ok. Reaktionszeit überschritten – Gutschrift lt. Vertrag auf der "
        "Rechnung.",
        "none", False,
        "No rule applies: SLA breached (6 h > 4 h) but the invoice already has a credit line; labor_only covers repair.",
        customer="Parkhaus am Dom GmbH", technician="R. Hoffmann", asset_model="Rolltor Tiefgarage",
        day="2026-01-21", labor_hours=1.5, parts=[("P-2040", "Endschalter-Relais", 1)], sla=4.0,
        response_hours=6.0, extra_lines=[("credit", "Gutschrift SLA-Überschreitung", "-50.00")],
        lang="de",
    ),
]
# fmt: on


def make_case(
    n: int, spec: SpecB, *, prefix: str = CASE_PREFIX, offset: int = N_OFFSET
) -> dict[str, Any]:
    """Case `n` of a hand-written set (later sets pass their own id prefix and number range)."""
    case = build(offset + n, spec)
    case["case_id"] = f"{prefix}{n:04d}"
    case["customer"]["name"] = spec.customer
    if spec.workflow != PROC:
        case["invoice"]["bill_to"] = spec.customer
    return case


def check_case(case: dict[str, Any], spec: SpecB) -> None:
    """check_structure plus this set's own guards (rule 4 look-alikes, parser)."""
    check_structure(case, spec.exception)
    flags = structural_flags(case)
    rank = LABELS.index(spec.exception)
    if flags["warranty_charged"] and rank > LABELS.index("warranty_coverage"):
        assert spec.warranty_not_rule4, (
            f"{case['case_id']}: warranty active and charged, say why not rule 4"
        )
    if spec.exception == "missing_evidence" and not flags["labor_without_hours"]:
        assert not case["service_report"]["customer_signature"], case["case_id"]
    parse_case(case)
    parse_case(json.dumps(case, ensure_ascii=False))


def write_set(
    specs: Sequence[S],
    make: Callable[[int, S], dict[str, Any]],
    check: Callable[[dict[str, Any], S], None],
    tag: str,
) -> None:
    """Build and check every spec, then write `cases_<tag>.jsonl` and `labels_<tag>.jsonl`."""
    cases: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for n, spec in enumerate(specs, start=1):
        assert spec.exception in LABELS, spec.exception
        assert spec.customer, n
        case = make(n, spec)
        check(case, spec)
        cases.append(case)
        labels.append(
            {
                "case_id": case["case_id"],
                "exception": spec.exception,
                "billable": spec.billable,
                "why": spec.why,
            }
        )
    ids = [c["case_id"] for c in cases]
    assert len(set(ids)) == len(ids)
    with (HERE / f"cases_{tag}.jsonl").open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case, ensure_ascii=False) + "\n")
    with (HERE / f"labels_{tag}.jsonl").open("w", encoding="utf-8") as out:
        for label in labels:
            out.write(json.dumps(label, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {HERE}")
    for name, key in (
        ("exception", lambda s: s.exception),
        ("billable", lambda s: s.billable),
        ("workflow", lambda s: s.workflow),
        ("contract", lambda s: s.ctype),
        ("service_type", lambda s: s.stype),
        ("region", lambda s: s.region),
        ("lang", lambda s: s.lang),
    ):
        print(f"{name}: {dict(Counter(key(s) for s in specs).most_common())}")
    print(f"currency: {dict(Counter(c['invoice']['currency'] for c in cases).most_common())}")


def main() -> None:
    assert len(SPECS) == 60, len(SPECS)
    write_set(SPECS, make_case, check_case, "b")


if __name__ == "__main__":
    main()
