"""Capabilities in telehealth, digital care, data and training (10 companies, 30)."""

from healthmatch.demo.builders import capability as cap
from healthmatch.demo.terms import (
    DPIA,
    FHIR,
    IEC62304,
    ISO13485,
    ISO27001,
    MDR_I,
    MDR_IIA,
    NIS2,
)

SOFTWARE = "Digital health software"
REMOTE = "Telehealth and remote monitoring"
DATA = "Health data and interoperability"
TRAINING = "E-learning and training"
VR = "VR / AR and simulation"

CAPABILITIES_DIGITAL = [
    # --- CareCoach VR ApS -------------------------------------------------------------------
    cap(
        "carecoach-vr",
        "product",
        "VR simulation training in medication handling",
        "Virtual-reality scenarios where nurses and assistants practise preparing, checking "
        "and administering medicine, with errors built into the scenarios.",
        "Twelve scenarios from the ward and home care, each with a debrief of the errors the "
        "learner caught and missed. Runs on stand-alone headsets, no PC required. Developed "
        "with clinical educators and used in onboarding of new staff.",
        tech=[VR, TRAINING],
        areas=["Pharmacy and medication", "Nursing and care logistics"],
        settings=["Hospital ward", "Home care", "Nursing home"],
        trl=9,
        refs=[
            ("Region of Southern Denmark", "Onboarding of 300 new nurses", 2023),
            (
                "Odense Municipality",
                "Medication training for social and health care assistants",
                2022,
            ),
        ],
    ),
    cap(
        "carecoach-vr",
        "product",
        "VR distraction for children during painful procedures",
        "Calming VR worlds that children explore during cannulation, wound care and "
        "burns dressing, reducing pain and anxiety.",
        "Games adapt to procedure length; staff control the session from a tablet. Hygiene "
        "covers for the headset fit infection control requirements.",
        tech=[VR, "Medical device"],
        areas=["Paediatrics", "Wound care"],
        settings=["Hospital ward", "Outpatient clinic", "Emergency department"],
        trl=8,
        certs=[(MDR_I, "Self-declared", None)],
        refs=[("Oslo University Hospital", "Children's surgical ward pilot", 2024)],
    ),
    cap(
        "carecoach-vr",
        "service",
        "E-learning production for health and care",
        "We produce e-learning, video and patient information for hospitals and "
        "municipalities, from script to LMS upload.",
        "Including pre-operative patient information videos and quizzes.",
        tech=[TRAINING, SOFTWARE],
        areas=["Surgery", "Prevention and public health"],
        settings=["Outpatient clinic", "Municipality services"],
        trl=9,
        refs=[("Odense University Hospital", "Patient videos for day surgery", 2021)],
    ),
    # --- Tolkeportalen ApS ------------------------------------------------------------------
    cap(
        "tolkeportalen",
        "service",
        "On-demand video interpretation for healthcare",
        "Certified health interpreters on video within two minutes, around the clock, in "
        "60 languages, from any tablet or phone.",
        "Staff start a call from the app or from the video consultation system; the "
        "interpreter appears in the call. Usage is billed per minute and reported per "
        "department.",
        tech=[REMOTE, SOFTWARE],
        areas=[
            "Emergency medicine",
            "Women's health and obstetrics",
            "Prevention and public health",
        ],
        settings=["Emergency department", "Outpatient clinic", "Home care", "Primary care"],
        trl=9,
        certs=[(ISO27001, "Certificate DK-ISMS-1120", 500), (DPIA, "Completed", None)],
        refs=[
            ("Rigshospitalet", "Video interpretation in obstetrics", 2022),
            ("Region Uppsala", "Interpretation in primary care, 8 centres", 2024),
        ],
    ),
    cap(
        "tolkeportalen",
        "product",
        "Interpretation booking integration",
        "Books interpreters automatically from the appointment system when a patient needs one.",
        "Reads the interpreter flag in the booking and reserves the language.",
        tech=[DATA, SOFTWARE],
        areas=["Nursing and care logistics"],
        settings=["Outpatient clinic"],
        trl=8,
    ),
    cap(
        "tolkeportalen",
        "competence",
        "Cultural and language competence training",
        "Courses for staff in working with interpreters and patients with limited Danish.",
        "Half-day workshop, in person or online.",
        tech=[TRAINING],
        areas=["Prevention and public health"],
        settings=["Home care", "Primary care"],
        status="archived",
    ),
    # --- Conduit Health Data ApS -----------------------------------------------------------
    cap(
        "conduit-health-data",
        "product",
        "Conduit FHIR integration platform for home measurements",
        "Collects measurements from home devices and apps and delivers them to the health "
        "record and the national telehealth infrastructure as HL7 FHIR resources.",
        "Supports the Danish telemedicine profiles, device pairing, patient consent and "
        "audit logs. Vendors connect once; hospitals and municipalities see the data in their "
        "own systems.",
        tech=[DATA, SOFTWARE, REMOTE],
        areas=["Respiratory medicine (COPD, asthma)", "Cardiology", "Diabetes and endocrinology"],
        settings=["Citizen's home (self-care)", "Outpatient clinic", "Home care"],
        trl=9,
        certs=[
            (FHIR, "DK core and telemedicine profiles, Connectathon 2024", None),
            (ISO27001, "Certificate DK-ISMS-2218", 80),
            (NIS2, "Compliant", None),
        ],
        refs=[("Central Denmark Region", "Integration of four telehealth vendors", 2024)],
    ),
    cap(
        "conduit-health-data",
        "service",
        "Patient-reported outcomes integration",
        "Integration of PRO questionnaires into clinical workflows and records.",
        "Questionnaires are answered at home and shown to the clinician before the visit.",
        tech=[DATA, SOFTWARE],
        areas=["Oncology", "Psychiatry and mental health"],
        settings=["Outpatient clinic"],
        trl=9,
        refs=[("Aarhus University Hospital", "PRO in oncology outpatient clinics", 2023)],
    ),
    cap(
        "conduit-health-data",
        "competence",
        "Interoperability architecture and FHIR consultancy",
        "Architecture, profiling and test of FHIR interfaces for vendors and buyers.",
        "Including procurement requirements for interoperability.",
        tech=[DATA],
        areas=["Nursing and care logistics"],
        settings=["Municipality services", "Hospital ward"],
    ),
    # --- PulmoHome ApS ----------------------------------------------------------------------
    cap(
        "pulmohome",
        "product",
        "PulmoHome COPD telehealth kit",
        "Tablet, pulse oximeter, scale and symptom questionnaire that let people with COPD "
        "report from home, with automatic triage of worrying measurements.",
        "Measurements and answers are scored against individual thresholds set by the "
        "clinician. Green results need no action; yellow and red go to the telehealth nurse. "
        "Reduces admissions for exacerbations and the number of routine outpatient visits.",
        tech=[REMOTE, "IoT / wearables and sensors", SOFTWARE],
        areas=["Respiratory medicine (COPD, asthma)"],
        settings=["Citizen's home (self-care)", "Home care", "Outpatient clinic"],
        trl=9,
        certs=[
            (MDR_IIA, "Certificate 2797-MDR-3390 (BSI)", 300),
            (FHIR, "DK telemedicine profiles", None),
            (ISO13485, "QMS-3390", 300),
        ],
        refs=[
            ("Central Denmark Region", "Telehealth for 1,100 COPD patients", 2022),
            ("Region of Southern Denmark", "Tablet kit for the regional COPD programme", 2021),
        ],
    ),
    cap(
        "pulmohome",
        "service",
        "Telehealth nurse triage service",
        "Our respiratory nurses monitor patients' data and escalate to the hospital or "
        "municipality when needed.",
        "Weekdays 8-20, with documented handover procedures.",
        tech=[REMOTE],
        areas=["Respiratory medicine (COPD, asthma)", "Cardiology"],
        settings=["Citizen's home (self-care)"],
        trl=9,
    ),
    cap(
        "pulmohome",
        "product",
        "Heart failure module",
        "Weight, blood pressure and symptom follow-up for heart failure on the same kit.",
        "Alerts on weight gain of 2 kg in three days.",
        tech=[REMOTE],
        areas=["Cardiology"],
        settings=["Citizen's home (self-care)"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 2797-MDR-3390 (BSI)", 300)],
    ),
    # --- Mindbridge Digital Therapeutics ApS ----------------------------------------------
    cap(
        "mindbridge",
        "product",
        "Mindbridge guided internet CBT for anxiety and depression",
        "Twelve-week therapist-guided internet CBT programmes for adults and adolescents with "
        "mild to moderate anxiety and depression.",
        "Patients work through modules and exercises; a psychologist gives written feedback "
        "weekly. Effect comparable to face-to-face CBT in randomised trials, at a third of the "
        "therapist time. Adolescent version used while patients wait for child and "
        "adolescent psychiatry.",
        tech=[SOFTWARE, REMOTE],
        areas=["Psychiatry and mental health", "Paediatrics"],
        settings=["Outpatient clinic", "Citizen's home (self-care)"],
        trl=9,
        certs=[(MDR_IIA, "Certificate 0344-MDR-1188", 150), (DPIA, "Completed", None)],
        refs=[("Rigshospitalet", "Internet psychiatry for adults, 400 patients", 2022)],
    ),
    cap(
        "mindbridge",
        "service",
        "Therapist training in internet-delivered therapy",
        "Training of psychologists and nurses to guide internet CBT.",
        "Two-day course plus supervision.",
        tech=[TRAINING],
        areas=["Psychiatry and mental health"],
        settings=["Outpatient clinic"],
        trl=9,
    ),
    cap(
        "mindbridge",
        "product",
        "Insomnia CBT programme",
        "Six-week digital CBT for insomnia.",
        "Sleep diary, sleep restriction and follow-up.",
        tech=[SOFTWARE],
        areas=["Psychiatry and mental health"],
        settings=["Citizen's home (self-care)", "Primary care"],
        trl=8,
        status="draft",
    ),
    # --- HjerteLink AS ----------------------------------------------------------------------
    cap(
        "hjertelink",
        "product",
        "HjerteLink remote follow-up for heart failure",
        "Connected scale, blood pressure monitor and daily symptom questions with a nurse "
        "dashboard that prioritises patients with signs of decompensation.",
        "Nurses adjust diuretics by protocol after a phone call, instead of waiting for "
        "admission. The dashboard shows trends and medication, and the data is stored in "
        "Norway. Used by two Norwegian cardiology departments.",
        tech=[REMOTE, "IoT / wearables and sensors", SOFTWARE],
        areas=["Cardiology"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        trl=9,
        certs=[(MDR_IIA, "Certificate 2460-MDR-1320 (DNV)", 25), (DPIA, "Completed", None)],
        refs=[("Oslo University Hospital", "Follow-up of 250 heart failure patients", 2023)],
    ),
    cap(
        "hjertelink",
        "product",
        "Atrial fibrillation screening with wearable ECG",
        "Two-week patch ECG for detecting atrial fibrillation after stroke or in screening.",
        "Automatic analysis with cardiologist over-read.",
        tech=["IoT / wearables and sensors", "AI / machine learning"],
        areas=["Cardiology", "Neurology"],
        settings=["Outpatient clinic", "Primary care"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 2460-MDR-1321", 500)],
    ),
    cap(
        "hjertelink",
        "competence",
        "Remote monitoring service design",
        "Helps departments design remote follow-up protocols and staffing.",
        "Based on experience from Norwegian and Danish programmes.",
        tech=[REMOTE],
        areas=["Cardiology", "Respiratory medicine (COPD, asthma)"],
        settings=["Outpatient clinic"],
    ),
    # --- Ungsinn AS -------------------------------------------------------------------------
    cap(
        "ungsinn",
        "product",
        "Ungsinn app for youth mental health",
        "Self-help modules, mood tracking and chat with a therapist for young people aged "
        "13-19 on waiting lists or in treatment.",
        "Content built with adolescents and BUP clinicians; the therapist sees mood trends "
        "and can send modules. Safety plan and crisis routing included.",
        tech=[SOFTWARE, REMOTE],
        areas=["Psychiatry and mental health", "Paediatrics"],
        settings=["Citizen's home (self-care)", "Outpatient clinic", "Municipality services"],
        trl=8,
        certs=[(MDR_I, "Self-declared", None), (DPIA, "Completed", None)],
        refs=[("Oslo University Hospital", "Pilot in two BUP clinics", 2024)],
    ),
    cap(
        "ungsinn",
        "service",
        "School nurse mental health toolkit",
        "Conversation tools and referral guidance for school health services.",
        "Digital toolkit and training.",
        tech=[TRAINING],
        areas=["Psychiatry and mental health", "Prevention and public health"],
        settings=["Municipality services"],
        trl=8,
    ),
    cap(
        "ungsinn",
        "competence",
        "User involvement with young people",
        "We run co-design workshops with young people for health services.",
        "Recruitment, facilitation and reporting.",
        tech=[SOFTWARE],
        areas=["Paediatrics"],
        settings=["Municipality services"],
    ),
    # --- Pasientflyt AS ---------------------------------------------------------------------
    cap(
        "pasientflyt",
        "product",
        "Pasientflyt no-show prediction and smart reminders",
        "Predicts which outpatient appointments are likely to be missed, sends two-way SMS "
        "reminders and fills cancelled slots from the waiting list.",
        "The model uses appointment history and logistics; high-risk patients get an extra "
        "reminder or a call. Typical reduction in no-shows is 30-40 percent.",
        tech=["AI / machine learning", SOFTWARE, "Logistics and hospital operations"],
        areas=["Nursing and care logistics"],
        settings=["Outpatient clinic"],
        trl=9,
        certs=[(DPIA, "Completed", None), (ISO27001, "Certificate NO-ISMS-3011", 60)],
        refs=[("Aarhus University Hospital", "Pilot in two outpatient clinics", 2024)],
    ),
    cap(
        "pasientflyt",
        "product",
        "Self check-in and wayfinding",
        "Kiosk and mobile check-in with directions to the right waiting room.",
        "Integrates with the queue system.",
        tech=[SOFTWARE, "Logistics and hospital operations"],
        areas=["Nursing and care logistics"],
        settings=["Outpatient clinic"],
        trl=9,
    ),
    cap(
        "pasientflyt",
        "service",
        "Outpatient capacity analysis",
        "Analysis of slots, no-shows and waiting lists with recommendations.",
        "Four-week engagement.",
        tech=["Logistics and hospital operations"],
        areas=["Nursing and care logistics"],
        settings=["Outpatient clinic"],
    ),
    # --- Läkemedelskoll AB ------------------------------------------------------------------
    cap(
        "lakemedelskoll",
        "product",
        "Läkemedelskoll medication reconciliation",
        "Collects the patient's medicines from the national medication list, pharmacy "
        "dispensing and the record, and shows discrepancies for the pharmacist at admission.",
        "Reconciliation that took 30 minutes takes under ten. Flags high-risk medicines and "
        "interactions for older patients with polypharmacy.",
        tech=[SOFTWARE, DATA],
        areas=["Pharmacy and medication", "Geriatrics"],
        settings=["Hospital ward", "Emergency department", "Primary care"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 0413-MDR-0077", 370), (IEC62304, "Class B", None)],
        refs=[
            (
                "Akademiska sjukhuset (Uppsala University Hospital)",
                "Pilot in internal medicine",
                2024,
            )
        ],
    ),
    cap(
        "lakemedelskoll",
        "service",
        "Clinical pharmacist on demand",
        "Remote clinical pharmacists review medication for nursing home residents.",
        "Structured medication reviews by video.",
        tech=[REMOTE],
        areas=["Pharmacy and medication", "Geriatrics"],
        settings=["Nursing home", "Primary care"],
        trl=9,
    ),
    cap(
        "lakemedelskoll",
        "product",
        "Discharge medication letter generator",
        "Generates a patient-friendly medication list at discharge.",
        "In Swedish and English.",
        tech=[SOFTWARE],
        areas=["Pharmacy and medication"],
        settings=["Hospital ward"],
        trl=7,
    ),
    # --- Vårdflöde AB -----------------------------------------------------------------------
    cap(
        "vardflode",
        "product",
        "Vårdflöde digital triage for primary care",
        "Patients describe their problem in a structured digital form; the tool triages "
        "urgency and routes them to chat, video, the right professional or the emergency "
        "department.",
        "Cuts phone queues at primary care centres; staff handle digital contacts when it "
        "suits the day. Triage logic is based on the Swedish RETTS standard and reviewed by GPs.",
        tech=[SOFTWARE, REMOTE, "AI / machine learning"],
        areas=["Prevention and public health", "Emergency medicine"],
        settings=["Primary care"],
        trl=9,
        certs=[(MDR_IIA, "Certificate 2862-MDR-0145", 240), (ISO27001, "SE-ISMS-7721", 240)],
        refs=[("Region Uppsala", "Digital entrance in 12 primary care centres", 2023)],
    ),
    cap(
        "vardflode",
        "product",
        "Digital pre-operative information and check-in",
        "Patients receive information, questionnaires and reminders before surgery.",
        "Fewer cancellations on the day of surgery.",
        tech=[SOFTWARE],
        areas=["Surgery"],
        settings=["Outpatient clinic", "Operating theatre"],
        trl=9,
    ),
    cap(
        "vardflode",
        "service",
        "Chat consultation staffing",
        "Our licensed nurses staff the chat when the centre is busy.",
        "Evenings and weekends.",
        tech=[REMOTE],
        areas=["Prevention and public health"],
        settings=["Primary care"],
        trl=9,
    ),
]
