"""Capabilities for screening and patient monitoring in hospitals and primary care (6 companies,
18 capabilities)."""

from healthmatch.demo.builders import capability as cap
from healthmatch.demo.terms import AI_ACT, DPIA, IEC62304, ISO13485, MDR_I, MDR_IIA

SOFTWARE = "Digital health software"
REMOTE = "Telehealth and remote monitoring"
DATA = "Health data and interoperability"
TRAINING = "E-learning and training"
SENSORS = "IoT / wearables and sensors"

CAPABILITIES_MONITORING = [
    # --- Delira ApS -----------------------------------------------------------------------------
    cap(
        "delira",
        "product",
        "Delira delirium screening app",
        "Bedside app that guides nurses through a validated delirium screening (4AT) each "
        "shift and escalates positive screenings to the doctor.",
        "Screening takes two minutes and is documented in the record through an integration. "
        "The app also suggests non-drug prevention actions (sleep, hydration, mobilisation, "
        "glasses and hearing aids) and tracks whether they were done.",
        tech=[SOFTWARE, "Health data and interoperability"],
        areas=["Geriatrics", "Dementia", "Intensive care"],
        settings=["Hospital ward", "Intensive care unit", "Nursing home"],
        trl=8,
        certs=[(MDR_I, "Self-declared", None), (IEC62304, "Class A", None)],
        refs=[("Odense University Hospital", "Pilot on two geriatric and orthopaedic wards", 2024)],
    ),
    cap(
        "delira",
        "competence",
        "Delirium prevention training",
        "Training programme on delirium for nurses and assistants, built by geriatricians.",
        "Includes e-learning, simulation cases and audit tools.",
        tech=["E-learning and training"],
        areas=["Geriatrics", "Dementia"],
        settings=["Hospital ward", "Nursing home"],
    ),
    cap(
        "delira",
        "product",
        "Post-operative delirium risk prediction",
        "Model that predicts post-operative delirium risk from pre-operative data.",
        "Under development with anaesthesiologists; retrospective AUC 0.81.",
        tech=["AI / machine learning"],
        areas=["Surgery", "Geriatrics"],
        settings=["Operating theatre", "Hospital ward"],
        trl=4,
        status="draft",
    ),
    # --- Nutrisense ApS (unverified) --------------------------------------------------------------
    cap(
        "nutrisense",
        "product",
        "Nutrisense tray camera for food intake",
        "Camera at the dish return that estimates how much of each meal a patient ate, to "
        "flag malnutrition risk without manual food registration.",
        "Compares before and after images of the tray; results go to the ward's nutrition list.",
        tech=["AI / machine learning", SENSORS],
        areas=["Geriatrics", "Prevention and public health"],
        settings=["Hospital ward", "Nursing home"],
        trl=5,
        certs=[(DPIA, "In progress", None)],
        status="draft",  # unverified companies draft, but cannot publish
    ),
    cap(
        "nutrisense",
        "service",
        "Nutrition screening audit",
        "Audit of how a ward screens for and follows up on malnutrition.",
        "Carried out by a clinical dietitian over two weeks.",
        tech=["Health data and interoperability"],
        areas=["Geriatrics"],
        settings=["Hospital ward"],
        status="draft",  # unverified companies draft, but cannot publish
    ),
    cap(
        "nutrisense",
        "product",
        "Protein snack ordering app",
        "Tablet app where patients order protein-rich snacks between meals.",
        "Orders go straight to the ward kitchen.",
        tech=[SOFTWARE],
        areas=["Geriatrics", "Oncology"],
        settings=["Hospital ward"],
        trl=6,
        status="draft",
    ),
    # --- Kognita AB -------------------------------------------------------------------------
    cap(
        "kognita",
        "product",
        "Kognita digital cognitive screening",
        "Tablet-based cognitive test battery with automatic scoring against Nordic norms, for "
        "early detection of cognitive impairment in primary care.",
        "Takes 15 minutes, can be administered by a nurse, and gives the GP a report that "
        "supports the decision to refer to the memory clinic. Available in Swedish, Danish and "
        "English.",
        tech=[SOFTWARE, "Diagnostics and IVD", "AI / machine learning"],
        areas=["Dementia", "Neurology", "Geriatrics"],
        settings=["Primary care", "Outpatient clinic"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 2862-MDR-0230", 610), (AI_ACT, "Under assessment", None)],
        refs=[("Region Uppsala", "Pilot at four primary care centres", 2025)],
    ),
    cap(
        "kognita",
        "product",
        "Cognitive follow-up after stroke",
        "Repeated cognitive tests during rehabilitation after stroke.",
        "Shows change over time to the rehabilitation team.",
        tech=[SOFTWARE],
        areas=["Neurology", "Rehabilitation"],
        settings=["Outpatient clinic", "Municipality services"],
        trl=7,
    ),
    cap(
        "kognita",
        "competence",
        "Normative data studies",
        "Collection of normative data for cognitive tests in new languages.",
        "Population sampling and statistics.",
        tech=[DATA],
        areas=["Neurology"],
        settings=["Outpatient clinic"],
    ),
    # --- Andas Medical AB -------------------------------------------------------------------
    cap(
        "andas-medical",
        "product",
        "Andas home spirometer",
        "Bluetooth spirometer with real-time coaching and quality grading, so patients with "
        "asthma and COPD can do valid spirometry at home.",
        "The app coaches the manoeuvre and grades it to ATS/ERS criteria; results and flow "
        "curves go to the clinic. Used for follow-up, home monitoring and diagnostics support.",
        tech=["Medical device", REMOTE, "IoT / wearables and sensors"],
        areas=["Respiratory medicine (COPD, asthma)", "Paediatrics"],
        settings=["Citizen's home (self-care)", "Primary care", "Outpatient clinic"],
        trl=9,
        certs=[(MDR_IIA, "Certificate 0413-MDR-0301", 200), (ISO13485, "QMS-0301", 200)],
        refs=[("Region Uppsala", "Home spirometry in primary care asthma clinics", 2023)],
    ),
    cap(
        "andas-medical",
        "service",
        "Spirometry quality training",
        "Certification course in spirometry for primary care nurses.",
        "Online theory plus practical assessment.",
        tech=[TRAINING],
        areas=["Respiratory medicine (COPD, asthma)"],
        settings=["Primary care"],
        trl=9,
    ),
    cap(
        "andas-medical",
        "product",
        "Asthma control app for children",
        "Game-based inhaler reminders and symptom diary for children with asthma.",
        "Parents and the clinic follow control over time.",
        tech=[SOFTWARE],
        areas=["Respiratory medicine (COPD, asthma)", "Paediatrics"],
        settings=["Citizen's home (self-care)"],
        trl=7,
    ),
    # --- Pedilink AB ------------------------------------------------------------------------
    cap(
        "pedilink",
        "product",
        "Pedilink home monitoring for premature infants",
        "Home kit with pulse oximetry, weight and feeding log plus video visits, so "
        "premature infants can go home earlier with neonatal follow-up.",
        "Parents record weight and feeding in the app; the neonatal team reviews data daily "
        "and meets the family on video. Shortened hospital stays by an average of nine days "
        "in our Swedish studies.",
        tech=[REMOTE, "IoT / wearables and sensors", SOFTWARE],
        areas=["Paediatrics"],
        settings=["Citizen's home (self-care)", "Hospital ward"],
        trl=9,
        certs=[(MDR_IIA, "Certificate 2862-MDR-0410", -60), (DPIA, "Completed", None)],
        refs=[("Akademiska sjukhuset (Uppsala University Hospital)", "Neonatal home care", 2022)],
    ),
    cap(
        "pedilink",
        "product",
        "MammaLink remote monitoring in pregnancy",
        "Home blood pressure and glucose monitoring with midwife dashboard for gestational "
        "diabetes and pregnancy hypertension.",
        "Fewer routine visits, alerts on rising blood pressure.",
        tech=[REMOTE, "IoT / wearables and sensors"],
        areas=["Women's health and obstetrics", "Diabetes and endocrinology"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 2862-MDR-0411", 400)],
        refs=[("Central Denmark Region", "Gestational diabetes pilot at Aarhus", 2025)],
    ),
    cap(
        "pedilink",
        "competence",
        "Family-centred neonatal care design",
        "Advice on organising neonatal home care and family rooms.",
        "Built on ten years of neonatal nursing experience.",
        tech=[REMOTE],
        areas=["Paediatrics"],
        settings=["Hospital ward"],
    ),
    # --- Somnio Oy --------------------------------------------------------------------------
    cap(
        "somnio",
        "product",
        "Somnio contact-free sleep monitoring",
        "Sensor strip under the mattress that measures sleep, heart rate and breathing "
        "without touching the patient.",
        "Gives ICU and geriatric wards an objective measure of patients' sleep, and alerts "
        "on abnormal breathing. Works with any hospital bed.",
        tech=["IoT / wearables and sensors", "Medical device"],
        areas=["Intensive care", "Geriatrics", "Psychiatry and mental health"],
        settings=["Intensive care unit", "Hospital ward", "Nursing home"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 0598-MDR-1402", 330), (ISO13485, "QMS-1402", 330)],
        refs=[
            ("Akademiska sjukhuset (Uppsala University Hospital)", "Sleep study in the ICU", 2023)
        ],
    ),
    cap(
        "somnio",
        "product",
        "Ward noise and light sensors",
        "Sensors that measure noise peaks and light at night and show staff when the ward is "
        "too loud.",
        "Traffic-light display and weekly report on night-time noise.",
        tech=["IoT / wearables and sensors"],
        areas=["Intensive care", "Nursing and care logistics"],
        settings=["Intensive care unit", "Hospital ward"],
        trl=8,
        refs=[("Odense University Hospital", "Noise mapping in the ICU", 2025)],
    ),
    cap(
        "somnio",
        "competence",
        "Sleep research collaboration",
        "Research partnerships on sleep in hospital patients.",
        "Study design and data analysis.",
        tech=[DATA],
        areas=["Intensive care"],
        settings=["Intensive care unit"],
    ),
]
