"""Norwegian, Swedish and Finnish companies of the demo world."""

from healthmatch.demo.builders import company

NO_ALL = ["Helse Sør-Øst", "Helse Vest", "Helse Midt-Norge", "Helse Nord"]
SE_ALL = ["Region Stockholm", "Region Uppsala", "Västra Götalandsregionen", "Region Skåne"]

COMPANIES_NORDIC = [
    company(
        "nattvakt",
        "Nattvakt AS",
        "norway-health-tech",
        "NO",
        tagline="Digitalt nattilsyn: supervision at night without waking anyone.",
        description=(
            "Nattvakt combines depth sensors and a night-shift app so home services and nursing "
            "homes can replace routine door checks with digital supervision."
        ),
        employees=16,
        founded=2016,
        regions=NO_ALL,
        languages=["nb", "en"],
        contacts=[("Eirik Dahl", "Daglig leder", "eirik@nattvakt.example", "+47 4000 1001")],
    ),
    company(
        "hjertelink",
        "HjerteLink AS",
        "norway-health-tech",
        "NO",
        tagline="Remote follow-up for heart failure, from the hospital into the living room.",
        description=(
            "Connected scale, blood pressure monitor and symptom questionnaire with a nurse "
            "dashboard, used by cardiology departments for heart failure follow-up."
        ),
        employees=23,
        founded=2015,
        regions=[*NO_ALL, "Region Midtjylland"],
        languages=["nb", "en", "da"],
        contacts=[("Marte Berg", "Product owner", "marte@hjertelink.example", "+47 4000 1101")],
    ),
    company(
        "strokeline",
        "Strokeline Medical AS",
        "norway-health-tech",
        "NO",
        tagline="Stroke diagnosis starts in the ambulance.",
        description=(
            "Portable EEG-based device that helps paramedics identify large-vessel occlusion "
            "stroke, so patients go straight to the thrombectomy centre."
        ),
        employees=12,
        founded=2018,
        regions=[*NO_ALL, "Region Hovedstaden"],
        languages=["nb", "en"],
        contacts=[
            ("Henrik Aasen", "Medical director", "henrik@strokeline.example", "+47 4000 1201")
        ],
    ),
    company(
        "tryggheim",
        "Tryggheim AS",
        "norway-health-tech",
        "NO",
        tagline="Freedom to go out, safety to come home: GPS for people with dementia.",
        description=(
            "GPS watches and soles, geofencing and an alarm service that municipalities use to "
            "support citizens with dementia who want to walk on their own."
        ),
        employees=27,
        founded=2012,
        regions=[*NO_ALL, "Region Hovedstaden", "Region Syddanmark"],
        languages=["nb", "da", "en"],
        contacts=[
            ("Tone Myklebust", "Key account manager", "tone@tryggheim.example", "+47 4000 1301")
        ],
    ),
    company(
        "ungsinn",
        "Ungsinn AS",
        "norway-health-tech",
        "NO",
        tagline="Mental health support for young people, on their phone.",
        description=(
            "Evidence-based self-help modules, mood tracking and chat with a therapist for "
            "adolescents aged 13-19, built with BUP clinics in Oslo."
        ),
        employees=9,
        founded=2020,
        regions=NO_ALL,
        languages=["nb", "en"],
        contacts=[
            ("Jonas Strand", "Co-founder, psychologist", "jonas@ungsinn.example", "+47 4000 1401")
        ],
    ),
    company(
        "fjord-robotics",
        "Fjord Robotics AS",
        "norway-health-tech",
        "NO",
        tagline="Autonomous mobile robots for hospital transport and disinfection.",
        description=(
            "Fjord Robotics builds autonomous mobile robots that carry samples, medicines and "
            "linen through hospital corridors and lifts, and a UV-C disinfection robot."
        ),
        employees=64,
        founded=2014,
        regions=[*NO_ALL, "Region Hovedstaden", "Region Stockholm"],
        languages=["nb", "en", "sv"],
        contacts=[
            ("Sindre Nilsen", "Sales manager", "sindre@fjord-robotics.example", "+47 4000 1501")
        ],
    ),
    company(
        "pasientflyt",
        "Pasientflyt AS",
        "norway-health-tech",
        "NO",
        tagline="Fewer empty slots in the outpatient clinic.",
        description=(
            "Predicts which outpatient appointments are likely to be missed and runs two-way "
            "SMS reminders, rebooking and waiting-list backfill."
        ),
        employees=14,
        founded=2017,
        regions=[*NO_ALL, "Region Midtjylland"],
        languages=["nb", "en", "da"],
        contacts=[("Lise Hagen", "CEO", "lise@pasientflyt.example", "+47 4000 1601")],
    ),
    company(
        "kvikk-diagnostikk",
        "Kvikk Diagnostikk AS",
        "norway-health-tech",
        "NO",
        verified=False,
        tagline="Lab answers at the bedside in eight minutes.",
        description=(
            "Point-of-care analysers for CRP, urine and HbA1c for emergency departments, GPs "
            "and nursing homes."
        ),
        employees=6,
        founded=2021,
        regions=["Helse Sør-Øst"],
        languages=["nb", "en"],
        contacts=[("Petter Moe", "Founder", "petter@kvikk-diagnostikk.example", "+47 4000 1701")],
    ),
    company(
        "radiolens",
        "Radiolens AB",
        "innovationsjakten",
        "SE",
        tagline="AI triage and contouring for radiology and radiotherapy.",
        description=(
            "Uppsala-based developer of CE-marked deep learning software for chest X-ray "
            "triage, fracture detection and automatic organ contouring."
        ),
        employees=29,
        founded=2017,
        regions=[*SE_ALL, "Region Hovedstaden", "Helse Sør-Øst"],
        languages=["sv", "en"],
        contacts=[
            ("Karin Ek", "Head of clinical affairs", "karin@radiolens.example", "+46 7000 1001")
        ],
    ),
    company(
        "uppsala-biosense",
        "Uppsala Biosense AB",
        "innovationsjakten",
        "SE",
        tagline="Sepsis biomarkers in 20 minutes, from one drop of blood.",
        description=(
            "Spin-out from Uppsala University developing a point-of-care immunoassay for early "
            "sepsis recognition in emergency departments."
        ),
        employees=11,
        founded=2019,
        regions=SE_ALL,
        languages=["sv", "en"],
        contacts=[("Per Ahlgren", "CEO", "per@uppsala-biosense.example", "+46 7000 1101")],
    ),
    company(
        "lakemedelskoll",
        "Läkemedelskoll AB",
        "innovationsjakten",
        "SE",
        tagline="Medication reconciliation that is done before the ward round.",
        description=(
            "Software that collects a patient's medication list from the national medication "
            "list, pharmacy data and the record, and highlights discrepancies for pharmacists."
        ),
        employees=8,
        founded=2020,
        regions=SE_ALL,
        languages=["sv", "en"],
        contacts=[
            ("Sara Nyström", "Pharmacist, founder", "sara@lakemedelskoll.example", "+46 7000 1201")
        ],
    ),
    company(
        "vardflode",
        "Vårdflöde AB",
        "innovationsjakten",
        "SE",
        tagline="Digital triage and chat for primary care.",
        description=(
            "Structured symptom intake, digital triage and chat consultations for primary care "
            "centres, built to reduce phone queues."
        ),
        employees=42,
        founded=2016,
        regions=SE_ALL,
        languages=["sv", "en", "fi"],
        contacts=[
            ("Anna Lundgren", "Customer director", "anna@vardflode.example", "+46 7000 1301")
        ],
    ),
    company(
        "kognita",
        "Kognita AB",
        "innovationsjakten",
        "SE",
        tagline="Cognitive screening on a tablet in 15 minutes.",
        description=(
            "Digital cognitive tests with automatic scoring and normative data, used in primary "
            "care and memory clinics for early detection of cognitive impairment."
        ),
        employees=10,
        founded=2018,
        regions=[*SE_ALL, "Region Hovedstaden"],
        languages=["sv", "en", "da"],
        contacts=[("Erik Wallin", "CEO", "erik@kognita.example", "+46 7000 1401")],
    ),
    company(
        "andas-medical",
        "Andas Medical AB",
        "innovationsjakten",
        "SE",
        tagline="Hospital-grade spirometry at home.",
        description=(
            "Bluetooth spirometer and app with quality-checked manoeuvres, so patients with "
            "asthma and COPD can be followed up without a visit."
        ),
        employees=13,
        founded=2017,
        regions=[*SE_ALL, "Region Midtjylland"],
        languages=["sv", "en", "da"],
        contacts=[
            ("Johanna Berg", "Medical affairs", "johanna@andas-medical.example", "+46 7000 1501")
        ],
    ),
    company(
        "pedilink",
        "Pedilink AB",
        "innovationsjakten",
        "SE",
        tagline="Going home sooner: remote monitoring for newborns and pregnancies.",
        description=(
            "Home monitoring kits and video follow-up for premature infants discharged early "
            "and for pregnant women with gestational diabetes or hypertension."
        ),
        employees=17,
        founded=2016,
        regions=[*SE_ALL, "Region Hovedstaden", "Region Midtjylland"],
        languages=["sv", "en", "da"],
        contacts=[
            (
                "Hanna Sandberg",
                "Neonatal nurse, product lead",
                "hanna@pedilink.example",
                "+46 7000 1601",
            )
        ],
    ),
    company(
        "somnio",
        "Somnio Oy",
        "innovationsjakten",
        "FI",
        tagline="Sleep and noise monitoring for patients who need rest to recover.",
        description=(
            "Helsinki-based. Contact-free sleep monitoring under the mattress plus ward noise "
            "sensors, used in intensive care and geriatric wards."
        ),
        employees=19,
        founded=2016,
        regions=["Uusimaa", "Region Uppsala", "Region Stockholm"],
        languages=["fi", "sv", "en"],
        contacts=[("Aino Virtanen", "Head of research", "aino@somnio.example", "+358 40 000 1001")],
    ),
    company(
        "hoiva-robotics",
        "Hoiva Robotics Oy",
        "welfare-tech",
        "FI",
        tagline="A simple screen that keeps older people in touch with family and care.",
        description=(
            "Tablet-based communication device with one-touch video calls, reminders and group "
            "activities for older people living alone, serviced from Tampere and Odense."
        ),
        employees=25,
        founded=2015,
        regions=["Uusimaa", "Region Syddanmark", "Region Hovedstaden"],
        languages=["fi", "en", "da"],
        contacts=[
            (
                "Mikko Laine",
                "Country manager Denmark",
                "mikko@hoiva-robotics.example",
                "+358 40 000 1101",
            )
        ],
    ),
]
