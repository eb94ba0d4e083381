"""Compositional sentences for the sentence-level fact heads: who did what, and why.

The phrase bank gives a few dozen wordings per fact, most of them English; heads
trained on them alone learn the wordings, not the contrast that carries the
meaning (the same "fitted a valve" is ordinary work, extra work when the customer
asked for it, and nothing when it was only quoted; "impact damage" is customer-
caused, "ruled out impact damage" is not). These sentences cross agents, actions,
components and markers in English, German, French and Dutch, with technicians'
abbreviations and terse forms, and pair every fact with its negations and
contrasts, so that the marker, not the object or a keyword, decides the fact.
Dutch is here although the phrase bank and the simulator have none: the contract
(DOMAIN.md) has customers in the Netherlands (region NL), whose technicians write
their job notes in Dutch, with Dutch shorthand ("i.o.", "ivm", "kl.") that the
simulator's abbreviations (English, German) do not produce.
They are not in the phrase bank and never appear in simulated notes: training
material only, rendered in the simulator's writing styles (typos, capitals).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from triage.simulate import catalog as cat
from triage.simulate.phrases import LANGS, choose_style, write_sentence

Lexicon = dict[str, tuple[str, ...]]  # language -> wordings with {c} {a} {o} {w} {v} slots
Facts = frozenset[str]

WD = frozenset({"work_described"})
CF = WD | {"component_failure"}
CC = WD | {"customer_caused"}
EW = WD | {"extra_work"}
RW = WD | {"rework"}
GW = frozenset({"goodwill"})
NONE: Facts = frozenset()

# Native component words next to the catalog's (English) components, which German,
# French and Dutch notes quote as they are.
_COMPONENTS: Lexicon = {
    "en": (
        "motor",
        "bearing",
        "control board",
        "PCB",
        "seal",
        "relay",
        "valve",
        "fan",
        "pump",
        "sensor",
        "contactor",
        "gasket",
        "fuse",
        "display",
        "hinge",
        "hose",
        "actuator",
    ),
    "de": (
        "Motor",
        "Lager",
        "Steuerplatine",
        "Platine",
        "Dichtung",
        "Relais",
        "Ventil",
        "Lüfter",
        "Pumpe",
        "Fühler",
        "Schütz",
        "Sicherung",
        "Anzeige",
        "Scharnier",
        "Schlauch",
        "Keilriemen",
        "Stellantrieb",
    ),
    "fr": (
        "moteur",
        "roulement",
        "carte électronique",
        "joint",
        "relais",
        "vanne",
        "ventilateur",
        "pompe",
        "capteur",
        "contacteur",
        "fusible",
        "afficheur",
        "charnière",
        "flexible",
        "courroie",
        "servomoteur",
    ),
    "nl": (
        "motor",
        "lager",
        "printplaat",
        "besturingsprint",
        "print",
        "afdichting",
        "relais",
        "klep",
        "ventiel",
        "ventilator",
        "pomp",
        "sensor",
        "voeler",
        "magneetschakelaar",
        "pakking",
        "zekering",
        "display",
        "scharnier",
        "slang",
        "V-snaar",
        "actuator",
        "servomotor",
        "thermostaat",
    ),
}
_AGENTS: Lexicon = {
    "en": (
        "the customer",
        "cust",
        "cust.",
        "client",
        "client staff",
        "the operator",
        "operator",
        "their cleaner",
        "a forklift driver",
        "the client's contractor",
        "site personnel",
        "customer's builders",
        "one of their staff",
        "the tenant",
        "user",
        "end user",
        "3rd party contractor",
    ),
    "de": (
        "Kunde",
        "der Kunde",
        "Kd.",
        "Kde.",
        "Betreiber",
        "Bediener",
        "Personal des Kunden",
        "Reinigungspersonal",
        "Staplerfahrer",
        "Fremdfirma",
        "Mieter",
        "Nutzer",
        "Mitarbeiter vor Ort",
    ),
    "fr": (
        "le client",
        "client",
        "clt",
        "l'exploitant",
        "l'opérateur",
        "le personnel du client",
        "l'équipe de ménage",
        "un cariste",
        "une entreprise tierce",
        "le locataire",
        "l'utilisateur",
    ),
    "nl": (
        "de klant",
        "klant",
        "kl.",
        "kl",
        "gebruiker",
        "de gebruiker",
        "eindgebruiker",
        "de bediener",
        "personeel van de klant",
        "een medewerker van de klant",
        "de schoonmaker",
        "de schoonmaakdienst",
        "de poetsdienst",
        "een heftruckchauffeur",
        "een vorkliftchauffeur",
        "de aannemer van de klant",
        "een derde partij",
        "de huurder",
        "de bewoner",
        "de uitbater",
    ),
}
_WHO: Lexicon = {
    "en": ("the site manager", "the facility manager", "the account manager", "{w}"),
    "de": ("Objektleiter", "Haustechnik", "Kundenbetreuer", "Niederlassungsleiter", "{w}"),
    "fr": ("le responsable de site", "le chef d'agence", "le responsable technique", "{w}"),
    "nl": (
        "de facilitair manager",
        "de locatiemanager",
        "de accountmanager",
        "de vestigingsmanager",
        "de technische dienst",
        "{w}",
    ),
}

# Customer-caused damage or misuse ({a}: an agent of the customer's side).
_DAMAGE: Lexicon = {
    "en": (
        "{a} dropped the unit",
        "{a} knocked the unit over",
        "{a} drove into the {c} with a forklift",
        "{a} hit the {c} with a pallet truck",
        "{a} broke the {c} while moving the unit",
        "{a} spilled liquid into the {c}",
        "{a} forced the {c} open",
        "{a} overloaded the machine and burnt the {c}",
        "{a} bypassed the safety cut-out, {c} burnt out",
        "{a} ran the unit dry, {c} destroyed",
        "{a} pressure-washed the panel, water in the {c}",
        "{a} cut through the cable to the {c}",
        "{c} smashed by {a}",
        "{c} damaged by {a}",
        "impact damage on the {c} caused by {a}",
        "{c} bent after being struck by {a}",
        "{c} broken through misuse by {a}",
        "phys dmg caused by {a}",
        "physical damage to {c}, caused by {a}",
        "dmg to {c} by {a}",
        "{c} dmg, {a} dropped it",
        "impact dmg on {c} (forklift)",
        "forklift impact, {c} crushed",
        "misuse by {a}",
        "operator error: {c} run outside spec",
        "wrong operation by {a}, {c} overheated",
        "{c} damaged by improper use",
        "vandalism, {c} smashed",
        "{c} wrecked, {a} admitted hitting it",
        "unit fell off the trolley while {a} was moving it",
        "{c} cracked from impact, {a} at fault",
        "damage caused by {a}, not covered",
        "{a} damage to {c}, chargeable",
        "{a} used wrong fluid, {c} ruined",
        "{a} tampered with the {c}",
    ),
    "de": (
        "{a} hat das Gerät fallen lassen",
        "{a} hat das Gerät umgestoßen",
        "{c} durch {a} beschädigt",
        "{c} von {a} beschädigt",
        "Gerät von {a} mit dem Stapler angefahren",
        "Anfahrschaden am {c}",
        "Stoßschaden am {c} durch {a}",
        "{c} mechanisch beschädigt, Fremdverschulden",
        "Fremdverschulden: {c} abgebrochen",
        "Schaden durch {a} verursacht",
        "Bedienfehler durch {a}, {c} überhitzt",
        "unsachgemäße Bedienung durch {a}",
        "unsachgem. Bedienung, {c} defekt",
        "Flüssigkeit in {c} gelaufen, von {a} verschüttet",
        "{a} hat Sicherheitsabschaltung überbrückt, {c} durchgebrannt",
        "{c} gewaltsam geöffnet, Schaden durch {a}",
        "Vandalismus, {c} zerstört",
        "Beschädigung durch {a}, kostenpflichtig",
        "{a} hat Gerät überlastet, {c} verbrannt",
        "Sturzschaden, Gerät vom {a} fallen gelassen",
    ),
    "fr": (
        "{a} a fait tomber l'appareil",
        "{a} a renversé l'appareil",
        "{c} endommagé par {a}",
        "{c} cassé par {a}",
        "choc de chariot élévateur sur le {c}",
        "{c} percuté par {a}",
        "dégât causé par {a}",
        "casse client sur {c}",
        "casse client",
        "mauvaise utilisation par {a}",
        "mauvaise utilisation, {c} grillé",
        "erreur de manipulation de {a}, {c} HS",
        "liquide renversé dans le {c} par {a}",
        "{a} a shunté la sécurité, {c} grillé",
        "{c} forcé par {a}",
        "vandalisme, {c} détruit",
        "dommage causé par {a}, facturable",
        "{a} a surchargé la machine, {c} brûlé",
        "trace de choc sur le {c}, faute du client",
    ),
    "nl": (
        "{a} heeft het toestel laten vallen",
        "{a} heeft het apparaat omgestoten",
        "{c} beschadigd door {a}",
        "{c} kapotgemaakt door {a}",
        "{a} is met de heftruck tegen {c} aangereden",
        "aanrijdschade aan {c} (heftruck)",
        "stootschade aan {c} door {a}",
        "{c} mechanisch beschadigd, schuld klant",
        "schade door derden: {c} afgebroken",
        "schade veroorzaakt door {a}",
        "bedieningsfout door {a}, {c} oververhit",
        "verkeerd gebruik door {a}",
        "onoordeelkundig gebruik, {c} defect",
        "vocht in {c}, gemorst door {a}",
        "{a} heeft de beveiliging overbrugd, {c} doorgebrand",
        "{c} met geweld opengebroken door {a}",
        "vandalisme, {c} vernield",
        "schade door {a}, valt niet onder garantie",
        "{a} heeft de machine overbelast, {c} verbrand",
        "valschade, toestel door {a} laten vallen",
        "{a} heeft het paneel met de hogedrukreiniger afgespoten, water in {c}",
        "kabel naar {c} doorgeknipt door {a}",
        "klantschade aan {c}, kosten voor klant",
        "{a} heeft verkeerde vloeistof bijgevuld, {c} kapot",
        "{a} heeft aan {c} zitten prutsen",
        "{c} verbogen, aangereden door {a}",
        "schade tgv verkeerd gebruik door {a}, doorbelasten",
    ),
}
# Statements that exclude customer damage: no fact of their own.
_NO_DAMAGE: Lexicon = {
    "en": (
        "no external damage",
        "no sign of external damage",
        "not caused by the customer",
        "not cust damage",
        "no sign of misuse",
        "no evidence of misuse or impact",
        "handled correctly by site staff",
        "no impact marks",
        "ruled out impact damage",
        "impact damage ruled out",
        "nothing to suggest the unit was dropped",
        "nothing suggests the {c} was damaged by {a}",
        "no indication of operator error",
        "physical damage excluded",
        "no phys dmg found",
        "no dmg from outside",
        "checked for damage by {a}: none",
        "{a} not at fault",
        "not due to misuse",
        "unit operated within spec",
        "cust handling OK, no abuse",
        "no trace of liquid ingress",
        "could not find any forklift damage",
        "no damage caused by {a}",
    ),
    "de": (
        "keine äußeren Beschädigungen",
        "kein Fremdverschulden",
        "Fremdverschulden ausgeschlossen",
        "keine Anzeichen für Fehlbedienung",
        "keine Beschädigung durch {a}",
        "nicht durch {a} verursacht",
        "Sturzschaden ausgeschlossen",
        "keine Schlagspuren",
        "Bedienung i.O.",
        "Gerät bestimmungsgemäß betrieben",
        "kein Anfahrschaden erkennbar",
        "Hinweise auf Fehlbedienung: keine",
    ),
    "fr": (
        "aucun dommage extérieur",
        "pas de trace de choc",
        "aucune mauvaise utilisation constatée",
        "choc exclu",
        "pas de casse client",
        "non causé par {a}",
        "aucune faute de {a}",
        "rien n'indique que l'appareil soit tombé",
        "utilisation conforme",
        "pas de dégât imputable au client",
    ),
    "nl": (
        "geen uitwendige schade",
        "geen zichtbare schade van buitenaf",
        "niet veroorzaakt door {a}",
        "geen schade door {a}",
        "geen klantschade",
        "geen aanrijdschade zichtbaar",
        "stootschade uitgesloten",
        "valschade uitgesloten",
        "geen tekenen van verkeerd gebruik",
        "geen aanwijzing voor bedieningsfout",
        "bediening door klant i.o.",
        "toestel volgens voorschrift gebruikt",
        "{a} treft geen blaam",
        "geen sporen van vochtindringing",
        "niet te wijten aan {a}",
    ),
}
# Defect or wear-out not caused by the customer.
_FAILURE: Lexicon = {
    "en": (
        "{c} failed internally",
        "{c} worn out from normal use",
        "{c} at end of life, worn",
        "{c} defective from the factory",
        "{c} burnt out under normal load",
        "{c} seized due to age",
        "{c} perished over time",
        "faulty {c}, internal failure",
        "{c} leaking due to age",
        "{c} cracked from material fatigue",
        "{c} u/s, internal fault",
        "{c} o/c, replaced",
        "{c} gone, age related",
        "{c} EOL",
        "{c} knackered, normal wear",
        "worn {c}",
        "{c} dead, manufacturing defect",
        "{c} failed, component defect",
        "{c} short circuit internally",
        "{c} faulty",
        "defective {c}",
        "{c} stuck, internal wear",
        "{c} tripping, insulation breakdown from age",
        "{c} noisy, bearing worn",
        "wear and tear on {c}",
        "{c} brittle with age",
        "{c} failed prematurely, material defect",
        "{c} corroded internally over years of service",
    ),
    "de": (
        "{c} defekt",
        "{c} intern defekt",
        "{c} verschlissen",
        "{c} altersbedingt ausgefallen",
        "Ausfall {c} durch Verschleiß",
        "{c} durchgebrannt, Bauteilfehler",
        "Materialermüdung am {c}",
        "{c} undicht wegen Alterung",
        "{c} festgefressen, Verschleiß",
        "normaler Verschleiß am {c}",
        "{c} def.",
        "{c} Werksfehler",
        "Bauteildefekt {c}",
        "{c} ausgefallen, interner Fehler",
        "{c} spröde, Lebensdauer erreicht",
    ),
    "fr": (
        "{c} défectueux",
        "{c} HS",
        "{c} hors service, défaut interne",
        "usure normale du {c}",
        "{c} usé",
        "{c} en fin de vie",
        "défaut interne du {c}",
        "{c} grillé en fonctionnement normal",
        "{c} grippé par l'usure",
        "{c} fuyard, vieillissement",
        "défaut de fabrication sur {c}",
        "{c} en panne, défaut composant",
        "fatigue du matériau sur {c}",
    ),
    "nl": (
        "{c} defect",
        "{c} inwendig defect",
        "{c} versleten",
        "{c} door ouderdom uitgevallen",
        "uitval {c} door slijtage",
        "{c} doorgebrand, componentfout",
        "materiaalmoeheid aan {c}",
        "{c} lekt ivm veroudering",
        "{c} vastgelopen, slijtage",
        "normale slijtage aan {c}",
        "{c} def.",
        "fabrieksfout {c}",
        "{c} stuk, interne fout",
        "{c} uitgevallen, interne storing",
        "{c} bros, einde levensduur",
        "{c} intern kortgesloten",
        "{c} kapot, garantiegeval",
        "{c} maakt lawaai, lager versleten",
        "{c} na jaren gebruik inwendig gecorrodeerd",
    ),
}
# Denying a defect, used before customer damage ("not a defect: ...").
_NOT_DEFECT: Lexicon = {
    "en": (
        "not a defect",
        "not wear",
        "no internal fault",
        "not a warranty failure",
        "{c} itself was fine",
        "not age related",
    ),
    "de": ("kein Materialfehler", "kein Verschleiß", "kein Garantiefall", "{c} an sich i.O."),
    "fr": ("pas un défaut", "pas d'usure", "hors garantie", "le {c} lui-même était bon"),
    "nl": (
        "geen materiaalfout",
        "geen slijtage",
        "geen garantiegeval",
        "{c} zelf i.o.",
        "geen interne fout",
    ),
}
_BUT: Lexicon = {
    "en": (", but ", ", however ", ": actually ", ", ", " but "),
    "de": (", aber ", ", jedoch ", ": tatsächlich ", ", "),
    "fr": (", mais ", ": en fait ", ", "),
    "nl": (
        ", maar ",
        ", echter ",
        ": in werkelijkheid ",
        ", ",
        " maar ",
    ),
}
# A suspicion of customer damage that the technician refutes.
_SUSPECTED: Lexicon = {
    "en": (
        "customer thought they had damaged it",
        "looked like impact damage at first",
        "suspected misuse",
        "first assumed the unit had been dropped",
    ),
    "de": ("Kunde vermutete Eigenverschulden", "sah zunächst nach Anfahrschaden aus"),
    "fr": ("le client pensait l'avoir abîmé", "on suspectait un choc"),
    "nl": (
        "klant dacht dat hij het zelf beschadigd had",
        "leek eerst op aanrijdschade",
        "verkeerd gebruik vermoed",
    ),
}
_SUSPECTED_WEAR: Lexicon = {
    "en": ("looked like normal wear", "customer reported a worn {c}", "first assumed a defect"),
    "de": ("sah nach Verschleiß aus", "zunächst Defekt vermutet"),
    "fr": ("semblait être de l'usure", "on pensait à un défaut"),
    "nl": (
        "leek op normale slijtage",
        "klant meldde versleten {c}",
        "eerst defect vermoed",
    ),
}
# Ordinary work on the ordered job.
_ROUTINE: Lexicon = {
    "en": (
        "replaced the {c}",
        "repl {c}",
        "{c} replaced and tested",
        "cleaned and adjusted the {c}",
        "serviced unit as per schedule",
        "PM carried out",
        "checked all functions, OK",
        "reset the controller, tested OK",
        "tightened connections on the {c}",
        "swapped {c}, running",
        "fitted new {c} as per the work order",
        "inspection done, {c} in order",
        "chkd {c}, adj. and tstd",
        "annual service completed",
    ),
    "de": (
        "{c} getauscht",
        "{c} erneuert und geprüft",
        "{c} gereinigt und eingestellt",
        "Wartung durchgeführt",
        "Wartung lt. Plan durchgef.",
        "Funktionsprüfung i.O.",
        "Steuerung zurückgesetzt, Probelauf ok",
        "Tausch {c}, Gerät läuft",
        "Inspektion erledigt, {c} ok",
        "Anschlüsse am {c} nachgezogen",
    ),
    "fr": (
        "remplacement du {c}",
        "{c} remplacé et testé",
        "nettoyage et réglage du {c}",
        "entretien annuel réalisé",
        "maintenance préventive effectuée",
        "contrôle des fonctions OK",
        "réarmement du contrôleur, essais OK",
        "resserrage des connexions du {c}",
        "visite de contrôle, {c} conforme",
    ),
    "nl": (
        "{c} vervangen",
        "{c} vervangen en getest",
        "{c} gereinigd en afgesteld",
        "onderhoud uitgevoerd",
        "onderhoud volgens schema uitgevoerd",
        "alle functies gecontroleerd, i.o.",
        "functietest i.o.",
        "besturing gereset, proefgedraaid ok",
        "aansluitingen {c} nagetrokken",
        "{c} gewisseld, draait weer",
        "nieuwe {c} gemonteerd volgens werkbon",
        "inspectie uitgevoerd, {c} i.o.",
        "{c} gecontr., afgesteld en getest",
        "jaarlijkse onderhoudsbeurt uitgevoerd",
    ),
}
_NO_FAULT: Lexicon = {
    "en": (
        "no fault found on the {c}",
        "NFF",
        "{c} tested OK, no defect",
        "could not reproduce the fault",
        "no defect on the {c}, running normally",
        "{c} checked, nothing wrong",
    ),
    "de": ("kein Fehler feststellbar", "{c} geprüft, o.B.", "Fehler nicht reproduzierbar"),
    "fr": ("aucun défaut constaté", "{c} testé, RAS", "panne non reproduite"),
    "nl": (
        "geen storing gevonden aan {c}",
        "{c} getest, geen defect",
        "storing niet reproduceerbaar",
        "{c} gecontroleerd, niets aan de hand",
    ),
}
# Extra work: a request marker, a verb and an object ({o}), in each language's order.
_OBJECTS: Lexicon = {
    "en": (
        "a second sensor",
        "an extra socket",
        "a new isolator",
        "a bypass valve",
        "a timer",
        "a wall bracket",
        "new lighting",
        "a guard rail",
        "an additional pump",
        "a new cable run",
        "a drain line",
        "a remote monitoring module",
        "a shelf",
        "a second thermostat",
        "a door closer",
    ),
    "de": (
        "eine zusätzliche Steckdose",
        "einen zweiten Fühler",
        "einen neuen Trennschalter",
        "eine Zeitschaltuhr",
        "eine Wandhalterung",
        "neue Beleuchtung",
        "ein Schutzgeländer",
        "eine zusätzliche Pumpe",
        "eine neue Kabeltrasse",
        "eine Kondensatleitung",
        "ein Fernüberwachungsmodul",
        "einen zweiten Thermostat",
    ),
    "fr": (
        "une prise supplémentaire",
        "un second capteur",
        "un nouveau sectionneur",
        "une minuterie",
        "un support mural",
        "un nouvel éclairage",
        "un garde-corps",
        "une pompe supplémentaire",
        "un nouveau chemin de câbles",
        "une évacuation des condensats",
        "un module de télésurveillance",
        "un second thermostat",
    ),
    "nl": (
        "een extra wandcontactdoos",
        "een extra stopcontact",
        "een tweede voeler",
        "een nieuwe werkschakelaar",
        "een tijdschakelaar",
        "een wandbeugel",
        "nieuwe verlichting",
        "een leuning",
        "een extra pomp",
        "een nieuwe kabelgoot",
        "een condensafvoer",
        "een module voor afstandsbewaking",
        "een tweede thermostaat",
        "een deurdranger",
    ),
}
_VERBS: Lexicon = {
    "en": ("fitted", "installed", "mounted", "added", "put in", "wired up", "set up", "moved"),
    "de": ("montiert", "installiert", "eingebaut", "nachgerüstet", "angeschlossen", "versetzt"),
    "fr": ("posé", "installé", "monté", "ajouté", "raccordé", "déplacé"),
    "nl": (
        "gemonteerd",
        "geïnstalleerd",
        "ingebouwd",
        "bijgeplaatst",
        "aangesloten",
        "verplaatst",
        "geplaatst",
    ),
}
_EXTRA: Lexicon = {
    "en": (
        "{v} {o} at the customer's request",
        "{v} {o} as the client asked",
        "{v} {o} because the site manager wanted it",
        "{v} {o} per cust req",
        "{v} {o}, cust req",
        "{v} {o}, not on WO, customer wanted it",
        "{v} {o} while on site, as requested by {a}",
        "{v} {o} beyond the ordered job",
        "also {v} {o} for {a}",
        "extra work: {v} {o}",
        "addtl work, {v} {o} on request",
        "{a} asked us to do this as well: {v} {o}",
        "outside scope of WO: {v} {o}",
        "on request of {a}, {v} {o}",
        "modified the {c} to suit the client's new layout",
        "relocated the {c} at the customer's request",
    ),
    "de": (
        "auf Kundenwunsch {o} {v}",
        "auf Wunsch d. Kd. zusätzlich {o} {v}",
        "lt. Kd. zusätzl. {o} {v}",
        "Zusatzarbeit: {o} {v}",
        "außerhalb des Auftrags {o} {v}",
        "{o} {v}, nicht im Auftrag, vom Kunden gewünscht",
        "zusätzlich {o} {v} (Kundenwunsch)",
        "{a} wollte noch {o}, erledigt",
        "{c} auf Wunsch des Kunden versetzt",
    ),
    "fr": (
        "à la demande du client, {o} {v}",
        "{o} {v} à la demande de {a}",
        "travaux supplémentaires : {o} {v}",
        "{o} {v} en plus, demande client",
        "hors bon de travail : {o} {v}",
        "{a} a demandé en plus {o}, {v}",
        "en sus de l'intervention, {o} {v}",
        "déplacement du {c} à la demande du client",
    ),
    "nl": (
        "op verzoek van de klant {o} {v}",
        "op verzoek klant extra {o} {v}",
        "meerwerk: {o} {v}",
        "meerwerk, {o} {v} op verzoek van {a}",
        "buiten de opdracht {o} {v}",
        "{o} {v}, niet op werkbon, klant wilde het",
        "aanvullend {o} {v} (wens klant)",
        "{a} wilde ook nog {o}, gedaan",
        "ivm wens klant {o} {v}, als meerwerk",
        "op verzoek van {w} extra {o} {v}",
        "{c} op verzoek van de klant verplaatst",
    ),
}
# Extra work asked about but not done, or explicitly none: no fact.
_NOT_EXTRA: Lexicon = {
    "en": (
        "{o} quoted only, not done",
        "{o} not fitted, needs approval first",
        "customer asked for {o}, will quote",
        "{o} proposed, no work carried out",
        "{o} declined by the customer",
        "{o} left for a separate order",
        "no additional work done",
        "no extra work",
        "only the ordered work carried out",
        "nothing beyond the work order",
        "{a} asked about {o}, not done, quote to follow",
    ),
    "de": (
        "{o} nur angeboten, nicht ausgeführt",
        "keine Zusatzarbeiten",
        "nur beauftragte Arbeiten durchgeführt",
        "Kunde wünscht {o}, Angebot folgt",
        "{o} nicht montiert, Freigabe fehlt",
    ),
    "fr": (
        "{o} chiffré seulement, non réalisé",
        "aucun travail supplémentaire",
        "seuls les travaux commandés ont été réalisés",
        "le client souhaite {o}, devis à suivre",
        "{o} non posé, en attente d'accord",
    ),
    "nl": (
        "{o} alleen geoffreerd, niet uitgevoerd",
        "geen meerwerk",
        "alleen werk volgens werkbon uitgevoerd",
        "klant wil {o}, offerte volgt",
        "{o} niet gemonteerd, eerst akkoord nodig",
        "{o} door klant afgewezen",
        "{o} voorgesteld, niets uitgevoerd",
        "{o} volgt later via aparte opdracht",
        "{a} vroeg naar {o}, niet gedaan, offerte volgt",
    ),
}
_REWORK: Lexicon = {
    "en": (
        "second visit for the same fault",
        "back again, same problem as our last visit",
        "the repair we did last week did not hold",
        "callback: fault returned after our fix",
        "same fault again after our previous repair",
        "our earlier fix on the {c} failed again",
        "repeat visit, the {c} we fitted before failed",
        "recall, prev repair on {c} not holding",
        "re-attend, same fault as last wk",
        "return visit, {c} we replaced last time faulty again",
        "3rd visit for this fault, previous fix did not work",
        "rework of our last job on the {c}",
        "fault came back two days after our visit",
    ),
    "de": (
        "erneuter Einsatz, gleicher Fehler wie beim letzten Mal",
        "Nacharbeit: letzte Reparatur hat nicht gehalten",
        "Fehler nach unserer Reparatur wieder aufgetreten",
        "Wiederholungseinsatz, {c} erneut ausgefallen",
        "zweiter Einsatz wegen desselben Fehlers",
        "von uns letzte Woche getauschter {c} wieder defekt",
        "Reklamation unserer letzten Reparatur am {c}",
    ),
    "fr": (
        "retour, même panne que la dernière intervention",
        "la réparation précédente n'a pas tenu",
        "seconde intervention pour le même défaut",
        "reprise de notre intervention sur le {c}",
        "panne réapparue après notre passage",
        "le {c} remplacé la semaine dernière est de nouveau HS",
    ),
    "nl": (
        "terugkomer, zelfde storing als vorig bezoek",
        "tweede bezoek voor dezelfde storing",
        "reparatie van vorige week heeft niet gehouden",
        "storing na onze reparatie opnieuw opgetreden",
        "door ons vorige week vervangen {c} weer defect",
        "herhaalbezoek, {c} opnieuw uitgevallen",
        "klacht over onze laatste reparatie aan {c}",
        "herstelling van vorige keer niet in orde, {c} opnieuw hersteld",
        "3e bezoek voor deze storing, vorige oplossing werkte niet",
    ),
}
_NOT_REWORK: Lexicon = {
    "en": (
        "new fault, not related to our last visit",
        "previous repair is holding, different problem",
        "first call for this fault",
        "last visit's repair on the {c} checked OK",
        "not a recall",
        "unrelated to prior job",
        "different fault from last time, prev repair fine",
    ),
    "de": (
        "neuer Fehler, kein Zusammenhang mit letztem Einsatz",
        "letzte Reparatur i.O., anderer Fehler",
        "Erstmeldung dieses Fehlers",
        "keine Nacharbeit",
    ),
    "fr": (
        "nouvelle panne, sans rapport avec l'intervention précédente",
        "réparation précédente OK, autre défaut",
        "premier appel pour ce défaut",
        "pas une reprise",
    ),
    "nl": (
        "nieuwe storing, geen verband met vorig bezoek",
        "vorige reparatie i.o., andere storing",
        "eerste melding van deze storing",
        "geen terugkomer",
        "andere storing dan vorige keer, reparatie aan {c} houdt",
    ),
}
_GOODWILL: Lexicon = {
    "en": (
        "no charge, agreed with {w}",
        "goodwill, labour not to be billed",
        "free of charge as a goodwill gesture",
        "labour waived for this visit",
        "do not invoice, goodwill",
        "no charge per {w}",
        "FOC as agreed",
        "FOC",
        "N/C, goodwill",
        "no chg to cust",
        "courtesy visit, not chargeable",
        "don't bill this one, approved by {w}",
        "goodwill granted by {w}",
        "labour free of charge",
    ),
    "de": (
        "Kulanz, keine Berechnung",
        "auf Kulanz",
        "kostenlos, mit {w} abgestimmt",
        "ohne Berechnung",
        "Arbeitszeit nicht berechnen, Kulanz",
        "Kulanzeinsatz, genehmigt von {w}",
        "nicht in Rechnung stellen",
    ),
    "fr": (
        "geste commercial, non facturé",
        "gratuit, accord de {w}",
        "sans frais pour le client",
        "à titre gracieux",
        "ne pas facturer, geste commercial",
        "main d'œuvre offerte",
        "intervention non facturable, accordée par {w}",
    ),
    "nl": (
        "coulance, niet in rekening brengen",
        "uit coulance",
        "kosteloos, afgestemd met {w}",
        "geen kosten voor klant",
        "arbeidsloon niet berekenen, coulance",
        "coulancebezoek, goedgekeurd door {w}",
        "niet in rekening brengen",
        "gratis, akkoord {w}",
        "commerciële tegemoetkoming, niet aanrekenen",
    ),
}
_NOT_GOODWILL: Lexicon = {
    "en": (
        "chargeable as normal",
        "goodwill requested but refused",
        "goodwill not granted, normal billing applies",
        "bill labour per contract",
        "customer asked for no charge, declined",
        "FOC request rejected",
        "no goodwill, chargeable",
        "cust wanted it free, told them it is chargeable",
        "labour chargeable",
    ),
    "de": (
        "Kulanz abgelehnt, wird berechnet",
        "keine Kulanz",
        "kostenpflichtig",
        "Kunde wollte kostenlos, nicht genehmigt",
        "Berechnung nach Vertrag",
    ),
    "fr": (
        "geste commercial refusé",
        "pas de geste commercial, facturable",
        "intervention facturable",
        "gratuité demandée, refusée",
        "facturation normale",
    ),
    "nl": (
        "coulance afgewezen, wordt gefactureerd",
        "geen coulance",
        "kosten voor rekening klant",
        "klant wilde het kosteloos, niet akkoord",
        "factureren volgens contract",
    ),
}
# Sentences with no fact: filler and the customer as a mere reporter.
_NOTHING: Lexicon = {
    "en": (
        "done",
        "see above",
        "fault reported by {a}",
        "{a} reported the {c} noisy",
        "called {w} on arrival",
        "{a} says it stopped overnight",
    ),
    "de": ("erledigt", "siehe oben", "Störung gemeldet von {a}", "{a} meldet Geräusch am {c}"),
    "fr": ("fait", "voir ci-dessus", "panne signalée par {a}", "{a} signale un bruit au {c}"),
    "nl": (
        "gereed",
        "zie boven",
        "storing gemeld door {a}",
        "{a} meldt geluid bij {c}",
    ),
}
_JOIN = (", ", " + ", " & ")
# The simulator's languages and Dutch, for NL customers (see the module docstring).
AUGMENT_LANGS: tuple[str, ...] = (*LANGS, "nl")
_LANG_WEIGHTS = (0.45, 0.2, 0.2, 0.15)  # one per AUGMENT_LANGS


def _catalog_components() -> tuple[str, ...]:
    """In catalog order: a set's order changes with PYTHONHASHSEED, and so would the
    sentences drawn from it and the bundle `make train` writes."""
    return tuple(dict.fromkeys(c for asset in cat.ASSET_TYPES for c in asset.components))


def fill_slots(
    rng: random.Random,
    catalog: tuple[str, ...],
    lex: Lexicon,
    lang: str,
    *,
    change_order: bool = False,
) -> str:
    """A wording of `lex` in `lang` with a component, an agent, an object, a verb and a
    site contact in its slots (and a change-order number in {co}). The draws keep one
    order, so a seed gives the same sentences, and `make train` the same bundle."""
    comps = _COMPONENTS[lang] if rng.random() < 0.5 else catalog
    template = rng.choice(lex[lang])
    slots = {
        "c": rng.choice(comps),
        "a": rng.choice(_AGENTS[lang]),
        "o": rng.choice(_OBJECTS[lang]),
        "v": rng.choice(_VERBS[lang]),
        "w": rng.choice(_WHO[lang]).replace("{w}", rng.choice(cat.CONTACTS)),
    }
    if change_order:
        slots["co"] = str(rng.randint(100, 99999))
    return template.format(**slots)


def compositional_sentences(seed: int, n: int = 3000) -> list[tuple[str, set[str]]]:
    """`n` generated sentences, rendered in the simulator's writing styles, with the facts
    each expresses."""
    rng = random.Random(f"augment:{seed}")
    catalog = _catalog_components()
    out: list[tuple[str, set[str]]] = []

    def fill(lex: Lexicon, lang: str) -> str:
        return fill_slots(rng, catalog, lex, lang)

    def one(lex: Lexicon, facts: Facts) -> Callable[[str], tuple[str, Facts]]:
        return lambda lang: (fill(lex, lang), facts)

    def two(
        first: Lexicon, second: Lexicon, facts: Facts, joins: Lexicon | None = None
    ) -> Callable[[str], tuple[str, Facts]]:
        def make(lang: str) -> tuple[str, Facts]:
            join = rng.choice(joins[lang]) if joins else rng.choice(_JOIN)
            return fill(first, lang) + join + fill(second, lang), facts

        return make

    makers: tuple[tuple[float, Callable[[str], tuple[str, Facts]]], ...] = (
        (3.0, one(_DAMAGE, CC)),
        (2.0, one(_NO_DAMAGE, NONE)),
        (3.0, one(_FAILURE, CF)),
        (1.5, two(_FAILURE, _NO_DAMAGE, CF)),
        (1.0, two(_NO_DAMAGE, _FAILURE, CF)),
        (1.0, two(_NOT_DEFECT, _DAMAGE, CC, _BUT)),
        (1.0, two(_SUSPECTED, _FAILURE, CF, _BUT)),
        (0.7, two(_SUSPECTED_WEAR, _DAMAGE, CC, _BUT)),
        (1.0, two(_DAMAGE, _ROUTINE, CC)),
        (1.0, two(_FAILURE, _ROUTINE, CF)),
        (1.5, one(_ROUTINE, WD)),
        (1.0, one(_NO_FAULT, WD)),
        (0.7, two(_NO_FAULT, _NO_DAMAGE, WD)),
        (3.0, one(_EXTRA, EW)),
        (2.0, one(_NOT_EXTRA, NONE)),
        (1.0, two(_ROUTINE, _NOT_EXTRA, WD)),
        (2.5, one(_REWORK, RW)),
        (1.5, one(_NOT_REWORK, NONE)),
        (0.8, two(_NOT_REWORK, _FAILURE, CF)),
        (2.5, one(_GOODWILL, GW)),
        (2.0, one(_NOT_GOODWILL, NONE)),
        (0.8, two(_ROUTINE, _GOODWILL, WD | GW)),
        (0.8, two(_ROUTINE, _NOT_GOODWILL, WD)),
        (1.0, one(_NOTHING, NONE)),
    )
    weights = [w for w, _ in makers]
    for _ in range(n):
        lang = rng.choices(AUGMENT_LANGS, _LANG_WEIGHTS)[0]
        make = rng.choices(makers, weights)[0][1]
        text, facts = make(lang)
        text = write_sentence(rng, text[:1].upper() + text[1:], lang, choose_style(rng))
        out.append((text, set(facts)))
    return out
