"""Danish companies of the demo world. Natural key: the organisation slug."""

from healthmatch.demo.builders import company

DK_ALL = [
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
]

COMPANIES_DK = [
    company(
        "vigil-sense",
        "Vigil Sense ApS",
        "welfare-tech",
        "DK",
        tagline="Contact-free radar that notices falls and restless nights, without cameras.",
        description=(
            "Spin-out from the University of Southern Denmark (SDU Robotics). We build 60 GHz "
            "radar sensors and a care dashboard for nursing homes, home care and hospital wards. "
            "Our sensors run in more than 40 Danish and Norwegian care facilities."
        ),
        employees=24,
        founded=2017,
        regions=[*DK_ALL, "Helse Vest", "Helse Sør-Øst"],
        languages=["da", "en", "nb"],
        contacts=[
            (
                "Camilla Krogh",
                "CEO and co-founder",
                "company@demo.healthmatch.local",
                "+45 6000 1001",
            ),
            ("Emil Thorsen", "Head of implementation", "emil@vigil-sense.example", "+45 6000 1002"),
        ],
    ),
    company(
        "dosera",
        "Dosera ApS",
        "welfare-tech",
        "DK",
        tagline="The right pill at the right time, also when nobody is there.",
        description=(
            "Dosera makes automatic medication dispensers for citizens living at home and the "
            "software home care uses to follow up on missed doses. Based in Odense."
        ),
        employees=31,
        founded=2014,
        regions=[*DK_ALL, "Helse Vest"],
        languages=["da", "en", "nb"],
        contacts=[("Jakob Vestergaard", "Sales director", "jakob@dosera.example", "+45 6000 1101")],
    ),
    company(
        "rehoist-robotics",
        "Rehoist Robotics ApS",
        "welfare-tech",
        "DK",
        tagline="Robotic lifts and repositioning that save care workers' backs.",
        description=(
            "We design ceiling-mounted and mobile robotic lifts that let one carer move a "
            "citizen safely, plus a repositioning system for hospital beds."
        ),
        employees=18,
        founded=2016,
        regions=["Region Syddanmark", "Region Hovedstaden", "Region Midtjylland"],
        languages=["da", "en", "de"],
        contacts=[("Henrik Bundgaard", "CTO", "henrik@rehoist-robotics.example", "+45 6000 1201")],
    ),
    company(
        "skinsight",
        "SkinSight ApS",
        "welfare-tech",
        "DK",
        tagline="Wound photos and measurements that home care and specialists can share.",
        description=(
            "SkinSight turns a smartphone into a wound documentation tool: guided photos, "
            "automatic wound area measurement and a shared record between home care, GPs and "
            "hospital wound clinics."
        ),
        employees=12,
        founded=2018,
        regions=[*DK_ALL, "Region Uppsala", "Region Stockholm"],
        languages=["da", "en", "sv"],
        contacts=[
            ("Line Bach", "Clinical product manager", "line@skinsight.example", "+45 6000 1301")
        ],
    ),
    company(
        "nordic-drone-logistics",
        "Nordic Drone Logistics ApS",
        "welfare-tech",
        "DK",
        tagline="Beyond-visual-line-of-sight drone transport for hospital samples.",
        description=(
            "Operator and integrator of medical drone routes between hospital sites, with an "
            "approved BVLOS operations manual from the Danish Civil Aviation Authority."
        ),
        employees=9,
        founded=2019,
        regions=["Region Syddanmark", "Region Sjælland"],
        languages=["da", "en"],
        contacts=[
            (
                "Nikolaj Friis",
                "Head of operations",
                "nikolaj@nordic-drone-logistics.example",
                "+45 6000 1401",
            )
        ],
    ),
    company(
        "carecoach-vr",
        "CareCoach VR ApS",
        "welfare-tech",
        "DK",
        tagline="VR simulation and e-learning for health and care staff.",
        description=(
            "We develop VR training scenarios and e-learning programmes for hospitals, "
            "municipalities and vocational schools, from medication handling to difficult "
            "conversations, and distraction experiences for patients."
        ),
        employees=15,
        founded=2015,
        regions=[*DK_ALL, "Helse Sør-Øst"],
        languages=["da", "en", "nb"],
        contacts=[("Sara Iversen", "Partner", "sara@carecoach-vr.example", "+45 6000 1501")],
    ),
    company(
        "continua-sensor",
        "Continua Sensor ApS",
        "welfare-tech",
        "DK",
        tagline="Sensors in incontinence pads and mattresses for dignified, planned care.",
        description=(
            "Continua makes moisture sensors for incontinence products and a pressure-mapping "
            "mattress overlay, both feeding the same care app used in nursing homes."
        ),
        employees=21,
        founded=2013,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[
            (
                "Marianne Skov",
                "Customer success lead",
                "marianne@continua-sensor.example",
                "+45 6000 1601",
            )
        ],
    ),
    company(
        "delira",
        "Delira ApS",
        "welfare-tech",
        "DK",
        tagline="Spot delirium early, prevent it systematically.",
        description=(
            "Founded by geriatricians and nurses from OUH. Delira provides a digital delirium "
            "screening and prevention programme built into the nurses' daily rounds."
        ),
        employees=7,
        founded=2020,
        regions=["Region Syddanmark", "Region Midtjylland"],
        languages=["da", "en"],
        contacts=[
            ("Kirsten Lauridsen", "Co-founder, MD", "kirsten@delira.example", "+45 6000 1701")
        ],
    ),
    company(
        "careroute",
        "CareRoute ApS",
        "welfare-tech",
        "DK",
        tagline="Route and shift planning for home care that adapts during the day.",
        description=(
            "CareRoute plans visits for home care groups based on competences, continuity and "
            "driving time, and re-plans when a carer calls in sick or a visit runs over."
        ),
        employees=26,
        founded=2012,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[
            ("Anders Kofoed", "Account manager", "anders@careroute.example", "+45 6000 1801")
        ],
    ),
    company(
        "balancegait",
        "Balancegait ApS",
        "welfare-tech",
        "DK",
        tagline="A two-minute walk that tells you who is about to fall.",
        description=(
            "Balancegait measures gait and balance with a single body-worn sensor and a tablet, "
            "producing a validated fall-risk score for geriatric clinics and municipal "
            "rehabilitation."
        ),
        employees=8,
        founded=2019,
        regions=["Region Syddanmark", "Region Midtjylland", "Region Hovedstaden"],
        languages=["da", "en"],
        contacts=[
            ("Rikke Vinther", "CEO, physiotherapist", "rikke@balancegait.example", "+45 6000 1901")
        ],
    ),
    company(
        "tolkeportalen",
        "Tolkeportalen ApS",
        "copenhagen-healthtech",
        "DK",
        tagline="A qualified interpreter on video within two minutes, in 60 languages.",
        description=(
            "Video interpretation for hospitals, GPs and municipalities, with certified health "
            "interpreters and integration into booking and video consultation systems."
        ),
        employees=45,
        founded=2011,
        regions=[*DK_ALL, "Region Skåne", "Region Uppsala"],
        languages=["da", "en", "sv"],
        contacts=[
            (
                "Yasmin Haddad",
                "Head of public sector",
                "yasmin@tolkeportalen.example",
                "+45 6000 2001",
            )
        ],
    ),
    company(
        "nutrisense",
        "Nutrisense ApS",
        "welfare-tech",
        "DK",
        verified=False,
        tagline="Know what patients actually eat.",
        description=(
            "Start-up measuring food intake on hospital trays with a camera at the dish return, "
            "to flag patients at risk of malnutrition."
        ),
        employees=4,
        founded=2023,
        regions=["Region Syddanmark"],
        languages=["da", "en"],
        contacts=[("Oliver Damgaard", "Founder", "oliver@nutrisense.example", "+45 6000 2101")],
    ),
    company(
        "kinetik-rehab",
        "Kinetik Rehab ApS",
        "medtech-innovation-consortium",
        "DK",
        tagline="Home rehabilitation with sensors and a physiotherapist who can see the progress.",
        description=(
            "Aarhus-based. Wireless motion sensors, an exercise app and a clinician dashboard "
            "for rehabilitation after joint replacement, stroke and hip fracture."
        ),
        employees=19,
        founded=2016,
        regions=[*DK_ALL, "Helse Sør-Øst"],
        languages=["da", "en", "nb"],
        contacts=[("Mette Kruse", "Clinical lead", "mette@kinetik-rehab.example", "+45 6000 2201")],
    ),
    company(
        "pulmohome",
        "PulmoHome ApS",
        "medtech-innovation-consortium",
        "DK",
        tagline="Telehealth kits and triage for people living with COPD.",
        description=(
            "PulmoHome delivers the measurement kit, the patient app and the triage service "
            "behind telehealth for COPD and heart failure, connected to regional platforms."
        ),
        employees=38,
        founded=2013,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[("Thomas Overgaard", "Director", "thomas@pulmohome.example", "+45 6000 2301")],
    ),
    company(
        "samplr",
        "Samplr ApS",
        "medtech-innovation-consortium",
        "DK",
        tagline="Automation for the pre-analytical part of the hospital laboratory.",
        description=(
            "Samplr builds modular robots that receive, sort, decap and register blood and "
            "urine samples before analysis, and integrates them with the laboratory system."
        ),
        employees=34,
        founded=2015,
        regions=[*DK_ALL, "Region Skåne"],
        languages=["da", "en", "sv"],
        contacts=[("Kasper Lind", "Sales engineer", "kasper@samplr.example", "+45 6000 2401")],
    ),
    company(
        "thermafoot",
        "Thermafoot ApS",
        "medtech-innovation-consortium",
        "DK",
        tagline="Temperature mapping of the diabetic foot, at home, in one minute.",
        description=(
            "A thermal-imaging foot mat that detects the local temperature rise that precedes "
            "a diabetic foot ulcer, with alerts to the foot clinic."
        ),
        employees=11,
        founded=2018,
        regions=["Region Midtjylland", "Region Syddanmark", "Region Nordjylland"],
        languages=["da", "en"],
        contacts=[("Julie Mikkelsen", "CEO", "julie@thermafoot.example", "+45 6000 2501")],
    ),
    company(
        "conduit-health-data",
        "Conduit Health Data ApS",
        "medtech-innovation-consortium",
        "DK",
        tagline="FHIR integration between devices, apps and health records.",
        description=(
            "Integration platform and consultancy that connects home measurement devices, "
            "patient-reported outcomes and third-party apps to Danish health records and the "
            "national infrastructure, using HL7 FHIR."
        ),
        employees=22,
        founded=2016,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[
            (
                "Morten Aagaard",
                "Integration architect",
                "morten@conduit-health-data.example",
                "+45 6000 2601",
            )
        ],
    ),
    company(
        "sepsio-analytics",
        "Sepsio Analytics ApS",
        "copenhagen-healthtech",
        "DK",
        tagline="Machine learning that warns before the patient deteriorates.",
        description=(
            "Copenhagen start-up building clinical prediction models on vital signs and lab "
            "data: sepsis, deterioration on general wards and acute readmission."
        ),
        employees=14,
        founded=2019,
        regions=["Region Hovedstaden", "Region Syddanmark", "Region Uppsala"],
        languages=["da", "en", "sv"],
        contacts=[
            (
                "Ida Rasmussen",
                "Chief medical officer",
                "ida@sepsio-analytics.example",
                "+45 6000 2701",
            )
        ],
    ),
    company(
        "dictara",
        "Dictara ApS",
        "copenhagen-healthtech",
        "DK",
        tagline="Speech recognition that understands Danish clinicians.",
        description=(
            "Danish-language speech recognition and structured note generation trained on "
            "clinical vocabulary, running in Danish data centres."
        ),
        employees=17,
        founded=2017,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[
            ("Frederik Munk", "Head of product", "frederik@dictara.example", "+45 6000 2801")
        ],
    ),
    company(
        "hygitrack",
        "HygiTrack ApS",
        "copenhagen-healthtech",
        "DK",
        tagline="Hand hygiene compliance, measured and fed back in real time.",
        description=(
            "Smart dispensers and room beacons that measure hand hygiene opportunities and "
            "compliance, with anonymous ward-level feedback."
        ),
        employees=10,
        founded=2018,
        regions=["Region Hovedstaden", "Region Sjælland", "Region Skåne"],
        languages=["da", "en", "sv"],
        contacts=[
            ("Signe Holm", "Infection control nurse", "signe@hygitrack.example", "+45 6000 2901")
        ],
    ),
    company(
        "printbone",
        "Printbone ApS",
        "copenhagen-healthtech",
        "DK",
        tagline="Patient-specific surgical guides and models, printed at the point of care.",
        description=(
            "Segmentation, surgical planning and 3D printing of patient-specific guides and "
            "anatomical models, from a certified lab or inside the hospital."
        ),
        employees=13,
        founded=2016,
        regions=DK_ALL,
        languages=["da", "en"],
        contacts=[
            ("Victor Laursen", "Biomedical engineer", "victor@printbone.example", "+45 6000 3001")
        ],
    ),
    company(
        "flowlogic",
        "Flowlogic Hospital Systems A/S",
        "copenhagen-healthtech",
        "DK",
        sme=False,
        tagline="Real-time patient flow, bed management and hospital logistics.",
        description=(
            "Flowlogic provides real-time location, task management for porters and cleaning, "
            "and bed management to hospitals in six countries."
        ),
        employees=320,
        founded=2006,
        regions=[*DK_ALL, "Helse Sør-Øst", "Region Stockholm"],
        languages=["da", "en", "sv", "nb", "de"],
        contacts=[
            (
                "Christian Bang",
                "Key account director",
                "christian@flowlogic.example",
                "+45 6000 3101",
            )
        ],
    ),
    company(
        "mindbridge",
        "Mindbridge Digital Therapeutics ApS",
        "copenhagen-healthtech",
        "DK",
        tagline="Guided internet CBT for anxiety and depression.",
        description=(
            "Therapist-guided internet-delivered CBT programmes for adults and adolescents, "
            "used by psychiatric services as first-line treatment and while patients wait."
        ),
        employees=20,
        founded=2015,
        regions=[*DK_ALL, "Helse Sør-Øst"],
        languages=["da", "en", "nb"],
        contacts=[
            (
                "Astrid Juhl",
                "Psychologist, head of clinic",
                "astrid@mindbridge.example",
                "+45 6000 3201",
            )
        ],
    ),
]
