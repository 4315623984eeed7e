"""The default taxonomies every installation starts with; coordinators edit them in the admin.

The lists hold the English names (a term's ``name``: the source, and what matching reads);
``TRANSLATIONS`` their Danish, Swedish and Norwegian (Bokmål) names, in the words of
docs/glossary.md. A name that is the same in every language (ISO 13485, the regions) has no
entry: a blank translation shows the English name.
"""

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


# English name -> (Danish, Swedish, Norwegian Bokmål), as a hospital or municipality writes them.
TRANSLATIONS = {
    # Clinical areas
    "Cardiology": ("Kardiologi", "Kardiologi", "Kardiologi"),
    "Oncology": ("Onkologi", "Onkologi", "Onkologi"),
    "Neurology": ("Neurologi", "Neurologi", "Nevrologi"),
    "Psychiatry and mental health": (
        "Psykiatri og mental sundhed",
        "Psykiatri och psykisk hälsa",
        "Psykiatri og psykisk helse",
    ),
    "Geriatrics": ("Geriatri", "Geriatrik", "Geriatri"),
    "Paediatrics": ("Pædiatri", "Pediatrik", "Pediatri"),
    "Emergency medicine": ("Akutmedicin", "Akutsjukvård", "Akuttmedisin"),
    "Intensive care": ("Intensiv behandling", "Intensivvård", "Intensivmedisin"),
    "Surgery": ("Kirurgi", "Kirurgi", "Kirurgi"),
    "Orthopaedics": ("Ortopædkirurgi", "Ortopedi", "Ortopedi"),
    "Rehabilitation": ("Rehabilitering", "Rehabilitering", "Rehabilitering"),
    "Diabetes and endocrinology": (
        "Diabetes og endokrinologi",
        "Diabetes och endokrinologi",
        "Diabetes og endokrinologi",
    ),
    "Respiratory medicine (COPD, asthma)": (
        "Lungemedicin (KOL, astma)",
        "Lungmedicin (KOL, astma)",
        "Lungemedisin (kols, astma)",
    ),
    "Infection control": ("Infektionshygiejne", "Vårdhygien", "Smittevern"),
    "Wound care": ("Sårbehandling", "Sårvård", "Sårbehandling"),
    "Radiology and imaging": (
        "Radiologi og billeddiagnostik",
        "Radiologi och bilddiagnostik",
        "Radiologi og bildediagnostikk",
    ),
    "Laboratory and pathology": (
        "Laboratoriemedicin og patologi",
        "Laboratoriemedicin och patologi",
        "Laboratoriemedisin og patologi",
    ),
    "Pharmacy and medication": (
        "Farmaci og medicinhåndtering",
        "Farmaci och läkemedelshantering",
        "Farmasi og legemiddelhåndtering",
    ),
    "Women's health and obstetrics": (
        "Kvindesundhed og obstetrik",
        "Kvinnohälsa och obstetrik",
        "Kvinnehelse og obstetrikk",
    ),
    "Dementia": ("Demens", "Demens", "Demens"),
    "Palliative care": ("Palliativ behandling", "Palliativ vård", "Palliativ behandling"),
    "Nursing and care logistics": (
        "Sygepleje og plejelogistik",
        "Omvårdnad och vårdlogistik",
        "Sykepleie og pleielogistikk",
    ),
    "Prevention and public health": (
        "Forebyggelse og folkesundhed",
        "Prevention och folkhälsa",
        "Forebygging og folkehelse",
    ),
    "Dentistry": ("Tandpleje", "Tandvård", "Tannhelse"),
    # Care settings
    "Hospital ward": ("Sengeafsnit", "Vårdavdelning", "Sengepost"),
    "Outpatient clinic": ("Ambulatorium", "Mottagning", "Poliklinikk"),
    "Operating theatre": ("Operationsstue", "Operationssal", "Operasjonsstue"),
    "Emergency department": ("Akutmodtagelse", "Akutmottagning", "Akuttmottak"),
    "Intensive care unit": ("Intensivafsnit", "Intensivvårdsavdelning", "Intensivavdeling"),
    "Primary care": ("Almen praksis", "Primärvård", "Primærhelsetjeneste"),
    "Home care": ("Hjemmepleje", "Hemtjänst", "Hjemmetjeneste"),
    "Nursing home": ("Plejehjem", "Vård- och omsorgsboende", "Sykehjem"),
    "Municipality services": (
        "Kommunale sundheds- og plejetilbud",
        "Kommunal vård och omsorg",
        "Kommunale helse- og omsorgstjenester",
    ),
    "Citizen's home (self-care)": (
        "Borgerens hjem (egenomsorg)",
        "Invånarens hem (egenvård)",
        "Innbyggerens hjem (egenomsorg)",
    ),
    "Pre-hospital / ambulance": (
        "Præhospital indsats / ambulance",
        "Prehospital vård / ambulans",
        "Prehospitale tjenester / ambulanse",
    ),
    # Technology types
    "Digital health software": (
        "Software til digital sundhed",
        "Programvara för digital hälsa",
        "Programvare for digital helse",
    ),
    "Medical device": ("Medicinsk udstyr", "Medicinteknisk produkt", "Medisinsk utstyr"),
    "AI / machine learning": ("AI / maskinlæring", "AI / maskininlärning", "KI / maskinlæring"),
    "IoT / wearables and sensors": (
        "IoT / bærbare enheder og sensorer",
        "IoT / bärbara enheter och sensorer",
        "IoT / bærbare enheter og sensorer",
    ),
    "Telehealth and remote monitoring": (
        "Telemedicin og fjernmonitorering",
        "Digital vård och distansmonitorering",
        "Telemedisin og digital hjemmeoppfølging",
    ),
    "Robotics and automation": (
        "Robotteknologi og automatisering",
        "Robotik och automation",
        "Robotikk og automatisering",
    ),
    "Personalised / additive manufacturing": (
        "Individuelt tilpasset / additiv fremstilling",
        "Individanpassad / additiv tillverkning",
        "Persontilpasset / additiv produksjon",
    ),
    "Diagnostics and IVD": ("Diagnostik og IVD", "Diagnostik och IVD", "Diagnostikk og IVD"),
    "Health data and interoperability": (
        "Sundhedsdata og interoperabilitet",
        "Hälsodata och interoperabilitet",
        "Helsedata og interoperabilitet",
    ),
    "VR / AR and simulation": (
        "VR / AR og simulation",
        "VR / AR och simulering",
        "VR / AR og simulering",
    ),
    "Assistive and welfare technology": (
        "Hjælpemidler og velfærdsteknologi",
        "Hjälpmedel och välfärdsteknik",
        "Hjelpemidler og velferdsteknologi",
    ),
    "Logistics and hospital operations": (
        "Logistik og hospitalsdrift",
        "Logistik och sjukhusdrift",
        "Logistikk og sykehusdrift",
    ),
    "E-learning and training": (
        "E-læring og uddannelse",
        "E-lärande och utbildning",
        "E-læring og opplæring",
    ),
    # Regulatory items (ISO 13485 and ISO 27001 read the same everywhere)
    "CE marking – MDR class I": (
        "CE-mærkning – MDR klasse I",
        "CE-märkning – MDR klass I",
        "CE-merking – MDR klasse I",
    ),
    "CE marking – MDR class IIa": (
        "CE-mærkning – MDR klasse IIa",
        "CE-märkning – MDR klass IIa",
        "CE-merking – MDR klasse IIa",
    ),
    "CE marking – MDR class IIb": (
        "CE-mærkning – MDR klasse IIb",
        "CE-märkning – MDR klass IIb",
        "CE-merking – MDR klasse IIb",
    ),
    "CE marking – MDR class III": (
        "CE-mærkning – MDR klasse III",
        "CE-märkning – MDR klass III",
        "CE-merking – MDR klasse III",
    ),
    "IVDR certification": ("IVDR-certificering", "IVDR-certifiering", "IVDR-sertifisering"),
    "IEC 62304 (medical device software)": (
        "IEC 62304 (software til medicinsk udstyr)",
        "IEC 62304 (programvara för medicintekniska produkter)",
        "IEC 62304 (programvare for medisinsk utstyr)",
    ),
    "GDPR DPIA completed": (
        "Konsekvensanalyse (DPIA) efter GDPR udført",
        "Konsekvensbedömning (DPIA) enligt GDPR genomförd",
        "Vurdering av personvernkonsekvenser (DPIA) gjennomført",
    ),
    "EU AI Act conformity": (
        "Overensstemmelse med EU's AI-forordning",
        "Överensstämmelse med EU:s AI-förordning",
        "Samsvar med EUs KI-forordning",
    ),
    "HL7 FHIR conformance": (
        "Overensstemmelse med HL7 FHIR",
        "Överensstämmelse med HL7 FHIR",
        "Samsvar med HL7 FHIR",
    ),
    "NIS2 compliance": ("Overholdelse af NIS2", "Efterlevnad av NIS2", "Etterlevelse av NIS2"),
}
TRANSLATION_FIELDS = ("name_da", "name_sv", "name_nb")  # in the order of TRANSLATIONS' tuples

