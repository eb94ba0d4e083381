"""Master data the simulator draws from: parties, assets, parts, rates and wrong tax rates.

Kept apart from the generator so that variety (names, catalogues, habits of
issuers in each region) can grow without touching the case logic.
"""

from __future__ import annotations

from dataclasses import dataclass

# Standard offsets and summer offsets (approximated as April-October) by region.
REGION_OFFSETS: dict[str, tuple[int, int]] = {
    "DE": (60, 120),
    "FR": (60, 120),
    "NL": (60, 120),
    "AT": (60, 120),
    "CH": (60, 120),
    "GB": (0, 60),
    "US-NY": (-300, -240),
    "US-TX": (-360, -300),
    "US-CA": (-480, -420),
}

# Labor and travel rate ranges per currency (contract prices).
RATE_RANGES: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "EUR": ((62, 145), (28, 85)),
    "GBP": ((55, 125), (25, 70)),
    "USD": ((75, 175), (35, 95)),
    "CHF": ((95, 185), (45, 110)),
}
PRICE_FACTOR: dict[str, float] = {"EUR": 1.0, "GBP": 0.86, "USD": 1.08, "CHF": 0.96}

# Plausible wrong rates an AR clerk or subcontractor actually uses (old, reduced, neighbour).
WRONG_TAX_RATES: dict[str, tuple[float, ...]] = {
    "DE": (0.16, 0.07, 0.2, 0.0),
    "FR": (0.196, 0.1, 0.055, 0.19),
    "NL": (0.19, 0.09, 0.2),
    "AT": (0.1, 0.13, 0.19),
    "GB": (0.175, 0.05, 0.0, 0.19),
    "US-NY": (0.04, 0.08, 0.0825, 0.0),
    "US-TX": (0.0625, 0.08, 0.0725),
    "US-CA": (0.06, 0.0925, 0.0775),
    "CH": (0.077, 0.08, 0.026, 0.19),
}

REGION_LANG: dict[str, str] = {
    "DE": "de",
    "AT": "de",
    "CH": "de",
    "FR": "fr",
    "NL": "en",
    "GB": "en",
    "US-NY": "en",
    "US-TX": "en",
    "US-CA": "en",
}

