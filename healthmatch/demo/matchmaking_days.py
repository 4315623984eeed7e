"""The demo's matchmaking days: one held a few weeks ago, one open for registration. Natural
key: the hub and the title. Loaded by seed_events.py through the event services.

Times are the event's local times on the Tuesday of the week ``day`` days from the demo's day
(negative: before it).
``participants`` maps each person's email to what they pitch (a buyer's needs, by title) or
bring (a company's capabilities, by title); each registers for their own organisation.
``requests`` are (asker, asked, demo state, need title, capability title, message); the person
asked answers, the asker cancels. Requests of the past day still pending at its request
deadline expire there; the upcoming day's expired requests are those of a first round whose
deadline (the demo's day) has passed, after which the organiser gave more time (``request
deadline``). ``no_shows`` did not come; everybody else confirmed was checked in.
"""

HOSPITAL = "hospital@demo.healthmatch.local"
MUNICIPALITY = "municipality@demo.healthmatch.local"
COMPANY = "company@demo.healthmatch.local"
JONAS = "jonas.winther@ouh.demo.healthmatch.local"
BIRTHE = "birthe.nygaard@odense.demo.healthmatch.local"
PETER = "peter.frandsen@rsyd.demo.healthmatch.local"
KARI = "kari.haugen@ous.demo.healthmatch.local"
OLA = "ola.lunde@bergen.demo.healthmatch.local"
DOSERA = "jakob.vestergaard@dosera.demo.healthmatch.local"
REHOIST = "henrik.bundgaard@rehoist.demo.healthmatch.local"
SKINSIGHT = "line.bach@skinsight.demo.healthmatch.local"
CARECOACH = "sara.iversen@carecoach.demo.healthmatch.local"
CONTINUA = "marianne.skov@continua.demo.healthmatch.local"
DELIRA = "kirsten.lauridsen@delira.demo.healthmatch.local"
THERMAFOOT = "julie.mikkelsen@thermafoot.demo.healthmatch.local"
NATTVAKT = "eirik.dahl@nattvakt.demo.healthmatch.local"
HJERTELINK = "marte.berg@hjertelink.demo.healthmatch.local"
TRYGGHEIM = "tone.myklebust@tryggheim.demo.healthmatch.local"
FJORD = "sindre.nilsen@fjord-robotics.demo.healthmatch.local"
SDU = "anders.bech@sdu.demo.healthmatch.local"

PRESSURE_ULCERS = "Early warning of pressure ulcers in bedridden patients"
DELIRIUM = "Systematic delirium screening for older patients in acute medicine"
FOOT_ULCERS = "Preventing diabetic foot ulcers with home monitoring"
FALLS = "Fall detection and prevention in nursing homes"
DISPENSING = "Automatic medication dispensing for citizens receiving home care"
CONTINENCE = "Individual continence care in nursing homes"
NIGHT_DK = "Digitalt natligt tilsyn på plejecentre"
VR_TRAINING = "VR training in safe medication handling for new nurses"
WOUNDS = "Telemedicinsk sårvurdering mellem kommune og hospital"
HEART = "Remote follow-up of patients with heart failure"
ROBOTS = "Autonome roboter for transport av prøver og legemidler"
DISPENSERS_NO = "Medication dispensers for home-dwelling citizens"
NIGHT_NO = "Digitalt nattilsyn i hjemmetjenesten"

RADAR = "VigilRadar contact-free fall detection sensor"
NIGHT_DASHBOARD = "Digital night supervision dashboard and implementation"
DISPENSER = "Dosera Home automatic medication dispenser"
REPOSITIONING = "Automatic repositioning bed module"
WOUND_APP = "SkinSight wound documentation app"
VR_MEDICATION = "VR simulation training in medication handling"
INCONTINENCE = "Continua incontinence sensor strip"
PRESSURE_MAT = "Pressure-mapping mattress overlay"
DELIRA_APP = "Delira delirium screening app"
FOOT_MAT = "Thermafoot smart foot mat for diabetic foot ulcer prevention"
NATTVAKT_SUPERVISION = "Nattvakt digital night supervision"
HEART_FOLLOW_UP = "HjerteLink remote follow-up for heart failure"
GPS_WATCH = "Tryggheim GPS watch and geofence for dementia"
AMR = "Fjord AMR autonomous hospital transport robot"
TRIAL_UNIT = "Clinical trial unit for medical technology studies"

