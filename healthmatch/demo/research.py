"""Universities and research institutes of the demo world: the clusters' "knowledge bridge".
They offer research groups, test beds and clinical trial units as capabilities, are matched to
needs like companies, and can bid and meet buyers. Natural key: the organisation slug."""

from healthmatch.demo.builders import capability as cap
from healthmatch.demo.builders import research_organisation
from healthmatch.demo.terms import DPIA, ISO13485, ISO27001

DK_ALL = [
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
]

RESEARCH_ORGANISATIONS = [
    research_organisation(
        "dtu-health-tech",
        "DTU Health Tech (Technical University of Denmark)",
        "copenhagen-healthtech",
        "DK",
        tagline="Engineering for health: sensors, imaging, biomechanics and digital health.",
        description=(
            "The Department of Health Technology at the Technical University of Denmark works "
            "with hospitals and companies on medical sensors, imaging, biomaterials and digital "
            "health, from the first idea to clinical validation."
        ),
        employees=650,
        founded=1829,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[
            ("Mette Holst", "Industry collaboration manager", "mette@dtu-health.example", "")
        ],
    ),
    research_organisation(
        "sdu-health-innovation",
        "University of Southern Denmark (SDU)",
        "welfare-tech",
        "DK",
        tagline="Welfare technology, robotics and clinical research close to Odense "
        "University Hospital.",
        description=(
            "SDU's Faculty of Health Sciences, SDU Robotics and the Centre for Innovative "
            "Medical Technology work with Odense University Hospital and the municipalities of "
            "Southern Denmark on welfare technology, robotics and clinical studies."
        ),
        employees=4200,
        founded=1966,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[("Anders Bech", "Research liaison", "anders@sdu-health.example", "")],
    ),
    research_organisation(
        "force-technology",
        "FORCE Technology",
        "medtech-innovation-consortium",
        "DK",
        tagline="Approved technological service institute: testing, certification support "
        "and advice.",
        description=(
            "FORCE Technology tests medical devices and welfare technology for electrical "
            "safety, EMC, usability and durability, and helps companies prepare the technical "
            "documentation for CE marking."
        ),
        employees=1500,
        founded=1940,
        regions=DK_ALL,
        languages=["da", "en", "sv", "nb"],
        contacts=[("Lise Dam", "Medical device testing", "lise@force-technology.example", "")],
    ),
    research_organisation(
        "danish-technological-institute",
        "Danish Technological Institute",
        "welfare-tech",
        "DK",
        tagline="Robot and welfare technology test centres open to companies and municipalities.",
        description=(
            "The Danish Technological Institute runs test and demonstration centres for robot "
            "technology and welfare technology, and helps companies and municipalities test "
            "solutions with real users before a procurement."
        ),
        employees=1000,
        founded=1906,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[("Henrik Moos", "Welfare technology centre", "henrik@dti.example", "")],
    ),
]

RESEARCH_CAPABILITIES = [
    cap(
        "dtu-health-tech",
        "research_group",
        "Wearable sensors and signal processing research group",
        "A research group that designs and validates wearable sensors for heart rhythm, "
        "breathing and movement, and the algorithms that read them.",
        "The group builds prototypes of patches and textile sensors, runs validation studies "
        "against clinical reference equipment and publishes the algorithms. Recent work "
        "covers atrial fibrillation screening, COPD exacerbations and fall risk at home.",
        tech=["IoT / wearables and sensors", "AI / machine learning", "Medical device"],
        areas=["Cardiology", "Respiratory medicine (COPD, asthma)", "Geriatrics"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        trl=4,
        refs=[("Rigshospitalet", "Atrial fibrillation patch validation", 2024)],
    ),
    cap(
        "dtu-health-tech",
        "test_bed",
        "Medical imaging and sensor test laboratory",
        "Laboratory with phantoms and reference equipment for testing imaging, ultrasound and "
        "sensor devices before a clinical study.",
        "Companies and hospitals book the laboratory to compare a prototype with reference "
        "equipment on phantoms and healthy volunteers, and to collect the bench data a "
        "technical file needs.",
        tech=["Medical device", "Diagnostics and IVD"],
        areas=["Radiology and imaging", "Cardiology"],
        settings=["Hospital ward"],
        trl=5,
        certs=[(ISO13485, "Quality system for test services", 45)],
    ),
    cap(
        "sdu-health-innovation",
        "trial_unit",
        "Clinical trial unit for medical technology studies",
        "Plans and runs clinical investigations of medical devices and welfare technology with "
        "Odense University Hospital and municipalities.",
        "The unit writes the protocol, handles ethics and data protection approvals, recruits "
        "patients and citizens, monitors the study and delivers the clinical evaluation "
        "report. Experience with MDR clinical investigations and pragmatic randomised trials "
        "in home care.",
        tech=["Medical device", "Telehealth and remote monitoring"],
        areas=["Rehabilitation", "Geriatrics", "Dementia", "Wound care"],
        settings=["Hospital ward", "Home care", "Nursing home"],
        certs=[(DPIA, "Approved study data platform", -20)],
        refs=[("Odense Municipality", "Randomised trial of a fall-detection sensor", 2023)],
    ),
    cap(
        "sdu-health-innovation",
        "research_group",
        "Robotics for care and rehabilitation research group",
        "SDU Robotics researchers who develop and evaluate robots that assist care workers and "
        "patients in rehabilitation.",
        "The group works on robotic lifting and repositioning, exoskeletons for "
        "rehabilitation and logistics robots in hospitals, and evaluates them with staff in "
        "real wards and care homes.",
        tech=["Robotics and automation", "Assistive and welfare technology"],
        areas=["Rehabilitation", "Nursing and care logistics"],
        settings=["Nursing home", "Hospital ward"],
        trl=5,
    ),
    cap(
        "force-technology",
        "test_bed",
        "Electrical safety and EMC testing of medical devices",
        "Accredited testing of medical electrical equipment to IEC 60601-1 and IEC 60601-1-2, "
        "with a report ready for the technical file.",
        "We test prototypes and finished devices for electrical safety, electromagnetic "
        "compatibility and environmental stress, and advise on design changes when a test "
        "fails. Pre-compliance days let start-ups find problems early.",
        tech=["Medical device", "IoT / wearables and sensors"],
        areas=["Cardiology", "Intensive care"],
        settings=["Hospital ward", "Citizen's home (self-care)"],
        trl=7,
        certs=[(ISO13485, "Supplier audit by DNV", 25), (ISO27001, "Test data handling", 400)],
    ),
    cap(
        "danish-technological-institute",
        "test_bed",
        "Welfare technology test centre with real users",
        "A test home and a care-home flat where companies and municipalities try welfare "
        "technology with citizens and care workers before buying it.",
        "The centre arranges test sessions with citizens, relatives and care staff, observes "
        "use and writes a usability and implementation report. It is often used before a "
        "municipal market dialogue or procurement.",
        tech=["Assistive and welfare technology", "Robotics and automation"],
        areas=["Geriatrics", "Dementia", "Rehabilitation"],
        settings=["Nursing home", "Home care", "Municipality services"],
        trl=6,
    ),
]
