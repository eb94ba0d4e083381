"""Independent benchmark, third set (C): 60 more hand-written cases with their true labels.

Written from the product contract (``/work/shared/spec/DOMAIN.md``) alone, by a third
author who read neither set A's nor set B's case notes, nor the project's simulator,
training data, models or tests. Only machinery is reused: the arithmetic and structure
of ``make_cases.py`` (``Spec``, ``build``, ``check_structure``), so all sets share one
notion of internal consistency (§2), and set B's case naming, guards and writer
(``make_cases_b.make_case``, ``check_case``, ``write_set``).

Set C leans on what production traffic looks like: notes in the voice of technicians,
customers and accounts clerks (job-sheet shorthand, long rambling narratives, typos,
ALL CAPS, bullet lists, mixed languages, Spanish-speaking US technicians), facts that
are only implied ("tenant reversed a pallet truck into it") or mentioned to be denied
("no misuse"), extra work that was only quoted or postponed, goodwill, rework, filler
notes with and without signature, and structural edges at the exact tolerance
boundaries of DOMAIN §3.1 (1 % rates, 0.05 h, one cent of tax, local-date warranty
ends, time-zone offsets in the SLA clock, change orders cited only on an invoice line).

Each case is a ``SpecC``: the facts of the job, the expected ``exception`` (DOMAIN §3.1,
first rule that applies), ``billable`` (§3.2) and a one-line ``why``. The extra fields
name the customer, the language of the notes (and dispute text), an optional install
date, an optional look-alike prior invoice (same total, other number and work order:
not a duplicate), and -- when an asset is under warranty and the invoice charges
labor or parts but the label comes after ``warranty_coverage`` -- why rule 4 does not
apply (``warranty_not_rule4``).

Run ``python bench/independent/make_cases_c.py`` (with ``PYTHONPATH=src:.``) to write
``cases_c.jsonl`` and ``labels_c.jsonl`` next to this file. Every case is checked with
``check_structure`` and parsed with ``triage.domain.parse.parse_case`` before writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bench.independent import make_cases_b
from bench.independent.make_cases import WARRANTY, structural_flags
from bench.independent.make_cases_b import SpecB

CASE_PREFIX = "IND-C-2026-"
# build() derives work-order / invoice / contract numbers from n; keep clear of sets A and B.
N_OFFSET = 600


@dataclass
class SpecC(SpecB):
    """Set B's spec (customer, notes language: en, de, fr, it, nl, es, mixed-*), and two more
    facts of the case."""

    install: str | None = None  # override of the asset's install date
    prior_lookalike: bool = False  # add a prior invoice with the same total (not a duplicate)


W2O = "work_order_to_invoice"
PROC = "service_procurement"
DISP = "dispute_credit"
FS = "full_service"
LO = "labor_only"
PO_ = "parts_only"
TM = "time_and_materials"
NOC = "none"
PM = "preventive_maintenance"
REP = "repair"
INST = "installation"
INSP = "inspection"
EMR = "emergency_repair"

# fmt: off
SPECS: list[SpecC] = [
    # ------------------------------------------------------------------ duplicate_billing
    SpecC(
        W2O, "DE", FS, PM,
        "Wartung gem. Wartungsplan. Filter gew. (2x), Keilriemen nachgesp., Kondensatwanne "
        "gereinigt, Dichtheitsprüfung ok. Anlage i.O.",
        "duplicate_billing", False,
        "Rule 1: the same invoice number is already in prior_invoices (draft sent twice); "
        "§3.2.5 full_service covers PM.",
        asset_model="Lüftungsgerät RLT-3000",
        customer="Metzgerei Brandl GmbH", technician="S. Yılmaz", lang="de",
        parts=[("P-1001", "Luftfilter", 2)], prior_same_number=True, day="2026-01-20",
    ),
    SpecC(
        PROC, "US-TX", TM, REP,
        "Se cambió contactor del compresor #2, los contactos estaban picados por desgaste "
        "(equipo con 6 años). Se probó 30 min, funcionando normal.",
        "duplicate_billing", True,
        "Rule 1: prior_invoices already holds the subcontractor's invoice for this work order "
        "under another number; T&M, no warranty → billable.",
        asset_model="Condensing unit CU-5",
        customer="Lone Star Tortilla Co.", technician="R. Villarreal", lang="es",
        issuer="Rio Grande Mechanical LLC", parts=[("P-2210", "Contactor 40A", 1)],
        prior_same_work_order=True, day="2026-02-03",
    ),
    SpecC(
        DISP, "FR", LO, REP,
        "Sonde de temp. chambre froide HS, remplacée. Essais OK. Client prévenu du retard "
        "(panne du véhicule).",
        "duplicate_billing", False,
        "Rule 1 (same work order already invoiced under another number) comes before the SLA "
        "breach (rule 6: 10 h > 8 h, no credit); labor_only covers repair.",
        asset_model="Chambre froide CF-12",
        customer="Traiteur Delorme SARL", technician="K. Benali", lang="fr",
        parts=[("P-5100", "Sonde de température", 1)], response_hours=10.0,
        prior_same_work_order=True,
        dispute="Bonjour, cette intervention nous a déjà été facturée (même bon de travail, "
        "autre numéro de facture). De plus votre technicien est arrivé 10 h après notre "
        "appel. Merci d'annuler cette facture.",
    ),
    SpecC(
        W2O, "GB", NOC, EMR,
        "Dock leveller 3 – hydraulic hose burst. Driver reversed his HGV into the lip and "
        "sheared the hose clamp. Replaced hose assy + clamp, bled system, 10 cycles ok.",
        "duplicate_billing", True,
        "Rule 1: the work order was already invoiced under a different number; the damage "
        "was caused on the customer's side (HGV) and there is no contract → billable.",
        asset_model="Dock leveller HDL-3",
        customer="Thameside Distribution Ltd", technician="G. Walsh", lang="en",
        parts=[("P-3320", "Hydraulic hose assy", 1)], prior_same_work_order=True,
        labor_hours=2.5,
    ),
    SpecC(
        W2O, "US-NY", FS, REP,
        "Repl. cap, unit ok. Cond fan motor start cap bulged/leaking – component failure, "
        "no physical damage, no misuse. Ran 20 min.",
        "duplicate_billing", False,
        "Rule 1 (invoice number already in history) pre-empts rule 4; the failure is a "
        "warranty defect → not billable.",
        asset_model="Condensing unit CU-22",
        customer="Astoria Bagel Works Inc.", technician="D. Kowalski", lang="en",
        parts=[("P-2040", "Start capacitor", 1)], warranty_end=WARRANTY,
        prior_same_number=True, labor_hours=1.0,
        warranty_not_rule4="rule 1 (duplicate) pre-empts it",
    ),
    # ------------------------------------------------------------------ missing_evidence
    SpecC(
        W2O, "AT", TM, REP,
        "erledigt",
        "missing_evidence", True,
        "Rule 2: unsigned report whose notes only say 'erledigt' (done); T&M → billable.",
        asset_model="Gas-Brennwertkessel GB-24",
        customer="Gasthof Zur Post Wimmer KG", technician="F. Gruber", lang="de",
        signed=False, labor_hours=1.5,
    ),
    SpecC(
        W2O, "CH", FS, PM,
        "RAS.",
        "missing_evidence", False,
        "Rule 2: unsigned, notes are only 'RAS' (rien à signaler), nothing about the work "
        "done; full_service covers PM.",
        asset_model="Pompe à chaleur PAC-16",
        customer="Hôtel Beau-Rivage Vevey SA", technician="L. Perrin", lang="fr",
        signed=False, labor_hours=1.5, day="2026-01-27",
    ),
    SpecC(
        PROC, "NL", TM, REP,
        "Monteur ter plaatse 10:15, klant niet aanwezig, pand afgesloten. Niemand bereikbaar "
        "op het opgegeven nummer. Geen werkzaamheden uitgevoerd, alleen voorrijden.",
        "missing_evidence", True,
        "Rule 2: the subcontractor bills 2.5 h labor but the report shows 0 labor hours "
        "(only travel); T&M → billable per §3.2.5.",
        asset_model="Koelcel KC-8",
        customer="Vishandel Koster B.V.", technician="B. de Graaf", lang="nl",
        issuer="Van Dijk Installatietechniek B.V.", signed=False, labor_hours=0.0,
        labor_lines=[(2.5, "95.00")],
    ),
    SpecC(
        DISP, "US-CA", PO_, REP,
        "ok",
        "missing_evidence", True,
        "Rule 2: unsigned and the notes say only 'ok'; parts_only charges labor → billable.",
        asset_model="Reach-in freezer RF-2",
        customer="Mission Street Taqueria LLC", technician="T. Nguyen", lang="en",
        signed=False, labor_hours=4.0,
        dispute="We got billed 4 hrs labor but nobody on our side signed off and the ticket "
        "just says 'ok'. What was actually done?? Not paying until we see a real report.",
    ),
    SpecC(
        W2O, "DE", FS, EMR,
        "siehe oben",
        "missing_evidence", True,
        "Rule 2: unsigned, 'siehe oben' is filler (and describes no defect, so no warranty "
        "failure); emergency_repair is not in covered_services [PM, repair] → billable.",
        asset_model="Kälteanlage OP-Trakt KX-40",
        customer="Klinik am Lindenpark gGmbH", technician="A. Petrović", lang="de",
        signed=False, warranty_end=WARRANTY, labor_hours=2.0, sla=4.0, response_hours=3.0,
        warranty_not_rule4="rule 2 first; the notes describe no defect",
    ),
    # ------------------------------------------------------------------ missing_po
    SpecC(
        PROC, "NL", FS, REP,
        "Aangekomen rond 9u, parkeren lastig want de laad- en losplaats stond vol met de "
        "vrachtwagen van de bakkerij-leverancier. Koelcel 2 stond op 9 graden. "
        "Verdamperventilator draaide niet, motor zat vast. Ventilatormotor vervangen, na 40 "
        "min cel weer op 3 graden. Verder deur gecontroleerd, sluit goed, rubbers ok. "
        "Koffie gehad met dhr. Bakker, die vroeg nog naar onze planning rond de feestdagen. "
        "Klant wil later misschien een extra schap in de cel, volgende keer bespreken.",
        "missing_po", False,
        "Rule 3: the agreement requires a PO and the subcontractor invoice has none; the "
        "shelf is only a later idea (not rule 5); full_service covers repair.",
        asset_model="Koelcel KC-20",
        customer="Supermarkt Bakker Zwolle B.V.", technician="R. Mulder", lang="nl",
        issuer="Koeltechniek Oost B.V.", parts=[("P-4420", "Ventilatormotor", 1)],
        po_required=True, invoice_po=None, labor_hours=2.5,
    ),
    SpecC(
        PROC, "GB", TM, INST,
        "Installed new 3ph supply to replacement combi oven: 10m SWA, new 32A isolator, "
        "tested & certified (EIC attached).",
        "missing_po", True,
        "Rule 3: PO-5512 on the subcontractor invoice is not in the agreement's PO list "
        "(PO-55120, digit dropped); T&M → billable.",
        asset_model="Combi oven CX-10",
        customer="Harbour Kitchen Group Ltd", technician="C. Ellison", lang="en",
        issuer="Bridgeford Electrical Ltd", po_required=True, po_numbers=["PO-55120"],
        invoice_po="PO-5512", labor_hours=4.0,
    ),
    SpecC(
        W2O, "CH", LO, REP,
        "Sostituita scheda elettronica: guasto interno (condensatore gonfio sulla scheda), "
        "nessun danno esterno, nessun uso improprio. Test ok.",
        "missing_po", False,
        "Rule 3 (PO-2025-0977 is last year's PO, not in the list) pre-empts rule 4; the "
        "failure is a warranty defect → not billable.",
        asset_model="Forno combinato FC-6",
        customer="Ristorante Al Porto SA", technician="M. Bernasconi", lang="it",
        parts=[("P-5012", "Scheda elettronica", 1)], warranty_end=WARRANTY,
        po_required=True, po_numbers=["PO-2026-0412"], invoice_po="PO-2025-0977",
    ),
    SpecC(
        DISP, "US-TX", FS, PM,
        "PM per schedule: cleaned coils, checked refrigerant press., replaced filters x4, "
        "tightened elec. conns. All within spec.",
        "missing_po", False,
        "Rule 3: PO required and the issued invoice carries none; full_service covers PM.",
        asset_model="Rooftop unit RTU-15",
        customer="Panhandle Cold Storage LLC", technician="J. Castañeda", lang="en",
        parts=[("P-1001", "Air filter", 4)], po_required=True, invoice_po=None,
        dispute="Our AP system rejected this invoice: no PO number on it. Please reissue "
        "referencing our blanket PO.",
    ),
    SpecC(
        W2O, "DE", PO_, REP,
        "Spülmaschine Zulauf undicht, Magnetventil getauscht. Kunde wünschte zusätzlich "
        "Montage einer zweiten Steckdose → erledigt, lt. Nachtrag CO-2231.",
        "missing_po", True,
        "Rule 3: a PO is required but the PO field holds the change-order number CO-2231, "
        "not a listed PO (the CO in the notes keeps rule 5 out); parts_only → billable.",
        asset_model="Spülmaschine SP-500",
        customer="Kantine Hafenstraße GmbH", technician="T. Schröder", lang="de",
        parts=[("P-7001", "Magnetventil", 1)], po_required=True,
        po_numbers=["PO-4410-18"], invoice_po="CO-2231", labor_hours=2.5,
    ),
    # ------------------------------------------------------------------ warranty_coverage
    SpecC(
        W2O, "DE", FS, REP,
        "Verdampferlüfter ausgefalen. Motor nach knapp 3 J. Normalbetrieb durchgebrannt "
        "(Wicklung verschmort), Lager eingelaufen. Kein Fremdeinwirken erkennbar. Motor "
        "ersetzt, Probelauf 30 min.",
        "warranty_coverage", False,
        "Rule 4: asset on extended warranty to 2027, wear-out failure in normal use, labor "
        "and motor still on the draft invoice; warranty failure → not billable.",
        asset_model="Verdampfer Tiefkühlzelle TK-4",
        customer="Kühlhaus Elbufer AG", technician="J. Hartmann", lang="de",
        parts=[("P-4420", "Lüftermotor", 1)], warranty_end=WARRANTY, install="2023-03-31",
        labor_hours=2.5,
    ),
    SpecC(
        W2O, "US-CA", TM, REP,
        "Compresor no arrancaba. Found start relay defectuoso de fábrica (contacts open, no "
        "burn marks, no damage). Lo cambié, unit running ok, temps bajando normal.",
        "warranty_coverage", False,
        "Rule 4: under warranty, factory-defective relay, labor and part still charged; "
        "warranty failure → not billable despite T&M.",
        asset_model="Reach-in cooler RC-3",
        customer="Sunset Poke Bar LLC", technician="J. Castañeda", lang="mixed-es-en",
        parts=[("P-2040", "Start relay", 1)], warranty_end=WARRANTY, labor_hours=1.5,
    ),
    SpecC(
        DISP, "FR", NOC, REP,
        "Carte de commande grillée — défaut composant (soudure fissurée sous le relais). "
        "Aucune trace de choc ni d'humidité, utilisation normale. Carte remplacée, essais OK.",
        "warranty_coverage", False,
        "Rule 4: asset under warranty, component defect not caused by the customer, the "
        "issued invoice charges board and labor; warranty failure → not billable.",
        asset_model="Vitrine réfrigérée VR-8",
        customer="Pâtisserie Lemaire SAS", technician="N. Girard", lang="fr",
        parts=[("P-5012", "Carte de commande", 1)], warranty_end=WARRANTY,
        dispute="L'appareil a été installé il y a moins d'un an et il est sous garantie. "
        "Nous contestons la facturation de la carte et de la main d'œuvre.",
    ),
    SpecC(
        W2O, "US-NY", FS, REP,
        "Late call. Ice machine not filling – water inlet valve coil open circuit, coil "
        "failed. No physical damage, no misuse, water filter in date. Replaced inlet valve, "
        "ran 2 harvest cycles OK.",
        "warranty_coverage", False,
        "Rule 4: warranty_end 2026-03-16 equals the local completion date (UTC is already "
        "03-17), so still active; coil failure; valve and labor charged → not billable.",
        asset_model="Ice machine IM-500",
        customer="Brooklyn Heights Oyster Bar LLC", technician="D. Kowalski", lang="en",
        parts=[("P-7001", "Water inlet valve", 1)], warranty_end="2026-03-16",
        labor_hours=3.5,
        times=("2026-03-16T14:00:00-04:00", "2026-03-16T17:30:00-04:00",
               "2026-03-16T21:10:00-04:00"),
    ),
    SpecC(
        DISP, "AT", PO_, REP,
        "- Brenner zündet nicht, Störung F28\n"
        "- Zündelektrode gebrochen, Haarriss an der Keramik (Materialfehler)\n"
        "- Elektrode getauscht, Zündung ok\n"
        "- kein Bedienfehler, kein Fremdeinwirken",
        "warranty_coverage", False,
        "Rule 4: under warranty, material defect, the issued invoice charges electrode and "
        "labor; warranty failure → not billable although parts_only.",
        asset_model="Gas-Brennwertkessel GB-24",
        customer="Pension Edelweiß Hofer OG", technician="F. Gruber", lang="de",
        parts=[("P-8000", "Zündelektrode", 1)], warranty_end=WARRANTY, labor_hours=1.5,
        dispute="Das Gerät ist noch kein Jahr alt und hat Garantie. Warum werden uns "
        "Arbeitszeit und Elektrode verrechnet?",
    ),
    SpecC(
        W2O, "CH", TM, REP,
        "Raumthermostat ohne Funktion, Fühler intern defekt. Getauscht, merci. Teil über "
        "Herstellergarantie gutgeschrieben.",
        "warranty_coverage", False,
        "Rule 4: the credit line cancels only the thermostat, the labor is still charged; "
        "warranty failure → not billable.",
        asset_model="Kühlraum KR-6",
        customer="Bäckerei Wälchli AG", technician="R. Käser", lang="mixed-de-fr",
        parts=[("P-7050", "Raumthermostat", 1)], warranty_end=WARRANTY,
        extra_lines=[("credit", "Garantie Raumthermostat", "-55.10")],
    ),
    SpecC(
        W2O, "GB", TM, REP,
        "Door gasket perished & split along hinge side, cabinet icing up. Normal ageing, "
        "nothing the kitchen did. Side panel has old forklift scuffs – not related. Fitted "
        "new gasket, door re-hung square.",
        "warranty_coverage", False,
        "Rule 4: 5-year warranty, a gasket perished by normal ageing (wear-out, the old "
        "scuffs are explicitly unrelated), gasket and labor charged → not billable.",
        asset_model="Upright fridge UF-600",
        customer="Camden Noodle House Ltd", technician="P. Okonkwo", lang="en",
        parts=[("P-1140", "Door gasket", 1)], warranty_end="2029-04-15",
        install="2024-04-15", labor_hours=1.5,
    ),
    # ------------------------------------------------------------------ out_of_scope
    SpecC(
        W2O, "US-NY", TM, REP,
        "walk-in breaker trips – found loose lug on evap fan ckt, tightened, reset. cx req'd "
        "add'l outlet by prep table: ran 20ft EMT + installed GFCI recept. all tested.",
        "out_of_scope", True,
        "Rule 5: an extra outlet installed at the customer's request, no CO; T&M → billable.",
        asset_model="Walk-in cooler WC-8",
        customer="Hell's Kitchen Deli Corp.", technician="M. Rivera", lang="en",
        labor_hours=3.5,
    ),
    SpecC(
        W2O, "FR", PO_, PM,
        "Entretien annuel effectué (nettoyage condenseur, contrôle pressions). A la demande "
        "du gérant, déplacement du thermostat d'ambiance de la réserve vers la salle + "
        "tirage de câble 8 m.",
        "out_of_scope", True,
        "Rule 5 (modification at the manager's request, no CO) precedes the SLA breach "
        "(rule 6: 7.5 h > 6 h, no credit); parts_only → billable.",
        asset_model="Chambre froide positive CF-6",
        customer="Brasserie du Vieux Port SARL", technician="K. Benali", lang="fr",
        sla=6.0, response_hours=7.5, labor_hours=3.0,
    ),
    SpecC(
        DISP, "DE", TM, INSP,
        "UVV-Prüfung Hubtor durchgeführt, keine Mängel. Auf Wunsch Hr. Maier Torsteuerung "
        "auf Zeitschaltuhr umgebaut (zus. ca. 2 Std.). Nachtrag wird nachgereicht.",
        "out_of_scope", True,
        "Rule 5: a control modification beyond the inspection; 'Nachtrag wird nachgereicht' "
        "cites no CO number; T&M → billable.",
        asset_model="Sektionaltor HT-40",
        customer="Spedition Albers GmbH & Co. KG", technician="T. Schröder", lang="de",
        labor_hours=3.5,
        dispute="Beauftragt war nur die jährliche Prüfung. Den Umbau der Steuerung durfte "
        "Herr Maier nicht freigeben, bitte die Rechnung korrigieren.",
    ),
    SpecC(
        W2O, "CH", NOC, PM,
        "Maintenance préventive faite, RAS sur la PAC. Le client a demandé la pose d'un "
        "adoucisseur d'eau supplémentaire : posé et mis en service. Bon de commande à suivre.",
        "out_of_scope", True,
        "Rule 5: an added installation at the customer's request; 'bon de commande à suivre' "
        "is no CO number; no contract → billable.",
        asset_model="Pompe à chaleur PAC-16",
        customer="Résidence Les Tilleuls Sion SA", technician="L. Perrin", lang="fr",
        labor_hours=4.0,
    ),
    SpecC(
        W2O, "GB", TM, REP,
        "Replaced drive belt on kitchen extract fan (glazed + cracked). While on site the "
        "tenant asked us to fit a new isolator switch beside the fan – done. He asked if we "
        "could do it FOC, told him I can't agree that, office to decide. Change order TBC "
        "w/ FM.",
        "out_of_scope", True,
        "Rule 5: extra isolator fitted at the tenant's request and 'change order TBC' has no "
        "CO number; free of charge was asked but not agreed → billable (T&M).",
        asset_model="Kitchen extract fan EF-4",
        customer="Riverside Food Court Ltd", technician="G. Walsh", lang="en",
        parts=[("P-3105", "Drive belt", 1)], labor_hours=2.5,
    ),
    SpecC(
        DISP, "NL", NOC, INST,
        "Nieuwe vaatwasser geplaatst en aangesloten. Op verzoek van de klant ook de afvoer "
        "omgelegd en een extra kraan gemonteerd bij de spoelbak.",
        "out_of_scope", True,
        "Rule 5: rerouted drain and extra tap beyond the installation, at the customer's "
        "request, no CO; no contract → billable.",
        asset_model="Vaatwasser VW-400",
        customer="Eetcafé De Zwaan V.O.F.", technician="B. de Graaf", lang="nl",
        labor_hours=4.5,
        dispute="De extra kraan en het omleggen van de afvoer stonden niet in de offerte. "
        "Wij betalen alleen de plaatsing van de vaatwasser.",
    ),
    SpecC(
        W2O, "US-CA", FS, REP,
        "Reparación: fuga en la línea de agua del enfriador, se cambió la válvula. Además el "
        "gerente pidió instalar un filtro nuevo en la máquina de hielo (no estaba en la "
        "orden), instalado y probado.",
        "out_of_scope", False,
        "Rule 5: an extra filter installed at the manager's request, no CO; §3.2.5 looks "
        "only at the service type (repair, covered by full_service) → not billable.",
        asset_model="Water chiller WCH-2",
        customer="Fresno Family Grocers Inc.", technician="R. Villarreal", lang="es",
        parts=[("P-7001", "Válvula", 1)], labor_hours=2.5,
    ),
    # ------------------------------------------------------------------ sla_credit
    SpecC(
        DISP, "GB", FS, EMR,
        "Callout – blast chiller alarm.\n"
        "* comp tripped on HP\n"
        "* condenser fan seized, bearings gone\n"
        "* replaced fan motor, reset HP, pulled down to -18 in 50 min",
        "sla_credit", False,
        "Rule 6: arrived 9 h after the call against a 4 h SLA, no credit line; this "
        "contract covers emergency_repair → not billable.",
        asset_model="Blast chiller BC-20",
        customer="Penrith Ready Meals Ltd", technician="P. Okonkwo", lang="en",
        parts=[("P-4420", "Condenser fan motor", 1)], sla=4.0, response_hours=9.0,
        covered=[PM, REP, EMR],
        dispute="Your engineer arrived 9 hours after our call. The contract says 4 hours for "
        "emergencies. We expect the SLA credit on this invoice.",
    ),
    SpecC(
        W2O, "NL", LO, REP,
        "Deur koelcel sloot niet meer, scharnier versleten. Scharnierset vervangen, deur "
        "afgesteld. Klant vraagt ook offerte voor nieuw strokengordijn – offerte volgt, "
        "NIET uitgevoerd.",
        "sla_credit", False,
        "Rule 6: 8.5 h > 8 h SLA, no credit; the strip curtain was only quoted (not rule 5); "
        "labor_only covers repair.",
        asset_model="Koelcel KC-8",
        customer="Slagerij Van den Berg B.V.", technician="R. Mulder", lang="nl",
        parts=[("P-6030", "Scharnierset", 1)], response_hours=8.5,
    ),
    SpecC(
        DISP, "US-TX", TM, REP,
        "Llegué a las 9:30. Evaporator coil iced up – defrost termination sensor bad. "
        "Cambié el sensor, manual defrost, temp ok.",
        "sla_credit", True,
        "Rule 6: reported 14:00 UTC (08:00 CST) on Feb 3, arrived 09:30 CST on Feb 4 = 25.5 h "
        "> 24 h, no credit; T&M → billable.",
        asset_model="Walk-in freezer WF-10",
        customer="Amarillo Meat Packers LLC", technician="J. Castañeda", lang="mixed-es-en",
        parts=[("P-5100", "Defrost term. sensor", 1)], sla=24.0, labor_hours=2.0,
        times=("2026-02-03T14:00:00+00:00", "2026-02-04T09:30:00-06:00",
               "2026-02-04T12:00:00-06:00"),
        dispute="We logged this with your call center at 8 in the morning on Feb 3 and your "
        "tech showed up after 9:30 the NEXT day. That's more than the 24h in our agreement.",
    ),
    SpecC(
        W2O, "AT", PO_, EMR,
        "NOTDIENST. Kühlregal 3 Alarm, Verflüssigerlüfter steht. Schütz klebt, getauscht. "
        "Regal läuft, Temp ok 18:40. Kunde nicht mehr vor Ort, daher ohne Unterschrift. "
        "(Letzte Woche war Kollege wg. Türdichtung da – anderer Fehler.)",
        "sla_credit", True,
        "Rule 6: 4.25 h > 4 h SLA, no credit; unsigned but the notes describe the work (not "
        "rule 2); the earlier visit was another fault (no rework) → billable.",
        asset_model="Kühlregal KR-3",
        customer="Nahversorger Pichler GmbH", technician="M. Hofbauer", lang="de",
        parts=[("P-2210", "Schütz", 1)], sla=4.0, response_hours=4.25, signed=False,
        visits_30d=1, labor_hours=1.5,
    ),
    SpecC(
        W2O, "FR", FS, REP,
        "Carrosserie de l'armoire enfoncée, le client a reconnu avoir heurté l'armoire avec "
        "un transpalette. Ventilateur arraché remplacé, tôle redressée.",
        "sla_credit", True,
        "Rule 6: 7 h > 6 h SLA, no credit; the damage was caused by the customer's pallet "
        "truck → billable whatever the contract.",
        asset_model="Armoire froide AF-700",
        customer="Primeurs Gaillard SAS", technician="N. Girard", lang="fr",
        parts=[("P-4420", "Ventilateur", 1)], sla=6.0, response_hours=7.0,
    ),
    # ------------------------------------------------------------------ rate_mismatch
    SpecC(
        PROC, "DE", TM, REP,
        "Magnetventil Flüssigkeitsleitung hängt, getauscht. System evacuated + recharged, "
        "leak test ok.",
        "rate_mismatch", True,
        "Rule 7: labor at 96.43 is 1.5 % above the agreed 95.00 (tolerance 1 %); T&M → "
        "billable.",
        asset_model="Kälteanlage KA-12",
        customer="Fischräucherei Jensen GmbH", technician="H. Lorenz", lang="mixed-de-en",
        issuer="Kältetechnik Hofmann GmbH", parts=[("P-7001", "Magnetventil", 1)],
        labor_hours=3.0, labor_lines=[(3.0, "96.43")], po_required=True,
    ),
    SpecC(
        W2O, "US-NY", FS, EMR,
        "After-hrs call 22:40. Walk-in freezer down, evap fan motor seized. Replaced motor. "
        "1.5h OT billed at time-and-a-half per tech sheet.",
        "rate_mismatch", True,
        "Rule 7: the overtime labor line at 172.50 differs from the contract rate 115.00; "
        "emergency_repair is not in covered_services [PM, repair] → billable.",
        asset_model="Walk-in freezer WF-12",
        customer="Queens Halal Market Inc.", technician="M. Rivera", lang="en",
        parts=[("P-4420", "Evap fan motor", 1)], labor_hours=3.5,
        labor_lines=[(2.0, "115.00"), (1.5, "172.50")],
        times=("2026-02-17T22:40:00-05:00", "2026-02-18T00:55:00-05:00",
               "2026-02-18T04:40:00-05:00"),
    ),
    SpecC(
        DISP, "GB", LO, REP,
        "Fryer 2 no heat. Control board u/s – relay on board burnt out, no liquid ingress, no "
        "misuse. Board replaced, calibrated.",
        "rate_mismatch", False,
        "Rule 7: the board is 352.60 on the price list and billed at 389.00; no warranty; "
        "labor_only covers repair → not billable.",
        asset_model="Fryer FR-2",
        customer="Blackpool Chippy Co. Ltd", technician="C. Ellison", lang="en",
        parts=[("P-5012", "Control board", 1)], part_price={"P-5012": "389.00"},
        dispute="The control board is £352.60 on the price list attached to our contract, "
        "you've charged £389.00. Please credit the difference.",
    ),
    SpecC(
        PROC, "FR", LO, PM,
        "Visite d'entretien semestrielle : nettoyage condenseurs, contrôle étanchéité (rien "
        "à signaler), relevé pressions. ras",
        "rate_mismatch", False,
        "Rule 7: travel at 48.00 vs the agreed 45.00 (+6.7 %); labor_only covers PM → not "
        "billable.",
        asset_model="Groupe de condensation GC-4",
        customer="Supérette Lambert SARL", technician="Y. Morel", lang="fr",
        issuer="Froid Services Atlantique SARL", travel_lines=[(1.0, "48.00")],
    ),
    SpecC(
        W2O, "CH", PO_, REP,
        "Geschirrspüler: Umwälzpumpe durch Glassplitter blockiert, Laufrad gebrochen. "
        "Ursache: Siebe nicht eingesetzt, Bedienfehler Küchenpersonal. Pumpe ersetzt, "
        "Personal instuiert.",
        "rate_mismatch", True,
        "Rule 7: labor at 130.00 vs contract 135.00 (-3.7 %); warranty active but the damage "
        "is staff misuse (not rule 4) → billable.",
        asset_model="Geschirrspüler GS-60",
        customer="Gasthaus Sternen Oberdorf AG", technician="R. Käser", lang="de",
        parts=[("P-4480", "Umwälzpumpe", 1)], warranty_end=WARRANTY, labor_hours=2.5,
        labor_lines=[(2.5, "130.00")],
        warranty_not_rule4="damage caused by the customer's staff (sieves left out)",
    ),
    SpecC(
        W2O, "US-TX", TM, REP,
        "replacd blower belt (crackd, 4 yrs old), adj tension, checked amps. ok. Goodwill "
        "– no charge for labor today, OK'd by store mgr & our dispatcher (Dana).",
        "rate_mismatch", False,
        "Rule 7: the belt is billed at 30.00 vs 29.59 list (+1.4 %); labor at 116.15 is "
        "exactly +1 % (within tolerance); goodwill agreed in the notes → not billable.",
        asset_model="Air handler AH-7",
        customer="El Paso Fitness Centers LLC", technician="R. Villarreal", lang="en",
        parts=[("P-3105", "Blower belt", 1)], part_price={"P-3105": "30.00"},
        labor_hours=1.0, labor_lines=[(1.0, "116.15")],
    ),
    # ------------------------------------------------------------------ quantity_mismatch
    SpecC(
        W2O, "NL", TM, REP,
        "Ijsmachine lekt. Waterlsang gescheurd achter de machine – klant heeft de machine "
        "verschoven bij het schoonmaken, slang geknikt. Slang vervangen, tested ok, no leaks.",
        "quantity_mismatch", True,
        "Rule 8: 3.0 h labor billed vs 2.5 h reported; the customer kinked the hose → "
        "billable.",
        asset_model="IJsmachine IJ-50",
        customer="Strandpaviljoen Noordzee B.V.", technician="S. Visser", lang="mixed-nl-en",
        parts=[("P-3320", "Waterslang", 1)], labor_hours=2.5, labor_lines=[(3.0, "95.00")],
    ),
    SpecC(
        PROC, "US-CA", TM, INST,
        "Instalación de la nueva línea de agua para el ice maker, válvula de cierre "
        "instalada. Probado sin fugas.",
        "quantity_mismatch", True,
        "Rule 8: a gasket kit is billed but is not on the report; T&M → billable.",
        asset_model="Ice maker IM-300",
        customer="Oakland Juice Collective LLC", technician="E. Morales", lang="es",
        issuer="Central Valley Refrigeration Inc.", parts=[("P-7001", "Shut-off valve", 1)],
        unreported_parts=[("P-1140", "Gasket kit", 1)], labor_hours=3.0,
    ),
    SpecC(
        DISP, "AT", FS, REP,
        "Brühgruppe undicht, O-Ringe verhärtet. Dichtsatz getauscht, Probebezug ok. Kunde "
        "möchte zusätzlich Wasserfilter montiert haben – auf nächsten Termin verschoben, "
        "heute nicht gemacht.",
        "quantity_mismatch", False,
        "Rule 8: 2.0 h travel billed vs 1.0 h reported; the water filter was postponed (not "
        "rule 5); full_service covers repair.",
        asset_model="Kaffeemaschine KM-2",
        customer="Kaffeehaus Weidinger KG", technician="M. Hofbauer", lang="de",
        parts=[("P-1140", "Dichtsatz", 1)], travel_lines=[(2.0, "45.00")], labor_hours=1.5,
        dispute="Verrechnet sind 2 Std. Anfahrt, laut Servicebericht war es 1 Std. Bitte "
        "korrigieren.",
    ),
    SpecC(
        W2O, "DE", TM, REP,
        "2. Einsatz: Leck an derselben Verschraubung wie letzte Woche – unsere Abdichtung "
        "vom 03.02. hat nicht gehalten. Verschraubung neu gesetzt mit neuer Dichtung, 30 min "
        "abgedrückt, dicht.",
        "quantity_mismatch", False,
        "Rule 8: 2.1 h billed vs 2.0 h reported (> 0.05 h); rework of our own repair within "
        "30 days → not billable.",
        asset_model="Kaltwassersatz KW-20",
        customer="Eiscafé Venezia Krefeld GmbH", technician="H. Lorenz", lang="de",
        parts=[("P-1140", "Dichtung", 1)], labor_hours=2.0, labor_lines=[(2.1, "95.00")],
        visits_30d=1,
    ),
    SpecC(
        DISP, "US-NY", TM, REP,
        "Dish machne wash pump noisey, bearings wore out. Replacd pump. 2.5h",
        "quantity_mismatch", True,
        "Rule 8: two labor lines add up to 3.5 h vs 2.5 h reported; no warranty; T&M → "
        "billable.",
        asset_model="Dish machine DM-44",
        customer="Flatbush Community Kitchen Inc.", technician="D. Kowalski", lang="en",
        parts=[("P-4480", "Wash pump", 1)], labor_hours=2.5,
        labor_lines=[(2.0, "115.00"), (1.5, "115.00")],
        dispute="Ticket says 2.5 hrs on site. Invoice has two labor lines that add up to 3.5. "
        "Explain or credit.",
    ),
    # ------------------------------------------------------------------ tax_error
    SpecC(
        W2O, "CH", TM, REP,
        "Remplacement du pressostat HP (contacts usés). Essai 1 h OK. Geste commercial : main "
        "d'œuvre offerte, accord de M. Favre.",
        "tax_error", False,
        "Rule 9: VAT at the old Swiss rate 7.7 % instead of 8.1 %; goodwill agreed in the "
        "notes → not billable.",
        asset_model="Chambre froide CF-10",
        customer="Fromagerie Favre Bulle SA", technician="L. Perrin", lang="fr",
        parts=[("P-5100", "Pressostat HP", 1)], tax_rate="0.077",
    ),
    SpecC(
        PROC, "DE", TM, REP,
        "Kompressor Anlaufrelais getauscht, Anlage läuft.",
        "tax_error", True,
        "Rule 9: tax is 2 cents above subtotal × 19 %; labor at 95.95 is exactly +1 % "
        "(within tolerance, not rule 7); T&M → billable.",
        asset_model="Kühlmöbel KM-7",
        customer="Getränkemarkt Kühn GmbH", technician="P. Wagner", lang="de",
        issuer="Elektro Schuster GmbH", parts=[("P-2040", "Anlaufrelais", 1)],
        labor_lines=[(2.0, "95.95")], tax_delta="0.02",
    ),
    SpecC(
        PROC, "GB", FS, PM,
        "Quarterly PPM done. Filters changed, belts ok, drains clear. No issues.",
        "tax_error", False,
        "Rule 9: the subcontractor charged 0 % VAT instead of 20 %; last quarter's invoice "
        "with the same total is a different job (not rule 1); FS covers PM.",
        asset_model="Air handling unit AHU-12",
        customer="Harrowgate Leisure Ltd", technician="S. Patel", lang="en",
        issuer="Northern Air Hygiene Ltd", parts=[("P-1001", "Panel filter", 2)],
        tax_rate="0", prior_lookalike=True,
    ),
    SpecC(
        PROC, "US-TX", LO, REP,
        "Repl. blower motor, old one siezed (bearings). Amp draw normal after.",
        "tax_error", False,
        "Rule 9: the subcontractor applied New York's 8.875 % to a Texas job (8.25 %); "
        "labor_only covers repair → not billable.",
        asset_model="Rooftop unit RTU-8",
        customer="Gulf Breeze Apartments LLC", technician="A. Okafor", lang="en",
        issuer="Permian Air Services LLC", parts=[("P-4420", "Blower motor", 1)],
        tax_rate="0.08875",
    ),
    SpecC(
        W2O, "FR", PO_, REP,
        "RETOUR SUITE A NOTRE INTERVENTION DU 03/02 : COSSE MAL SERTIE PAR NOTRE TECHNICIEN, "
        "A CHAUFFE, FOUR MIXTE DE NOUVEAU EN DEFAUT. RESISTANCE ET COSSE REMPLACEES, ESSAI "
        "OK. PAS DE CASSE CONSTATEE",
        "tax_error", False,
        "Rule 9: VAT at 10 % instead of 20 % (travel 1.05 h vs 1.0 h is within 0.05); return "
        "visit for our own faulty repair (rework) → not billable.",
        asset_model="Four mixte FM-10",
        customer="Restaurant La Fourchette SARL", technician="Y. Morel", lang="fr",
        parts=[("P-5100", "Résistance four", 1)], travel_lines=[(1.05, "45.00")],
        tax_rate="0.10", visits_30d=1,
    ),
    # ------------------------------------------------------------------ none
    SpecC(
        W2O, "DE", FS, REP,
        "Anruf Fr. Köhler 7:50, Gerät piept und zeigt Störung. Vor Ort: Der Mieter ist beim "
        "Rangieren mit dem Hubwagen rückwärts gegen das Gerät gefahren, Verkleidung "
        "eingedrückt, Lüfterflügel gebrochen. Hat er auch zugegeben. Flügel und "
        "Verkleidungsteil ersetzt, Gerät sonst i.O., Temperaturen stimmen. Parkplatz war "
        "wieder mal zugestellt, musste 200 m laufen.",
        "none", True,
        "Not rule 4: the warranty is active but the tenant damaged the unit with a pallet "
        "truck; nothing else applies; customer-caused → billable even on full_service.",
        asset_model="Kühlgerät KG-3",
        customer="Wohnpark Am Südhang GmbH", technician="A. Petrović", lang="de",
        parts=[("P-4420", "Lüfterflügel", 1)], warranty_end=WARRANTY, po_required=True,
        warranty_not_rule4="customer-caused damage (pallet truck)",
    ),
    SpecC(
        W2O, "US-TX", TM, REP,
        "Ice maker not harvesting, harvest assist motor dead. Replaced. Cx asked about a 2nd "
        "ice bin – quoted, not installed. Customer did NOT ask for anything else.",
        "none", True,
        "Not rule 6: the SLA was exceeded (6 h > 4 h) but the invoice has a credit line; the "
        "2nd bin was only quoted (not rule 5); T&M → billable.",
        asset_model="Ice maker IM-450",
        customer="Corpus Christi Seafood Shack LLC", technician="E. Morales", lang="en",
        parts=[("P-4420", "Harvest assist motor", 1)], sla=4.0, response_hours=6.0,
        extra_lines=[("credit", "SLA credit - late arrival", "-50.00")],
    ),
    SpecC(
        W2O, "CH", TM, REP,
        "Guasto interno del ventilatore (cuscinetti grippati), nessun danno esterno. Motore "
        "sostituito, finito dopo mezzanotte.",
        "none", True,
        "Not rule 4: completed 00:30 local on 2026-04-01 (UTC still 03-31), after "
        "warranty_end 2026-03-31; T&M → billable.",
        asset_model="Cella frigorifera CF-9",
        customer="Albergo Lago Maggiore SA", technician="M. Bernasconi", lang="it",
        parts=[("P-4420", "Motore ventilatore", 1)], warranty_end="2026-03-31",
        labor_hours=3.5,
        times=("2026-03-31T18:00:00+02:00", "2026-03-31T20:30:00+02:00",
               "2026-04-01T00:30:00+02:00"),
    ),
    SpecC(
        DISP, "AT", FS, REP,
        "Temperaturfühler Kühlzelle defekt (Messwert springt), getauscht. Garantiefall, "
        "Arbeitszeit und Teil gutgeschrieben.",
        "none", False,
        "Not rule 4: a credit line cancels labor and part, so the repair is not charged; "
        "nothing else applies; warranty failure → not billable.",
        asset_model="Kühlzelle KZ-5",
        customer="Hotel Schwarzer Adler Innsbruck GmbH", technician="M. Hofbauer", lang="de",
        parts=[("P-5100", "Temperaturfühler", 1)], warranty_end=WARRANTY,
        extra_lines=[("credit", "Garantie: Arbeitszeit + Fühler", "-308.00")],
        dispute="Das Gerät ist in der Garantie. Bitte bestätigen Sie, dass wir nur die "
        "Anfahrt bezahlen müssen.",
    ),
    SpecC(
        PROC, "GB", LO, REP,
        "Done - see above.",
        "none", False,
        "Not rule 2: the notes are filler but the report is signed; nothing else applies; "
        "labor_only covers repair.",
        asset_model="Split AC SA-35",
        customer="Kingsway Offices Ltd", technician="S. Patel", lang="en",
        issuer="Midlands HVAC Services Ltd", signed=True,
    ),
    SpecC(
        W2O, "FR", FS, REP,
        "Remplacement moteur ventilateur (roulements HS, usure normale après 6 ans). A la "
        "demande du client, ajout d'une prise supplémentaire selon avenant CO-7781 signé sur "
        "place.",
        "none", False,
        "Not rule 5: the extra outlet is covered by change order CO-7781 cited in the notes; "
        "no warranty; full_service covers repair.",
        asset_model="Meuble frigorifique MF-4",
        customer="Cave à Vins Rousseau SARL", technician="N. Girard", lang="fr",
        parts=[("P-4420", "Moteur ventilateur", 1)], labor_hours=2.5, po_required=True,
    ),
    SpecC(
        W2O, "NL", TM, INST,
        "Nieuwe koelvitrine geplaatst en aangesloten. Klant wilde er ook een extra "
        "wandcontactdoos bij, gemonteerd.",
        "none", True,
        "Not rule 5: the extra socket is billed on a fee line citing CO-20931 (a change order "
        "cited only on the invoice); T&M → billable.",
        asset_model="Koelvitrine KV-3",
        customer="Delicatessen Smit B.V.", technician="S. Visser", lang="nl",
        labor_hours=4.0,
        extra_lines=[("fee", "Meerwerk volgens CO-20931: extra wandcontactdoos", "65.00")],
    ),
    SpecC(
        DISP, "US-CA", LO, REP,
        "Walk-in evap fan motor failed (open winding). Replaced, temps pulling down.",
        "none", False,
        "Not rule 6: arrival exactly 4.0 h after the call does not exceed the 4 h SLA; "
        "labor_only covers repair.",
        asset_model="Walk-in cooler WC-6",
        customer="Santa Monica Creamery LLC", technician="T. Nguyen", lang="en",
        parts=[("P-4420", "Evap fan motor", 1)], sla=4.0, response_hours=4.0,
        dispute="Your tech took 4 hours to show up for a down walk-in. Unacceptable, we want "
        "a credit.",
    ),
    SpecC(
        PROC, "GB", NOC, REP,
        "Ad-hoc job, no agreement. Replaced seized circulation pump on HW loop, pump approx "
        "9 yrs old. Flushed & vented.",
        "none", True,
        "Contract none: no rate check (labor 95.00 vs 82.00, pump above list); tax is 1 cent "
        "off (within 0.01); nothing applies; no contract → billable.",
        asset_model="Hot water system HW-2",
        customer="Wexford Court Residents Ltd", technician="C. Ellison", lang="en",
        issuer="Sterling Plumbing & Heating Ltd", parts=[("P-4480", "Circulation pump", 1)],
        labor_hours=3.0, labor_lines=[(3.0, "95.00")], travel_lines=[(1.0, "45.00")],
        part_price={"P-4480": "480.00"}, tax_delta="0.01",
    ),
    SpecC(
        DISP, "DE", TM, REP,
        "Steuerplatine nass, Korrosion an den Steckern. Kunde hat das Gerät mit dem "
        "Hochdruckreiniger abgespritzt (lt. Küchenchef 'wie immer'). Platine getauscht, "
        "Kunde auf Reinigungsvorschrift hingewiesen.",
        "none", True,
        "Not rule 4: under warranty but the water damage comes from the customer's pressure "
        "washer; nothing else applies; customer-caused → billable.",
        asset_model="Kombidämpfer KD-10",
        customer="Großküche Rheinauen GmbH", technician="P. Wagner", lang="de",
        parts=[("P-5012", "Steuerplatine", 1)], warranty_end=WARRANTY,
        warranty_not_rule4="customer-caused (pressure washer)",
        dispute="Die Anlage hat noch Garantie! Wir zahlen diese Rechnung nicht.",
    ),
]
# fmt: on


def make_case(n: int, spec: SpecC) -> dict[str, Any]:
    case = make_cases_b.make_case(n, spec, prefix=CASE_PREFIX, offset=N_OFFSET)
    if spec.install is not None:
        case["asset"]["install_date"] = spec.install
    if spec.prior_lookalike:
        invoice = case["invoice"]
        earlier = date.fromisoformat(invoice["date"]) - timedelta(days=91)
        case["history"]["prior_invoices"].append(
            {
                "number": f"{invoice['number']}-Q",
                "work_order_id": f"WO-{90000 + n}",
                "date": earlier.isoformat(),
                "total": invoice["total"],
            }
        )
    return case


def check_case(case: dict[str, Any], spec: SpecC) -> None:
    """Set B's guards (rule 4 look-alikes, rule 2, parser), and no warranty in procurement."""
    make_cases_b.check_case(case, spec)
    if spec.workflow == PROC:
        flags = structural_flags(case)
        assert not flags["warranty_charged"], f"{case['case_id']}: keep warranty out of PROC"


def main() -> None:
    assert len(SPECS) == 60, len(SPECS)
    make_cases_b.write_set(SPECS, make_case, check_case, "c")


if __name__ == "__main__":
    main()