MATCHMAKING_DAYS = [
    {
        "hub": "welfare-tech",
        "title": "Welfare Tech matchmaking day",
        "description": (
            "Hospitals, municipalities and the region of Southern Denmark pitch their needs in "
            "welfare technology; companies meet them one to one in 20-minute meetings at "
            "numbered tables. The organiser schedules every accepted request."
        ),
        "venue": "Odense Congress Center, Ørbækvej 350, Odense",
        "time_zone": "Europe/Copenhagen",
        "language": "en",
        "day": -21,
        "hours": ("09:00", "16:00"),
        "registration_closes_days_before": 5,
        "request_deadline_days_before": 2,
        "capacity": 80,
        "max_meetings_buyer": 8,
        "max_meetings_company": 6,
        "sessions": [
            ("Morning meetings", "09:30", "12:00"),
            ("Afternoon meetings", "13:00", "15:30"),
        ],
        "meeting_minutes": 20,
        "break_minutes": 5,
        "tables": 8,
        "participants": {
            HOSPITAL: [PRESSURE_ULCERS, DELIRIUM],
            JONAS: [FOOT_ULCERS],
            MUNICIPALITY: [FALLS, DISPENSING],
            BIRTHE: [CONTINENCE, NIGHT_DK],
            PETER: [VR_TRAINING, WOUNDS],
            COMPANY: [RADAR, NIGHT_DASHBOARD],
            DOSERA: [DISPENSER],
            REHOIST: [REPOSITIONING],
            SKINSIGHT: [WOUND_APP],
            CARECOACH: [VR_MEDICATION],
            CONTINUA: [INCONTINENCE, PRESSURE_MAT],
            DELIRA: [DELIRA_APP],
        },
        "requests": [
            (
                COMPANY,
                MUNICIPALITY,
                "accepted",
                FALLS,
                RADAR,
                "Our radar runs in 40 nursing homes; we would like to show you the fall data.",
            ),
            (
                BIRTHE,
                COMPANY,
                "accepted",
                NIGHT_DK,
                NIGHT_DASHBOARD,
                "We want fewer night rounds at Ejerslykke. Can your dashboard help?",
            ),
            (
                HOSPITAL,
                REHOIST,
                "accepted",
                PRESSURE_ULCERS,
                REPOSITIONING,
                "Could the repositioning module run on our medical wards?",
            ),
            (
                CONTINUA,
                HOSPITAL,
                "accepted",
                PRESSURE_ULCERS,
                PRESSURE_MAT,
                "Our mattress overlay warns before a pressure ulcer forms.",
            ),
            (
                DELIRA,
                HOSPITAL,
                "accepted",
                DELIRIUM,
                DELIRA_APP,
                "Delira screens in two minutes at the bedside.",
            ),
            (DOSERA, MUNICIPALITY, "accepted", DISPENSING, DISPENSER, ""),
            (
                SKINSIGHT,
                PETER,
                "accepted",
                WOUNDS,
                WOUND_APP,
                "Wound photos shared between home care and the hospital, in the record.",
            ),
            (CARECOACH, PETER, "accepted", VR_TRAINING, VR_MEDICATION, ""),
            (
                CONTINUA,
                BIRTHE,
                "accepted",
                CONTINENCE,
                INCONTINENCE,
                "Fewer pad changes at night, based on a sensor strip.",
            ),
            (
                JONAS,
                SKINSIGHT,
                "accepted",
                FOOT_ULCERS,
                WOUND_APP,
                "Do you document diabetic foot wounds too?",
            ),
            (
                COMPANY,
                HOSPITAL,
                "declined",
                PRESSURE_ULCERS,
                RADAR,
                "The radar also sees how long a patient lies still.",
            ),
            (DOSERA, JONAS, "declined", FOOT_ULCERS, DISPENSER, ""),
            (CARECOACH, HOSPITAL, "expired", DELIRIUM, VR_MEDICATION, ""),
            (REHOIST, BIRTHE, "expired", CONTINENCE, REPOSITIONING, ""),
            (DELIRA, PETER, "cancelled", None, DELIRA_APP, ""),
        ],
        "no_shows": [PETER, CARECOACH],
    },
    {
        "hub": "norway-health-tech",
        "title": "Nordic Health Tech Matchmaking",
        "description": (
            "Norway Health Tech's matchmaking day for Nordic hospitals, municipalities and "
            "companies: remote care, night supervision, medication and hospital logistics. "
            "Buyers pitch their needs; companies request 20-minute meetings; the organiser "
            "schedules the accepted ones."
        ),
        "venue": "Oslo Science Park, Gaustadalléen 21, Oslo",
        "time_zone": "Europe/Oslo",
        "language": "en",
        "day": 28,
        "hours": ("09:30", "16:00"),
        "registration_closes_days_before": 7,
        "request_deadline_days_before": 3,
        "capacity": 60,
        "max_meetings_buyer": 8,
        "max_meetings_company": 6,
        "sessions": [
            ("Morning meetings", "10:00", "12:15"),
            ("Afternoon meetings", "13:15", "15:30"),
        ],
        "meeting_minutes": 20,
        "break_minutes": 5,
        "tables": 12,
        "participants": {
            HOSPITAL: [PRESSURE_ULCERS, FOOT_ULCERS],
            MUNICIPALITY: [FALLS, NIGHT_DK, DISPENSING],
            KARI: [HEART, ROBOTS],
            OLA: [DISPENSERS_NO, NIGHT_NO],
            COMPANY: [RADAR, NIGHT_DASHBOARD],
            DOSERA: [DISPENSER],
            REHOIST: [REPOSITIONING],
            SKINSIGHT: [WOUND_APP],
            THERMAFOOT: [FOOT_MAT],
            NATTVAKT: [NATTVAKT_SUPERVISION],
            HJERTELINK: [HEART_FOLLOW_UP],
            TRYGGHEIM: [GPS_WATCH],
            FJORD: [AMR],
            SDU: [TRIAL_UNIT],
        },
        "requests": [
            # The first round, unanswered by its deadline (the demo's day).
            (
                FJORD,
                HOSPITAL,
                "expired",
                PRESSURE_ULCERS,
                AMR,
                "Our robots move beds and supplies between wards at night.",
            ),
            (TRYGGHEIM, MUNICIPALITY, "expired", FALLS, GPS_WATCH, ""),
            # The second round.
            (
                HOSPITAL,
                COMPANY,
                "accepted",
                PRESSURE_ULCERS,
                RADAR,
                "Can the radar tell us when a patient has not moved for two hours?",
            ),
            (
                KARI,
                HJERTELINK,
                "accepted",
                HEART,
                HEART_FOLLOW_UP,
                "We would like to hear about your results in Helse Vest.",
            ),
            (MUNICIPALITY, DOSERA, "accepted", DISPENSING, DISPENSER, ""),
            (OLA, NATTVAKT, "accepted", NIGHT_NO, NATTVAKT_SUPERVISION, ""),
            (SKINSIGHT, HOSPITAL, "declined", FOOT_ULCERS, WOUND_APP, ""),
            (
                COMPANY,
                KARI,
                "declined",
                None,
                RADAR,
                "The radar runs in hospital wards too, not only in care homes.",
            ),
            (HOSPITAL, DOSERA, "cancelled", None, DISPENSER, ""),
            (
                THERMAFOOT,
                HOSPITAL,
                "pending",
                FOOT_ULCERS,
                FOOT_MAT,
                "Our foot mat finds a hot spot days before an ulcer opens.",
            ),
            (
                REHOIST,
                HOSPITAL,
                "pending",
                PRESSURE_ULCERS,
                REPOSITIONING,
                "We met in Odense: shall we talk about a pilot on two wards?",
            ),
            (
                OLA,
                COMPANY,
                "pending",
                NIGHT_NO,
                NIGHT_DASHBOARD,
                "Bergen is choosing a night supervision solution this spring.",
            ),
            (
                MUNICIPALITY,
                COMPANY,
                "pending",
                NIGHT_DK,
                NIGHT_DASHBOARD,
                "A follow-up to the Welfare Tech day: night supervision this time.",
            ),
            (
                SDU,
                MUNICIPALITY,
                "pending",
                FALLS,
                TRIAL_UNIT,
                "Our trial unit can evaluate a fall-prevention pilot with your care homes.",
            ),
        ],
        "no_shows": [],
    },
]