TAXONOMIES = (
    ("ClinicalArea", CLINICAL_AREAS),
    ("CareSetting", CARE_SETTINGS),
    ("TechnologyType", TECHNOLOGY_TYPES),
    ("RegulatoryItem", REGULATORY_ITEMS),
)


def translations(model, name: str) -> dict[str, str]:
    """The translated names of the default term ``name``, as field values; none when ``model``
    has no such fields yet (migration 0002 creates the defaults before 0010 adds them)."""
    fields = {field.name for field in model._meta.get_fields()}
    return {
        field: text
        for field, text in zip(TRANSLATION_FIELDS, TRANSLATIONS.get(name, ()), strict=False)
        if field in fields
    }


def load_defaults(apps):
    """Create missing default terms; never touches terms a coordinator has edited."""
    from django.utils.text import slugify

    get = apps.get_model
    for model_name, names in TAXONOMIES:
        model = get("accounts", model_name)
        for position, name in enumerate(names, start=1):
            model.objects.get_or_create(
                slug=slugify(name)[:120],
                defaults={"name": name, "position": position * 10, **translations(model, name)},
            )
    region = get("accounts", "Region")
    for position, (name, country) in enumerate(REGIONS, start=1):
        region.objects.get_or_create(
            slug=slugify(name)[:120],
            defaults={"name": name, "country": country, "position": position * 10},
        )


def fill_translations(apps) -> int:
    """Give the default terms that still have their default English name their translated
    names, where those are blank. A term a coordinator renamed is left alone, and so is a
    translation already written. Returns how many terms changed."""
    changed = 0
    for model_name, names in TAXONOMIES:
        model = apps.get_model("accounts", model_name)
        for term in model.objects.filter(name__in=[n for n in names if n in TRANSLATIONS]):
            blank = {
                field: text
                for field, text in translations(model, term.name).items()
                if not getattr(term, field)
            }
            if blank:
                model.objects.filter(pk=term.pk).update(**blank)
                changed += 1
    return changed
