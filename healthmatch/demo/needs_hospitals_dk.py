"""Needs of Odense University Hospital and Aarhus University Hospital (English)."""

from healthmatch.demo.builders import need
from healthmatch.demo.terms import DPIA, FHIR, IEC62304, ISO13485, ISO27001, MDR_I, MDR_IIA

OUH = "odense-university-hospital"
AUH = "aarhus-university-hospital"

NEEDS_HOSPITALS_DK = [
    # --- Odense University Hospital -------------------------------------------------------
    need(
        OUH,
        "Early warning of pressure ulcers in bedridden patients",
        summary=(
            "We want to detect pressure injuries before the skin breaks in patients who cannot "
            "reposition themselves, without adding manual checks for nurses."
        ),
        description=(
            "About 8 percent of our inpatients develop a pressure ulcer during admission, most "
            "of them older patients after hip fracture surgery or in the ICU. Repositioning "
            "every two hours is the guideline, but on busy shifts it is not always done or "
            "documented, and we only see the damage when the skin is already red or broken.\n\n"
            "We are looking for a solution that tells the nurse which patients have been lying "
            "too long in the same position or show signs of tissue load, ideally combined with "
            "support for repositioning so that fewer manual lifts are needed."
        ),
        pathway=(
            "Risk assessment with the Braden scale at admission, repositioning plan on paper "
            "above the bed, daily skin inspection and photo documentation when a wound is found."
        ),
        affected=(
            "Bedridden patients in orthopaedic surgery, geriatrics and intensive care; nurses "
            "and porters who do the repositioning."
        ),
        scale="3 wards, 64 beds, around 2,500 at-risk patients a year",
        success=(
            "- 30 percent fewer hospital-acquired pressure ulcers of category 2 or higher\n"
            "- No extra documentation time for nurses\n"
            "- Works with our existing hospital beds and mattresses"
        ),
        areas=["Wound care", "Geriatrics", "Intensive care", "Nursing and care logistics"],
        settings=["Hospital ward", "Intensive care unit"],
        tech=["IoT / wearables and sensors", "Medical device", "Robotics and automation"],
        min_trl=7,
        regulatory=[MDR_I, DPIA],
        budget="50k-250k",
        route="pilot",
        deadline=45,
        age=40,
    ),
    need(
        OUH,
        "Systematic delirium screening for older patients in acute medicine",
        summary=(
            "One in four older patients develops delirium during admission and half of the "
            "cases are missed. We need screening that fits into every shift."
        ),
        description=(
            "Delirium prolongs admissions, increases mortality and is often the start of "
            "lasting cognitive decline. Our audits show that screening with the 4AT is done "
            "for fewer than 40 percent of patients over 70, mainly because it is done on paper "
            "and forgotten on evening and night shifts.\n\n"
            "We look for a digital tool that reminds and guides nurses to screen every shift, "
            "escalates positive screenings to the doctor and supports non-pharmacological "
            "prevention (sleep, hydration, mobilisation, hearing and vision aids)."
        ),
        pathway=(
            "4AT on paper at admission, then when a nurse suspects delirium. Positive "
            "screenings are phoned to the doctor on duty; prevention depends on the individual "
            "nurse."
        ),
        affected="Patients over 70 admitted acutely; nurses, doctors and relatives.",
        scale="Acute medical unit and two geriatric wards, about 9,000 admissions a year",
        success=(
            "- Screening documented for 90 percent of patients over 70 every shift\n"
            "- Earlier detection: median time to diagnosis below 24 hours\n"
            "- Integrated with the health record, no double documentation"
        ),
        areas=["Geriatrics", "Dementia", "Emergency medicine"],
        settings=["Hospital ward", "Emergency department"],
        tech=["Digital health software", "Health data and interoperability"],
        min_trl=7,
        regulatory=[MDR_I, DPIA],
        budget="50k-250k",
        route="innovation_partnership",
        deadline=60,
        age=30,
    ),
    need(
        OUH,
        "Drone transport of blood samples between Svendborg and Odense",
        summary=(
            "Samples from OUH Svendborg take 60-90 minutes by car to the Odense laboratory. We "
            "want to test scheduled drone transport across the South Funen route."
        ),
        description=(
            "Specialised analyses are only done in Odense. Today a courier car runs every two "
            "hours, and urgent samples need a taxi. Pathology and haematology samples from "
            "cancer patients are time-critical, and the car route is vulnerable to traffic.\n\n"
            "We seek an operator that can run beyond-visual-line-of-sight flights with "
            "temperature-controlled boxes, handle the authority approvals and land on our "
            "helipad or a roof port, with traceable handover to the laboratory."
        ),
        pathway="Courier car every two hours; taxi for urgent samples; about 45 km each way.",
        affected="Patients in South Funen, laboratory staff, porters and the courier service.",
        scale="Around 12 flights a day on one route, 45 km",
        success=(
            "- Door-to-lab time under 30 minutes for 95 percent of flights\n"
            "- No sample quality deviations compared with car transport\n"
            "- Approved operations manual and risk assessment (SORA)"
        ),
        areas=["Laboratory and pathology", "Oncology"],
        settings=["Hospital ward"],
        tech=["Logistics and hospital operations", "Robotics and automation"],
        min_trl=7,
        budget="250k-1m",
        route="pilot",
        deadline=75,
        age=25,
    ),
    need(
        OUH,
        "Preventing diabetic foot ulcers with home monitoring",
        summary=(
            "Patients with a healed diabetic foot ulcer have a 40 percent risk of a new one "
            "within a year. We want to spot the next ulcer before it opens."
        ),
        description=(
            "Our foot clinic sees patients every 4-12 weeks, but ulcers develop in days. Home "
            "temperature monitoring is recommended in international guidelines but hard for "
            "patients to do with handheld thermometers.\n\n"
            "We are looking for an easy home measurement that detects early inflammation, with "
            "alerts to the foot clinic so we can offer offloading and a visit the same week."
        ),
        pathway="Clinic visits every 4-12 weeks; patients check their feet themselves daily.",
        affected=(
            "People with diabetes and previous foot ulcers; podiatrists and foot clinic nurses."
        ),
        scale="450 high-risk patients in the Funen catchment area",
        success=(
            "- 40 percent fewer recurrent ulcers within 12 months\n"
            "- At least 80 percent of patients measuring five days a week\n"
            "- Data available in the clinic's system"
        ),
        areas=["Diabetes and endocrinology", "Wound care"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        tech=["Telehealth and remote monitoring", "IoT / wearables and sensors", "Medical device"],
        min_trl=7,
        regulatory=[MDR_IIA, FHIR],
        budget="50k-250k",
        route="pilot",
        deadline=90,
        age=20,
    ),
    need(
        OUH,
        "Patient-specific surgical guides for complex forearm corrections",
        summary=(
            "Hand surgery seeks patient-specific planning and 3D-printed guides for corrective "
            "osteotomies. Details are shared with invited companies only."
        ),
        description=(
            "Malunited forearm fractures in children and adults are corrected with osteotomies "
            "that are difficult to plan in three dimensions. Today the surgeon plans on 2D "
            "X-rays and CT slices, and operating time varies from two to five hours.\n\n"
            "We want a partner who can segment CT scans, plan the correction together with our "
            "surgeons and deliver sterilisable patient-specific cutting and drilling guides "
            "within a week. The partner must be able to document MDR compliance for "
            "custom-made devices and ideally help us establish printing at the hospital."
        ),
        pathway="2D planning on X-ray and CT; free-hand osteotomy with intraoperative X-ray.",
        affected=(
            "Children and adults with malunited forearm fractures; hand surgeons and theatre staff."
        ),
        scale="40-60 procedures a year",
        success=(
            "- Correction within 5 degrees of the plan in 90 percent of cases\n"
            "- 25 percent shorter operating time\n"
            "- Guides delivered within five working days"
        ),
        areas=["Orthopaedics", "Surgery", "Paediatrics"],
        settings=["Operating theatre"],
        tech=["Personalised / additive manufacturing", "Medical device"],
        min_trl=8,
        regulatory=[MDR_IIA, ISO13485],
        budget="50k-250k",
        route="innovation_partnership",
        deadline=50,
        confidential=True,
        invite=["printbone"],
        age=35,
    ),
    need(
        OUH,
        "Measuring what older patients eat on medical wards",
        summary=(
            "Half of our older medical patients eat less than they need. We want a simple way "
            "to know who is not eating, without manual food registration."
        ),
        description=(
            "Nutrition screening is done at admission, but actual food intake is only "
            "registered manually for patients already at risk, and registrations are "
            "incomplete. We lose weight and muscle we cannot regain.\n\n"
            "We are looking for automatic or very low-effort ways to measure intake per patient "
            "and to alert the dietitian when intake falls below 75 percent of need."
        ),
        pathway="NRS-2002 screening at admission; paper intake registration for at-risk patients.",
        affected="Patients over 65 on medical wards; nurses, kitchen staff and dietitians.",
        scale="Two wards, 48 beds",
        success=(
            "- Daily intake estimate for 90 percent of patients\n"
            "- Less than two minutes of staff time per patient a day"
        ),
        areas=["Geriatrics", "Prevention and public health"],
        settings=["Hospital ward"],
        tech=["AI / machine learning", "IoT / wearables and sensors"],
        min_trl=5,
        regulatory=[DPIA],
        budget="lt50k",
        route="market_dialogue",
        deadline=None,
        status="draft",
        age=6,
    ),
    need(
        OUH,
        "Speech recognition for Danish clinical documentation",
        summary=(
            "Doctors spend up to two hours a day documenting. We tested whether Danish speech "
            "recognition can replace dictation to secretaries."
        ),
        description=(
            "Dictations wait up to three days for transcription in some departments, which "
            "delays letters to GPs. We asked for speech recognition that handles Danish "
            "clinical language, runs on mobile devices during ward rounds and integrates with "
            "our health record."
        ),
        pathway="Dictation to secretaries; transcription within 1-3 days.",
        affected="Doctors, medical secretaries, GPs receiving discharge letters.",
        scale="Radiology and orthopaedics, about 150 clinicians",
        success=(
            "- Word error rate below 8 percent on clinical dictation\n"
            "- Discharge letters sent on the day of discharge"
        ),
        areas=["Radiology and imaging", "Orthopaedics"],
        settings=["Hospital ward", "Outpatient clinic"],
        tech=["AI / machine learning", "Digital health software"],
        min_trl=8,
        regulatory=[ISO27001, DPIA],
        budget="250k-1m",
        route="tender",
        deadline=-40,
        status="closed",
        age=170,
    ),
    need(
        OUH,
        "Quieter nights in the intensive care unit",
        summary=(
            "Noise and light at night disturb ICU patients' sleep and add to delirium. We want "
            "to measure sleep and noise, and give staff feedback they can act on."
        ),
        description=(
            "Peak noise levels in our ICU reach 80 dB at night, far above WHO recommendations. "
            "Staff are not aware of it while working. We want to measure noise and light per "
            "room, show it to staff in real time, and measure patients' sleep objectively to "
            "see whether interventions help."
        ),
        pathway="No measurement today; quiet hours 23-05 are agreed but not followed up.",
        affected="ICU patients, nurses and doctors on night shifts.",
        scale="18 ICU beds",
        success=(
            "- 50 percent fewer noise peaks above 65 dB at night\n"
            "- Objective sleep data for all ventilated and non-ventilated patients"
        ),
        areas=["Intensive care"],
        settings=["Intensive care unit"],
        tech=["IoT / wearables and sensors", "Medical device"],
        min_trl=7,
        regulatory=[MDR_IIA],
        budget="lt50k",
        route="pilot",
        deadline=100,
        status="submitted",
        age=8,
    ),
    need(
        OUH,
        "Digital preparation of patients before day surgery",
        summary=(
            "One in ten day-surgery operations is cancelled on the day, often because the "
            "patient was not prepared. We want digital information and check-in beforehand."
        ),
        description=(
            "Patients get a letter and a phone call. Some forget fasting rules or medicine "
            "pauses, or do not understand the information in Danish. We are looking for "
            "digital patient information with questionnaires and reminders, ideally with "
            "video, several languages and confirmation that the patient is ready."
        ),
        pathway="Letter three weeks before, phone call from a nurse two days before.",
        affected="Day-surgery patients and relatives; nurses in the pre-operative clinic.",
        scale="About 11,000 day-surgery patients a year",
        success=(
            "- Half as many same-day cancellations\n"
            "- 80 percent of patients confirm readiness digitally"
        ),
        areas=["Surgery"],
        settings=["Outpatient clinic", "Operating theatre"],
        tech=["Digital health software", "E-learning and training"],
        min_trl=8,
        budget="lt50k",
        route="market_dialogue",
        deadline=120,
        status="draft",
        returned=True,
        age=28,
    ),
    # --- Aarhus University Hospital ---------------------------------------------------------
    need(
        AUH,
        "Smarter bed management and porter logistics",
        summary=(
            "Patients wait in the emergency department for a bed while beds stand empty "
            "waiting for cleaning or porters. We want real-time flow and task management."
        ),
        description=(
            "Bed status is tracked by phone calls between wards and the flow coordinator. "
            "Porters receive tasks on pagers in order of request, not urgency. The result is "
            "long waits for admission, late discharges and porters walking empty.\n\n"
            "We seek a solution that shows beds, discharges and admissions in real time, "
            "predicts bed demand, and dispatches porter and cleaning tasks by priority and "
            "location."
        ),
        pathway="Phone-based bed coordination; porter tasks by pager in order of request.",
        affected="Patients waiting for admission; flow coordinators, porters, cleaning staff.",
        scale="1,150 beds, 220 porters and cleaning staff, 4,000 transport tasks a day",
        success=(
            "- 20 percent shorter wait from decision to admit until bed\n"
            "- Median porter response time under 10 minutes\n"
            "- Integration with the health record's ADT events"
        ),
        areas=["Nursing and care logistics", "Emergency medicine"],
        settings=["Hospital ward", "Emergency department"],
        tech=[
            "Logistics and hospital operations",
            "Digital health software",
            "AI / machine learning",
        ],
        min_trl=8,
        regulatory=[ISO27001],
        budget="gt1m",
        route="tender",
        deadline=110,
        age=50,
    ),
    need(
        AUH,
        "Sensor-supported home rehabilitation after knee replacement",
        summary=(
            "After knee replacement, patients train at home with a paper programme. We want "
            "to follow their progress remotely and see only those who fall behind."
        ),
        description=(
            "We perform 1,300 knee replacements a year. All patients get the same controls at "
            "2, 6 and 12 weeks, although most do well and a minority struggle with range of "
            "motion and pain. We want objective measurement of exercises and range of motion "
            "at home, a simple patient app and a physiotherapist dashboard, so controls can be "
            "targeted."
        ),
        pathway="Paper exercise programme; standard outpatient controls at 2, 6 and 12 weeks.",
        affected="Patients after knee replacement; physiotherapists and orthopaedic surgeons.",
        scale="1,300 patients a year",
        success=(
            "- 30 percent fewer routine outpatient controls\n"
            "- Knee flexion at 12 weeks at least as good as today\n"
            "- Patient satisfaction above 4 of 5"
        ),
        areas=["Orthopaedics", "Rehabilitation"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        tech=["IoT / wearables and sensors", "Telehealth and remote monitoring"],
        min_trl=7,
        regulatory=[MDR_I, FHIR],
        budget="50k-250k",
        route="pilot",
        deadline=35,
        age=45,
    ),
    need(
        AUH,
        "Automating sample reception in clinical biochemistry",
        summary=(
            "Samples arrive in peaks from tube-post and couriers; manual sorting delays urgent "
            "analyses. We want automated reception and sorting."
        ),
        description=(
            "Biomedical laboratory scientists spend a third of the night shift sorting and "
            "registering tubes. Peaks in the morning delay urgent samples from the emergency "
            "department. We want automation of receipt, registration, sorting and decapping "
            "with full traceability in the laboratory information system."
        ),
        pathway="Manual unpacking, registration and sorting into racks.",
        affected="Laboratory staff; indirectly all patients waiting for results.",
        scale="7,000 tubes a day, peaks of 1,200 an hour",
        success=(
            "- Turnaround time for urgent samples under 45 minutes\n"
            "- Two FTE freed from manual sorting"
        ),
        areas=["Laboratory and pathology"],
        settings=["Hospital ward"],
        tech=["Robotics and automation", "Logistics and hospital operations"],
        min_trl=8,
        regulatory=[ISO13485],
        budget="gt1m",
        route="tender",
        deadline=140,
        status="submitted",
        age=10,
    ),
    need(
        AUH,
        "Fewer missed appointments in outpatient clinics",
        summary="Eight percent of outpatient appointments are missed without notice.",
        description=(
            "Missed appointments waste clinic capacity and lengthen waiting lists. We asked "
            "for reminders and prediction of no-shows, with rebooking of freed slots."
        ),
        pathway="Appointment letter in e-Boks and an SMS reminder two days before.",
        affected="Outpatients, clinic secretaries and doctors.",
        scale="Two outpatient clinics, 60,000 appointments a year",
        success="- No-show rate below 5 percent",
        areas=["Nursing and care logistics"],
        settings=["Outpatient clinic"],
        tech=["AI / machine learning", "Digital health software"],
        min_trl=8,
        regulatory=[DPIA],
        budget="lt50k",
        route="pilot",
        deadline=-70,
        status="closed",
        age=200,
    ),
    need(
        AUH,
        "Identifying fall risk in the geriatric outpatient clinic",
        summary=(
            "We want an objective, quick fall-risk assessment that tells us who needs a "
            "targeted training programme."
        ),
        description=(
            "Fall risk is assessed with clinical tests such as Timed Up and Go, which are "
            "coarse and depend on the assessor. We want a validated, objective measure of gait "
            "and balance that takes a few minutes, gives a risk score, and can be repeated to "
            "follow the effect of training. Results must be shareable with the municipality."
        ),
        pathway="Clinical tests (TUG, 30-second chair stand) and history of previous falls.",
        affected=(
            "Older outpatients with falls or fear of falling; physiotherapists, geriatricians."
        ),
        scale="1,800 assessments a year",
        success=(
            "- Risk score validated against falls within 12 months\n"
            "- Assessment time under five minutes"
        ),
        areas=["Geriatrics", "Rehabilitation", "Prevention and public health"],
        settings=["Outpatient clinic", "Municipality services"],
        tech=["IoT / wearables and sensors", "Medical device"],
        min_trl=7,
        regulatory=[MDR_IIA],
        budget="lt50k",
        route="pilot",
        deadline=65,
        age=22,
    ),
    need(
        AUH,
        "AI-supported assessment of chronic wounds",
        summary=(
            "Wound assessment varies between nurses and sites. We want image-based measurement "
            "and classification that makes healing trends visible."
        ),
        description=(
            "The wound clinic receives photos from municipalities in different formats and "
            "without measurements, so it is hard to see whether a wound is healing. We seek "
            "standardised photo capture with automatic area measurement and tissue "
            "classification, shared across hospital and municipal care."
        ),
        pathway="Photos by e-mail or in the record; ruler measurement by the nurse.",
        affected="Patients with chronic wounds, wound nurses, home care nurses.",
        scale="2,200 patients with chronic wounds in the uptake area",
        success=(
            "- Area measurement within 10 percent of manual tracing\n"
            "- Healing trend visible to all involved parties"
        ),
        areas=["Wound care", "Diabetes and endocrinology"],
        settings=["Outpatient clinic", "Home care"],
        tech=["AI / machine learning", "Telehealth and remote monitoring"],
        min_trl=6,
        regulatory=[MDR_IIA, DPIA],
        budget="50k-250k",
        route="pcp",
        deadline=150,
        age=15,
    ),
    need(
        AUH,
        "Patient-reported outcomes in oncology follow-up",
        summary=(
            "We want patients to report symptoms and side effects from home before each "
            "oncology visit, visible to the doctor in the record."
        ),
        description=(
            "Symptoms between visits are reported by phone or not at all. Questionnaires exist "
            "but are on paper. We want validated PRO questionnaires delivered digitally, with "
            "answers integrated in the record and alerts on severe symptoms."
        ),
        pathway="Paper questionnaires in the waiting room; phone calls for acute symptoms.",
        affected="Patients in chemotherapy; oncologists and nurses.",
        scale="3,000 patients a year",
        success="- 70 percent response rate before visits",
        areas=["Oncology"],
        settings=["Outpatient clinic", "Citizen's home (self-care)"],
        tech=["Health data and interoperability", "Digital health software"],
        min_trl=8,
        regulatory=[FHIR, IEC62304],
        budget="50k-250k",
        route="pilot",
        deadline=None,
        status="draft",
        age=4,
    ),
]