CUSTOMER_STEMS: tuple[str, ...] = (
    "Northwind",
    "Alpenblick",
    "Rheintal",
    "Harbor View",
    "Lakeside",
    "Greenfield",
    "Sankt Anna",
    "Blue Ridge",
    "Meridian",
    "Westpark",
    "Nordstern",
    "Clearwater",
    "Bellevue",
    "Riverside",
    "Helios",
    "Lindenhof",
    "Summit",
    "Kastanienhof",
    "Oakwood",
    "Pacific Crest",
    "Mont Blanc",
    "Zuiderzee",
    "Thames Valley",
    "Lone Star",
    "Golden Gate",
    "Hudson",
    "Eichenwald",
    "Saint-Roch",
    "Vierwaldstätter",
    "Donau",
)
CUSTOMER_KINDS: tuple[str, ...] = (
    "Clinics",
    "Hotels",
    "Logistics",
    "Foods",
    "Pharma",
    "Retail",
    "Data Center",
    "Cold Storage",
    "Brewery",
    "Hospital",
    "Dairy",
    "Property Management",
    "Labs",
    "Plastics",
    "Printing",
    "Senior Living",
    "University",
    "Bakeries",
)
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "DE": ("GmbH", "AG", "GmbH & Co. KG", "e.V.", "KG"),
    "AT": ("GmbH", "AG", "OG"),
    "CH": ("AG", "GmbH", "SA"),
    "FR": ("SAS", "SARL", "SA"),
    "NL": ("B.V.", "N.V."),
    "GB": ("Ltd", "PLC", "LLP"),
    "US-NY": ("Inc.", "LLC", "Corp."),
    "US-TX": ("Inc.", "LLC", "LP"),
    "US-CA": ("Inc.", "LLC", "Corp."),
}
SERVICE_COMPANIES: tuple[str, ...] = (
    "Acme Field Services",
    "Kältetechnik Brandt",
    "Polar Service Partners",
    "TechnoServ",
    "Gebäudetechnik Huber",
    "ServiceOne",
    "Climatec Maintenance",
    "Frigo Expert",
    "Van Dijk Installatietechniek",
    "Hillside Mechanical",
    "Lift & Drive Service",
    "Atlas Facility Care",
    "Summit Mechanical",
    "Elektro Steiner",
    "Maintenance Pro",
)
SUBCONTRACTORS: tuple[str, ...] = (
    "Müller Haustechnik",
    "QuickFix Mechanical",
    "Martin Frères Services",
    "De Boer Techniek",
    "Redline Electrical",
    "Alpine Service Crew",
    "BlueFlame Heating",
    "Coldline Refrigeration",
    "Schmid Elektro",
    "Precision HVAC",
    "Lagarde Maintenance",
    "Oostwerk Service",
)
TECHNICIANS: dict[str, tuple[str, ...]] = {
    "de": (
        "J. Okafor",
        "M. Schneider",
        "Jonas Becker",
        "T. Wagner",
        "Aylin Demir",
        "S. Hoffmann",
        "K. Novak",
        "Lukas Gruber",
        "R. Keller",
        "Petra Zimmermann",
        "D. Kovačević",
        "F. Brunner",
    ),
    "fr": (
        "L. Martin",
        "Camille Durand",
        "K. Benali",
        "P. Lefèvre",
        "Hugo Moreau",
        "N. Girard",
        "Sami Haddad",
    ),
    "en": (
        "Mike Johnson",
        "T. Hughes",
        "J. de Vries",
        "Carlos Ramirez",
        "A. Patel",
        "Sarah O'Neill",
        "D. Kim",
        "R. Thompson",
        "Wei Zhang",
        "B. Okoye",
        "Luis Hernandez",
        "K. Jansen",
        "Emily Carter",
    ),
}
CONTACTS: tuple[str, ...] = (
    "Mr Weber",
    "Ms Laurent",
    "the site manager",
    "the facility manager",
    "Hr. Yilmaz",
    "Fr. Maier",
    "the head nurse",
    "shift lead",
    "Mrs Patel",
    "the caretaker",
    "J. Smith",
    "building supervisor",
    "M. Dubois",
    "Dave at reception",
)


@dataclass(frozen=True, slots=True)
class Part:
    sku: str
    description: str
    price: float


@dataclass(frozen=True, slots=True)
class AssetType:
    models: tuple[str, ...]
    components: tuple[str, ...]
    parts: tuple[Part, ...]
    warranty_years: tuple[int, ...]


