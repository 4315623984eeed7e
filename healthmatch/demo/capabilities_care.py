"""Capabilities for elder care, home care and rehabilitation (11 companies, 33 capabilities)."""

from healthmatch.demo.builders import capability as cap
from healthmatch.demo.terms import DPIA, FHIR, IEC62304, ISO13485, ISO27001, MDR_I, MDR_IIA

ASSISTIVE = "Assistive and welfare technology"
SENSORS = "IoT / wearables and sensors"
SOFTWARE = "Digital health software"
REMOTE = "Telehealth and remote monitoring"

CAPABILITIES_CARE = [
    # --- Vigil Sense ApS ------------------------------------------------------------------
    cap(
        "vigil-sense",
        "product",
        "VigilRadar contact-free fall detection sensor",
        "Wall-mounted 60 GHz radar that detects falls and long periods on the floor, without "
        "cameras or wearables, and alerts staff on their care phone.",
        "VigilRadar sees movement and posture through a privacy-preserving radar point cloud, "
        "so it works in bathrooms and in the dark. It recognises a fall, a person lying on the "
        "floor and a resident getting out of bed at night, and sends the alarm with the room "
        "number to the existing nurse-call or care-phone system. False alarms in our Odense "
        "pilot were under one per apartment per month.",
        tech=[SENSORS, ASSISTIVE],
        areas=["Geriatrics", "Dementia", "Nursing and care logistics"],
        settings=["Nursing home", "Home care", "Hospital ward"],
        trl=9,
        certs=[
            (MDR_I, "EUDAMED SRN DK-MF-000012345, self-declared", None),
            (DPIA, "DPIA template reviewed with Odense Municipality DPO", 220),
            (ISO27001, "Certificate 2023-ISMS-0412 (Bureau Veritas)", 45),
        ],
        refs=[
            ("Odense Municipality", "12-month pilot in two nursing homes, 80 apartments", 2023),
            ("Bergen Municipality", "Night supervision in home services, 35 citizens", 2024),
        ],
    ),
    cap(
        "vigil-sense",
        "service",
        "Digital night supervision dashboard and implementation",
        "Care dashboard that replaces routine night-time door checks with sensor-based "
        "supervision, including workflow redesign with the night staff.",
        "We combine VigilRadar data on sleep, restlessness and bed exits into one night-shift "
        "overview and help the care team decide which residents need a physical visit. The "
        "service includes a four-week implementation course, consent templates and monthly "
        "follow-up on alarms, false alarms and visits saved.",
        tech=[SOFTWARE, ASSISTIVE, SENSORS],
        areas=["Geriatrics", "Dementia", "Nursing and care logistics"],
        settings=["Nursing home", "Home care", "Municipality services"],
        trl=8,
        certs=[(DPIA, "DPIA completed for night supervision use case", 400)],
        refs=[("Odense Municipality", "Night-shift redesign at Ejerslykke nursing home", 2024)],
    ),
    cap(
        "vigil-sense",
        "product",
        "VigilRadar Activity: early signs of functional decline",
        "Trend reports on daily activity, night-time toilet visits and time in bed that flag "
        "residents whose pattern changes, e.g. a urinary tract infection or a beginning delirium.",
        "Using the same radar sensor, the Activity module learns each resident's normal day "
        "and reports deviations to the responsible nurse once a day. We are validating the "
        "alerts against UTI diagnoses and hospital admissions with a university partner.",
        tech=[SENSORS, "AI / machine learning", ASSISTIVE],
        areas=["Geriatrics", "Prevention and public health", "Infection control"],
        settings=["Nursing home", "Home care"],
        trl=6,
        status="draft",
    ),
    # --- Dosera ApS ------------------------------------------------------------------------
    cap(
        "dosera",
        "product",
        "Dosera Home automatic medication dispenser",
        "Locked dispenser that releases pouches from the pharmacy at the right time, with "
        "sound and light reminders and a missed-dose alert to home care.",
        "The dispenser takes standard multi-dose pouch rolls from the pharmacy, releases one "
        "pouch at each planned time and registers when it is taken. A missed dose triggers a "
        "call from the home care team. Citizens who manage the device themselves avoid up to "
        "three home care visits a day.",
        tech=[ASSISTIVE, "Medical device", SENSORS],
        areas=["Pharmacy and medication", "Geriatrics", "Nursing and care logistics"],
        settings=["Home care", "Citizen's home (self-care)"],
        trl=9,
        certs=[
            (MDR_IIA, "Certificate 2797-MDR-5521 (BSI)", 510),
            (ISO13485, "Certificate QMS-884 (DNV)", 30),
        ],
        refs=[
            ("Bergen Municipality", "Roll-out to 260 citizens in home services", 2022),
            ("Odense Municipality", "Test with 40 citizens with dementia", 2021),
        ],
    ),
    cap(
        "dosera",
        "service",
        "Medication dispenser operation and follow-up service",
        "We run the dispensers for the municipality: refills, logistics with the pharmacy, "
        "24/7 alarm reception and monthly adherence reports.",
        "Municipalities that lack staff for device logistics can buy the full service: we "
        "deliver, install and refill the dispensers, receive missed-dose alarms in our Odense "
        "call centre and pass the ones that need a visit to home care.",
        tech=[ASSISTIVE, "Logistics and hospital operations"],
        areas=["Pharmacy and medication", "Nursing and care logistics"],
        settings=["Home care", "Municipality services"],
        trl=9,
        refs=[("Region of Southern Denmark", "Shared service for three municipalities", 2023)],
    ),
    cap(
        "dosera",
        "product",
        "Unit-dose packaging for hospital wards",
        "Bedside unit-dose pouches with barcode and patient name, for closed-loop "
        "medication on hospital wards.",
        "A compact packaging robot for the hospital pharmacy that produces unit-dose pouches "
        "per patient and administration time, with a barcode that nurses scan at the bedside.",
        tech=["Robotics and automation", "Logistics and hospital operations"],
        areas=["Pharmacy and medication"],
        settings=["Hospital ward"],
        trl=7,
        certs=[(MDR_I, "Self-declared, technical file v2.1", None)],
    ),
    # --- Rehoist Robotics ApS ----------------------------------------------------------------
    cap(
        "rehoist-robotics",
        "product",
        "Rehoist ceiling lift with robotic transfer",
        "Ceiling lift that lets one carer move a citizen from bed to wheelchair or toilet, "
        "with motorised positioning instead of manual pulling.",
        "Designed for two-carer transfers in home care and nursing homes. The lift guides the "
        "sling along a pre-taught path, so a single carer can do the transfer safely. Cuts "
        "double-staffed visits and heavy lifts that cause back injuries.",
        tech=["Robotics and automation", ASSISTIVE],
        areas=["Nursing and care logistics", "Rehabilitation"],
        settings=["Home care", "Nursing home"],
        trl=8,
        certs=[(MDR_I, "Self-declared, EN ISO 10535 tested", None)],
        refs=[("Copenhagen Municipality", "Test in 12 homes with double-staffed visits", 2024)],
    ),
    cap(
        "rehoist-robotics",
        "product",
        "Automatic repositioning bed module",
        "Bed insert that turns bedridden patients on a schedule to prevent pressure ulcers, "
        "without staff having to lift.",
        "Air chambers under the mattress tilt the patient 30 degrees left and right on a "
        "schedule set by the nurse. Repositioning is logged for documentation.",
        tech=["Robotics and automation", "Medical device"],
        areas=["Wound care", "Nursing and care logistics", "Intensive care"],
        settings=["Hospital ward", "Nursing home", "Intensive care unit"],
        trl=7,
        certs=[(MDR_IIA, "Application with notified body 0123", None)],
        refs=[("Odense University Hospital", "Feasibility test in the geriatric ward", 2025)],
    ),
    cap(
        "rehoist-robotics",
        "competence",
        "Ergonomics assessment of transfer situations",
        "Our physiotherapists map lifts and transfers in a care unit and recommend aids, "
        "staffing and training that cut heavy lifts.",
        "Two-day observation study with a report on transfer situations, injury risk and "
        "the business case for lifting aids.",
        tech=[ASSISTIVE, "E-learning and training"],
        areas=["Nursing and care logistics", "Rehabilitation"],
        settings=["Home care", "Nursing home", "Hospital ward"],
        refs=[("Gentofte Municipality", "Assessment of two home care districts", 2025)],
    ),
    # --- SkinSight ApS ----------------------------------------------------------------------
    cap(
        "skinsight",
        "product",
        "SkinSight wound documentation app",
        "Guided smartphone photos with automatic wound area measurement, shared between home "
        "care, GPs and the hospital wound clinic.",
        "A calibration sticker next to the wound lets the app measure area and colour "
        "composition. Photos never stay on the phone; they go straight to a shared wound record "
        "that the specialist can comment on, which replaces many physical outpatient visits.",
        tech=[SOFTWARE, REMOTE, "AI / machine learning"],
        areas=["Wound care", "Diabetes and endocrinology", "Geriatrics"],
        settings=["Home care", "Outpatient clinic", "Primary care"],
        trl=9,
        certs=[
            (MDR_I, "Self-declared, UDI-DI 05790001234567", None),
            (DPIA, "Completed 2024", 300),
        ],
        refs=[
            (
                "Region of Southern Denmark",
                "Telemedical wound assessment with 11 municipalities",
                2022,
            ),
            ("Region Uppsala", "Pilot in two primary care centres", 2024),
        ],
    ),
    cap(
        "skinsight",
        "product",
        "AI wound classification for chronic wounds",
        "Deep-learning model that suggests tissue type and healing trend for pressure ulcers, "
        "venous ulcers and diabetic foot ulcers.",
        "The model estimates granulation, slough and necrosis share from each photo and plots "
        "healing over time, so non-healing wounds are escalated earlier.",
        tech=["AI / machine learning", SOFTWARE],
        areas=["Wound care", "Diabetes and endocrinology"],
        settings=["Outpatient clinic", "Home care"],
        trl=6,
        certs=[(MDR_IIA, "Planned, QMS in place", None)],
        refs=[("Aarhus University Hospital", "Retrospective validation on 3,400 photos", 2025)],
    ),
    cap(
        "skinsight",
        "service",
        "Wound care training for home care staff",
        "Blended course in wound assessment and photo documentation for social and health "
        "care assistants.",
        "Three e-learning modules and a half-day workshop with a wound specialist nurse.",
        tech=["E-learning and training"],
        areas=["Wound care"],
        settings=["Home care", "Nursing home"],
        status="archived",
    ),
    # --- Continua Sensor ApS ----------------------------------------------------------------
    cap(
        "continua-sensor",
        "product",
        "Continua incontinence sensor strip",
        "Thin moisture sensor in the incontinence pad that tells staff when a change is "
        "needed, instead of checking on a fixed schedule.",
        "The strip measures wetness and volume and sends a notification to the care app. "
        "A three-day mapping produces an individual toilet and change plan. Nursing homes "
        "report fewer night-time checks, fewer skin problems and better sleep.",
        tech=[SENSORS, ASSISTIVE],
        areas=["Geriatrics", "Nursing and care logistics", "Wound care"],
        settings=["Nursing home", "Home care"],
        trl=9,
        certs=[(MDR_I, "Self-declared", None), (ISO13485, "Certificate Q-3310 (TÜV)", -40)],
        refs=[("Odense Municipality", "Individual continence plans at three nursing homes", 2023)],
    ),
    cap(
        "continua-sensor",
        "product",
        "Pressure-mapping mattress overlay",
        "Sensor mat under the sheet that shows pressure hot spots and time since last "
        "repositioning, to prevent pressure ulcers.",
        "1,024 pressure points update every ten seconds. Nurses see a heat map and get a "
        "reminder when a patient has lain in the same position too long.",
        tech=[SENSORS, "Medical device"],
        areas=["Wound care", "Intensive care", "Geriatrics"],
        settings=["Hospital ward", "Intensive care unit", "Nursing home"],
        trl=8,
        certs=[(MDR_I, "Self-declared", None)],
        refs=[("Odense University Hospital", "Eight-bed pilot in orthopaedic surgery", 2024)],
    ),
    cap(
        "continua-sensor",
        "product",
        "Urine sensor for early signs of urinary tract infection",
        "Pad sensor that measures urine markers and flags a possible urinary tract infection "
        "before symptoms become severe.",
        "Colour-change chemistry in the pad is read by the sensor clip; the app shows trends "
        "in nitrite and leukocyte markers. In clinical evaluation.",
        tech=[SENSORS, "Diagnostics and IVD"],
        areas=["Infection control", "Geriatrics"],
        settings=["Nursing home"],
        trl=5,
        status="draft",
    ),
    # --- CareRoute ApS ------------------------------------------------------------------------
    cap(
        "careroute",
        "product",
        "CareRoute dynamic route planning for home care",
        "Plans home care visits by competence, continuity and driving time, and re-plans "
        "automatically when something changes during the day.",
        "Integrates with the municipal care record, calculates routes for cars, bikes and "
        "e-bikes and keeps the same carer with the same citizen as often as possible.",
        tech=[SOFTWARE, "Logistics and hospital operations", "AI / machine learning"],
        areas=["Nursing and care logistics"],
        settings=["Home care", "Municipality services"],
        trl=9,
        certs=[(ISO27001, "Certificate IS-7781", 190), (DPIA, "Completed", None)],
        refs=[("Copenhagen Municipality", "Route planning for 4 home care areas", 2022)],
    ),
    cap(
        "careroute",
        "service",
        "Home care planning analysis",
        "Data analysis of a home care group's visits, travel and continuity, with concrete "
        "planning changes and expected time saved.",
        "Based on six months of visit data, delivered in four weeks.",
        tech=["Logistics and hospital operations", "Health data and interoperability"],
        areas=["Nursing and care logistics"],
        settings=["Municipality services", "Home care"],
        refs=[("Odense Municipality", "Analysis of the north district's planning", 2023)],
    ),
    cap(
        "careroute",
        "product",
        "Shift and substitute planning for nursing homes",
        "Rota planning with automatic substitute calls when staff report sick.",
        "Finds qualified substitutes by SMS in priority order and respects working time rules.",
        tech=[SOFTWARE, "Logistics and hospital operations"],
        areas=["Nursing and care logistics"],
        settings=["Nursing home"],
        trl=8,
    ),
    # --- Balancegait ApS ----------------------------------------------------------------------
    cap(
        "balancegait",
        "product",
        "Balancegait fall-risk assessment",
        "Two-minute walk test with one body-worn sensor that gives a validated fall-risk "
        "score and a recommended training programme.",
        "The sensor on the lower back measures gait speed, step variability and sway. The "
        "score is validated against falls in the following year among 900 people over 65, "
        "and works in geriatric outpatient clinics, nursing homes and municipal rehabilitation.",
        tech=[SENSORS, "Medical device", "AI / machine learning"],
        areas=["Geriatrics", "Rehabilitation", "Prevention and public health"],
        settings=["Outpatient clinic", "Municipality services", "Nursing home"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 2797-MDR-6012", 700), (IEC62304, "Class B software", None)],
        refs=[
            (
                "Aarhus University Hospital",
                "Validation study in the geriatric outpatient clinic",
                2023,
            ),
            ("Odense Municipality", "Fall-risk screening in preventive home visits", 2024),
        ],
    ),
    cap(
        "balancegait",
        "service",
        "Fall prevention programme for municipalities",
        "Screening, targeted balance training and follow-up measurement, run together with "
        "the municipality's physiotherapists.",
        "We train the therapists, deliver the sensors and report the effect on falls.",
        tech=[ASSISTIVE, "E-learning and training"],
        areas=["Geriatrics", "Prevention and public health", "Rehabilitation"],
        settings=["Municipality services"],
        trl=9,
    ),
    cap(
        "balancegait",
        "competence",
        "Gait and balance analysis for clinical studies",
        "Sensor-based gait endpoints for clinical trials in neurology and orthopaedics.",
        "Protocol design, data collection and analysis of gait endpoints.",
        tech=[SENSORS, "Health data and interoperability"],
        areas=["Neurology", "Orthopaedics"],
        settings=["Outpatient clinic"],
    ),
    # --- Nattvakt AS --------------------------------------------------------------------------
    cap(
        "nattvakt",
        "product",
        "Nattvakt digital night supervision",
        "Depth sensor and night-shift app that let staff check on residents digitally "
        "instead of opening the door, with alarms for bed exit and falls.",
        "The sensor shows an anonymised stick figure, never a video image, and the night "
        "staff decide per resident which events should alarm. Used in Norwegian home "
        "services to replace up to 70 percent of physical night visits.",
        tech=[SENSORS, ASSISTIVE, REMOTE],
        areas=["Geriatrics", "Dementia", "Nursing and care logistics"],
        settings=["Nursing home", "Home care"],
        trl=9,
        certs=[(MDR_I, "Self-declared", None), (DPIA, "Completed with KS template", 120)],
        refs=[
            ("Bergen Municipality", "Digitalt nattilsyn for 120 brukere i hjemmetjenesten", 2023),
            ("Oslo University Hospital", "Test on a geriatric ward at Ullevål", 2024),
        ],
    ),
    cap(
        "nattvakt",
        "service",
        "Implementation of digital night supervision",
        "Change management, consent and routines for moving from physical to digital "
        "night supervision.",
        "Workshops with night staff, templates for individual decisions and follow-up reports.",
        tech=[ASSISTIVE, "E-learning and training"],
        areas=["Nursing and care logistics", "Dementia"],
        settings=["Municipality services", "Home care"],
        trl=9,
    ),
    cap(
        "nattvakt",
        "product",
        "Nattvakt epilepsy seizure alarm",
        "Bed sensor that detects major seizures during sleep and alerts staff or relatives.",
        "Detects tonic-clonic seizures from movement and sound patterns.",
        tech=[SENSORS, "Medical device"],
        areas=["Neurology", "Paediatrics"],
        settings=["Citizen's home (self-care)", "Nursing home"],
        trl=7,
        certs=[(MDR_IIA, "Notified body audit planned", None)],
    ),
    # --- Tryggheim AS -------------------------------------------------------------------------
    cap(
        "tryggheim",
        "product",
        "Tryggheim GPS watch and geofence for dementia",
        "GPS watch with fall alarm and geofencing that lets people with dementia walk on "
        "their own while relatives or staff are alerted if they get lost.",
        "Battery lasts five days. Alarms go to relatives, the home care team or our 24/7 "
        "alarm centre according to a plan agreed with the citizen. Meets the Norwegian "
        "national welfare technology programme's requirements for location technology.",
        tech=[SENSORS, ASSISTIVE, REMOTE],
        areas=["Dementia", "Geriatrics"],
        settings=["Citizen's home (self-care)", "Home care", "Nursing home"],
        trl=9,
        certs=[
            (MDR_I, "Self-declared", None),
            (DPIA, "Completed", 60),
            (ISO27001, "ISMS-2231", 400),
        ],
        refs=[
            ("Bergen Municipality", "Lokaliseringsteknologi for 90 personer med demens", 2022),
            ("Copenhagen Municipality", "Pilot with 25 citizens and relatives", 2024),
        ],
    ),
    cap(
        "tryggheim",
        "service",
        "24/7 alarm reception for welfare technology",
        "Alarm centre that receives and triages alarms from GPS, fall sensors and "
        "safety alarms on behalf of municipalities.",
        "Nurses handle alarms in Norwegian and Danish and call out home services when needed.",
        tech=[REMOTE, "Logistics and hospital operations"],
        areas=["Geriatrics", "Nursing and care logistics"],
        settings=["Municipality services", "Home care"],
        trl=9,
        refs=[("Stavanger Municipality", "Alarm reception for 1,800 safety alarms", 2021)],
    ),
    cap(
        "tryggheim",
        "product",
        "GPS insole",
        "GPS tracker hidden in the shoe insole for people who do not want to wear a watch.",
        "Charged wirelessly overnight; same alarm platform as the watch.",
        tech=[SENSORS, ASSISTIVE],
        areas=["Dementia"],
        settings=["Citizen's home (self-care)"],
        trl=8,
    ),
    # --- Hoiva Robotics Oy --------------------------------------------------------------------
    cap(
        "hoiva-robotics",
        "product",
        "Hoiva Screen video communication for older people",
        "One-touch video calls, reminders and online group activities on a simple screen, "
        "to reduce loneliness among older people living alone.",
        "No menus, no passwords: family and carers call in, and the municipality runs online "
        "activity groups (exercise, singing, reminiscence) several times a week. Also used "
        "for virtual home care visits.",
        tech=[ASSISTIVE, REMOTE, SOFTWARE],
        areas=["Geriatrics", "Psychiatry and mental health", "Prevention and public health"],
        settings=["Citizen's home (self-care)", "Home care", "Municipality services"],
        trl=9,
        certs=[(DPIA, "Completed", None), (ISO27001, "Certificate FI-ISMS-119", 260)],
        refs=[("Odense Municipality", "Online activity groups for 60 citizens", 2022)],
    ),
    cap(
        "hoiva-robotics",
        "service",
        "Virtual home care visits",
        "Replace selected home care visits (reminders, supervision, conversations) by video.",
        "We set up the workflow, train carers and measure which visit types work by video.",
        tech=[REMOTE, ASSISTIVE],
        areas=["Nursing and care logistics", "Geriatrics"],
        settings=["Home care"],
        trl=9,
    ),
    cap(
        "hoiva-robotics",
        "product",
        "Social robot companion",
        "Table-top robot that talks, plays music and reminds of meals and medicine.",
        "Early product; tested with 10 users in Tampere.",
        tech=["Robotics and automation", ASSISTIVE],
        areas=["Dementia", "Geriatrics"],
        settings=["Citizen's home (self-care)"],
        trl=5,
        status="archived",
    ),
    # --- Kinetik Rehab ApS --------------------------------------------------------------------
    cap(
        "kinetik-rehab",
        "product",
        "Kinetik home rehabilitation after knee and hip replacement",
        "Wireless motion sensors and an exercise app that guide patients through their home "
        "training, while the physiotherapist follows range of motion and adherence.",
        "Two sensors on the leg measure knee flexion and repetitions during each exercise. "
        "The physiotherapist adjusts the programme remotely and calls in patients who fall "
        "behind, instead of seeing everyone at fixed controls.",
        tech=[SENSORS, REMOTE, SOFTWARE],
        areas=["Orthopaedics", "Rehabilitation"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        trl=9,
        certs=[(MDR_I, "Self-declared", None), (FHIR, "Conformance to DK core profiles", None)],
        refs=[("Aarhus University Hospital", "Randomised pilot with 120 knee patients", 2023)],
    ),
    cap(
        "kinetik-rehab",
        "product",
        "Exergames for stroke rehabilitation",
        "Motion-based training games for arm and balance training after stroke, at home "
        "or in the municipal training centre.",
        "Uses a depth camera and the Kinetik sensors; difficulty adapts to the patient.",
        tech=["VR / AR and simulation", SENSORS, ASSISTIVE],
        areas=["Neurology", "Rehabilitation"],
        settings=["Municipality services", "Citizen's home (self-care)"],
        trl=7,
        refs=[("Odense Municipality", "Test in the municipal rehabilitation centre", 2025)],
    ),
    cap(
        "kinetik-rehab",
        "service",
        "Hip fracture home training programme",
        "Twelve-week supervised home training after hip fracture, delivered with municipal "
        "physiotherapists.",
        "Combines sensor-guided exercises with video check-ins.",
        tech=[REMOTE, ASSISTIVE],
        areas=["Orthopaedics", "Rehabilitation", "Geriatrics"],
        settings=["Citizen's home (self-care)", "Municipality services"],
        trl=8,
    ),
]
