"""The default taxonomies every installation starts with; coordinators edit them in the admin."""

CLINICAL_AREAS = [
    "Cardiology",
    "Oncology",
    "Neurology",
    "Psychiatry and mental health",
    "Geriatrics",
    "Paediatrics",
    "Emergency medicine",
    "Intensive care",
    "Surgery",
    "Orthopaedics",
    "Rehabilitation",
    "Diabetes and endocrinology",
    "Respiratory medicine (COPD, asthma)",
    "Infection control",
    "Wound care",
    "Radiology and imaging",
    "Laboratory and pathology",
    "Pharmacy and medication",
    "Women's health and obstetrics",
    "Dementia",
    "Palliative care",
    "Nursing and care logistics",
    "Prevention and public health",
    "Dentistry",
]

CARE_SETTINGS = [
    "Hospital ward",
    "Outpatient clinic",
    "Operating theatre",
    "Emergency department",
    "Intensive care unit",
    "Primary care",
    "Home care",
    "Nursing home",
    "Municipality services",
    "Citizen's home (self-care)",
    "Pre-hospital / ambulance",
]

TECHNOLOGY_TYPES = [
    "Digital health software",
    "Medical device",
    "AI / machine learning",
    "IoT / wearables and sensors",
    "Telehealth and remote monitoring",
    "Robotics and automation",
    "Personalised / additive manufacturing",
    "Diagnostics and IVD",
    "Health data and interoperability",
    "VR / AR and simulation",
    "Assistive and welfare technology",
    "Logistics and hospital operations",
    "E-learning and training",
]

REGULATORY_ITEMS = [
    "CE marking – MDR class I",
    "CE marking – MDR class IIa",
    "CE marking – MDR class IIb",
    "CE marking – MDR class III",
    "IVDR certification",
    "ISO 13485",
    "ISO 27001",
    "IEC 62304 (medical device software)",
    "GDPR DPIA completed",
    "EU AI Act conformity",
    "HL7 FHIR conformance",
    "NIS2 compliance",
]

REGIONS = [
    ("Region Hovedstaden", "DK"),
    ("Region Sjælland", "DK"),
    ("Region Syddanmark", "DK"),
    ("Region Midtjylland", "DK"),
    ("Region Nordjylland", "DK"),
    ("Region Stockholm", "SE"),
    ("Region Uppsala", "SE"),
    ("Västra Götalandsregionen", "SE"),
    ("Region Skåne", "SE"),
    ("Helse Sør-Øst", "NO"),
    ("Helse Vest", "NO"),
    ("Helse Midt-Norge", "NO"),
    ("Helse Nord", "NO"),
    ("Uusimaa", "FI"),
]


def load_defaults(apps):
    """Create missing default terms; never touches terms a coordinator has edited."""
    from django.utils.text import slugify

    get = apps.get_model
    for model_name, names in (
        ("ClinicalArea", CLINICAL_AREAS),
        ("CareSetting", CARE_SETTINGS),
        ("TechnologyType", TECHNOLOGY_TYPES),
        ("RegulatoryItem", REGULATORY_ITEMS),
    ):
        model = get("accounts", model_name)
        for position, name in enumerate(names, start=1):
            model.objects.get_or_create(
                slug=slugify(name)[:120], defaults={"name": name, "position": position * 10}
            )
    region = get("accounts", "Region")
    for position, (name, country) in enumerate(REGIONS, start=1):
        region.objects.get_or_create(
            slug=slugify(name)[:120],
            defaults={"name": name, "country": country, "position": position * 10},
        )