ASSET_TYPES: tuple[AssetType, ...] = (
    AssetType(
        models=("Chiller XR-200", "Chiller XR-350", "Carrier 30RB-262", "Trane CGAM 070"),
        components=("compressor", "compressor relay", "condenser fan", "expansion valve"),
        parts=(
            Part("P-2040", "Compressor relay", 310.0),
            Part("P-1001", "Fuse 10A", 12.5),
            Part("P-3310", "Condenser fan motor", 486.0),
            Part("EXV-220", "Electronic expansion valve", 398.0),
            Part("FLT-DD-16", "Filter drier", 54.9),
            Part("R410A-KG", "Refrigerant R410A (kg)", 38.0),
        ),
        warranty_years=(1, 2, 3),
    ),
    AssetType(
        models=("Viessmann Vitocrossal 300", "Buderus GB402", "Boiler BX-90", "Weishaupt WTC 45"),
        components=("burner", "ignition electrode", "flame sensor", "circulation pump"),
        parts=(
            Part("ZK-1840", "Ignition electrode", 46.3),
            Part("ZK-2211", "Flame sensor", 88.0),
            Part("GRF-65", "Circulation pump Grundfos 65", 742.0),
            Part("7829-211", "Gas valve", 389.5),
            Part("GSK-12", "Burner gasket set", 23.8),
        ),
        warranty_years=(2, 5),
    ),
    AssetType(
        models=("Schindler 3300", "KONE MonoSpace 500", "Otis Gen2", "Lift L-14"),
        components=("door operator", "landing door lock", "safety edge", "controller board"),
        parts=(
            Part("DO-4410", "Door operator belt", 128.0),
            Part("LDL-07", "Landing door lock", 214.0),
            Part("SE-190", "Light curtain safety edge", 655.0),
            Part("CB-MX2", "Controller board MX2", 1890.0),
            Part("RL-24V", "Relay 24V", 19.9),
        ),
        warranty_years=(1, 2),
    ),
    AssetType(
        models=("Linde E20", "Toyota 8FBE18", "Jungheinrich EFG 216", "Forklift FX-3"),
        components=("drive motor", "hydraulic hose", "mast chain", "battery connector"),
        parts=(
            Part("HH-3/8-1200", "Hydraulic hose 3/8 1200mm", 64.0),
            Part("MC-LH1044", "Mast chain LH1044", 275.0),
            Part("BC-320A", "Battery connector 320A", 72.5),
            Part("DM-48V", "Drive motor brushes", 96.0),
            Part("TY-18x7", "Solid tyre 18x7-8", 189.0),
        ),
        warranty_years=(1, 2),
    ),
    AssetType(
        models=("APC Galaxy VS 40", "Eaton 93PM", "UPS Line-60", "Riello MST 80"),
        components=("battery string", "inverter module", "cooling fan", "bypass switch"),
        parts=(
            Part("BAT-12V9", "Battery 12V 9Ah", 41.0),
            Part("FAN-120", "Cooling fan 120mm", 35.0),
            Part("INV-M40", "Inverter module 40kVA", 2380.0),
            Part("CAP-DC-450", "DC capacitor 450V", 118.0),
        ),
        warranty_years=(2, 3),
    ),
    AssetType(
        models=("Air handler AHU-12", "Trox X-CUBE", "Daikin VRV IV", "Rooftop RTU-40"),
        components=("supply fan motor", "V-belt", "damper actuator", "thermostat"),
        parts=(
            Part("VB-A42", "V-belt A42", 14.8),
            Part("FLT-G4-595", "Panel filter G4 595x595", 9.6),
            Part("FLT-F7-592", "Bag filter F7 592x592", 32.0),
            Part("ACT-24-SR", "Damper actuator 24V", 212.0),
            Part("MTR-2.2KW", "Fan motor 2.2 kW", 540.0),
            Part("TH-RDG100", "Room thermostat", 86.0),
        ),
        warranty_years=(1, 2, 3),
    ),
    AssetType(
        models=("Melag Vacuklav 43", "Steri-Pro 50", "Belimed WD 290", "Miele PG 8536"),
        components=("door seal", "heating element", "pressure sensor", "water pump"),
        parts=(
            Part("DS-431", "Door seal", 72.0),
            Part("HE-3KW", "Heating element 3 kW", 265.0),
            Part("PS-4BAR", "Pressure sensor", 158.0),
            Part("WP-230", "Drain pump", 139.0),
            Part("BF-01", "Bacteria filter", 48.5),
        ),
        warranty_years=(1, 2),
    ),
    AssetType(
        models=("Atlas Copco GA 30", "Kaeser SK 22", "Compressor CMP-15", "Ingersoll Rand R37"),
        components=("air end", "oil separator", "inlet valve", "pressure switch"),
        parts=(
            Part("OS-2901", "Oil separator", 124.0),
            Part("OF-1621", "Oil filter", 28.4),
            Part("AF-1613", "Air filter element", 36.0),
            Part("IV-0830", "Inlet valve kit", 310.0),
            Part("OIL-5L", "Compressor oil 5 l", 64.0),
        ),
        warranty_years=(1, 2, 5),
    ),
)

# Parts billed without a contract price (consumables and sundries).
SUNDRIES: tuple[Part, ...] = (
    Part("", "Sealant and consumables", 18.5),
    Part("", "Cable ties and fixings", 6.9),
    Part("CON-01", "Cleaning agent", 12.0),
    Part("", "Contact spray", 9.8),
)

FEES: tuple[tuple[str, float], ...] = (
    ("Call-out fee", 45.0),
    ("Environmental / disposal fee", 15.0),
    ("Parking", 12.0),
    ("Small parts surcharge", 8.5),
    ("Emergency call-out surcharge", 95.0),
    ("Refrigerant handling fee", 25.0),
)
