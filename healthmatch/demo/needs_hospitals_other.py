"""Needs of Rigshospitalet, Oslo University Hospital and Akademiska sjukhuset (English)."""

from healthmatch.demo.builders import need
from healthmatch.demo.terms import (
    AI_ACT,
    DPIA,
    IEC62304,
    ISO13485,
    ISO27001,
    IVDR,
    MDR_IIA,
    MDR_IIB,
)

RH = "rigshospitalet"
OUS = "oslo-university-hospital"
AKA = "akademiska-sjukhuset"

NEEDS_HOSPITALS_OTHER = [
    # --- Rigshospitalet ---------------------------------------------------------------------
    need(
        RH,
        "Earlier recognition of sepsis in haematology patients",
        summary=(
            "Patients with neutropenia after chemotherapy can deteriorate from sepsis within "
            "hours. We want a warning that comes earlier than our early warning score."
        ),
        description=(
            "Our early warning score (NEWS2) triggers late in immunosuppressed patients, who "
            "often lack fever and classic signs. Every hour of delayed antibiotics increases "
            "mortality. We want decision support that uses vital signs and laboratory data "
            "already in the record to predict sepsis, explains the prediction to the clinician "
            "and can be validated locally before use."
        ),
        pathway=(
            "NEWS2 every 8 hours or more often; sepsis screening when NEWS2 is 5 or more; "
            "empirical antibiotics within one hour of suspected neutropenic fever."
        ),
        affected="Haematology and transplant patients; nurses and doctors on call.",
        scale="Three wards, 72 beds, 2,800 admissions a year",
        success=(
            "- Warning at least 3 hours before today's clinical recognition in validation\n"
            "- Fewer than 2 false alarms per ward per shift\n"
            "- Documented conformity with MDR and the AI Act"
        ),
        areas=["Infection control", "Oncology", "Intensive care"],
        settings=["Hospital ward", "Intensive care unit"],
        tech=["AI / machine learning", "Health data and interoperability"],
        min_trl=6,
        regulatory=[MDR_IIA, AI_ACT, DPIA],
        budget="250k-1m",
        route="innovation_partnership",
        deadline=80,
        age=55,
    ),
    need(
        RH,
        "Hand hygiene compliance in haematology and transplant wards",
        summary=(
            "Direct observation shows 85 percent compliance, but observers change behaviour. "
            "We want continuous, anonymous measurement and feedback."
        ),
        description=(
            "Hospital-acquired infections are life-threatening for our immunosuppressed "
            "patients. Hand hygiene audits twice a year give a snapshot with observer bias. We "
            "want continuous measurement of hand hygiene at the WHO moments, with feedback to "
            "the ward team and no identification of individual staff to management."
        ),
        pathway=(
            "Two observation audits a year; infection control nurse feedback at staff meetings."
        ),
        affected="Immunosuppressed patients; all staff entering patient rooms.",
        scale="Two wards, 40 single rooms",
        success=(
            "- Measured compliance above 90 percent after six months\n"
            "- Accepted by staff representatives and the works council"
        ),
        areas=["Infection control", "Oncology"],
        settings=["Hospital ward", "Intensive care unit"],
        tech=["IoT / wearables and sensors", "Digital health software"],
        min_trl=8,
        regulatory=[DPIA],
        budget="50k-250k",
        route="pilot",
        deadline=40,
        age=33,
    ),
    need(
        RH,
        "Disinfection of isolation rooms between patients",
        summary=(
            "Manual cleaning of isolation rooms does not always remove C. difficile spores. We "
            "want a supplementary, documented disinfection step."
        ),
        description=(
            "Rooms are cleaned with chlorine after patients with resistant bacteria or spores. "
            "Audits with ATP and cultures show residual contamination on high-touch surfaces. "
            "We consider automated UV-C or hydrogen peroxide disinfection that fits a room "
            "turnaround of less than an hour."
        ),
        pathway="Manual chlorine cleaning; cultures in outbreak situations.",
        affected="Next patients in the room; cleaning staff; infection control.",
        scale="60 isolation rooms",
        success="- 90 percent reduction of spores on surfaces, turnaround under 60 minutes",
        areas=["Infection control"],
        settings=["Hospital ward", "Intensive care unit"],
        tech=["Robotics and automation"],
        min_trl=8,
        budget="50k-250k",
        route="market_dialogue",
        deadline=None,
        status="draft",
        age=3,
    ),
    need(
        RH,
        "Automatic contouring for radiotherapy planning",
        summary=(
            "Oncology wants AI-based contouring of organs at risk to shorten the time from "
            "planning CT to treatment start. Details for invited companies only."
        ),
        description=(
            "Manual contouring of organs at risk takes 45-90 minutes per head and neck patient "
            "and delays treatment start. We want auto-segmentation integrated with our planning "
            "system, validated on our own data, with clear responsibility for updates and "
            "post-market surveillance. Data sharing requires a data processing agreement and "
            "hosting in the EU."
        ),
        pathway="Manual contouring by oncologists and dosimetrists in the planning system.",
        affected="Patients with head and neck, lung and pelvic cancers; oncologists, physicists.",
        scale="3,500 treatment plans a year",
        success=(
            "- 70 percent less contouring time\n"
            "- Clinically acceptable contours without edits for 80 percent of organs"
        ),
        areas=["Oncology", "Radiology and imaging"],
        settings=["Outpatient clinic"],
        tech=["AI / machine learning", "Digital health software"],
        min_trl=8,
        regulatory=[MDR_IIA, AI_ACT, IEC62304],
        budget="250k-1m",
        route="tender",
        deadline=70,
        confidential=True,
        invite=["radiolens"],
        age=38,
    ),
    need(
        RH,
        "Home follow-up of premature infants after early discharge",
        summary=(
            "Stable premature infants often stay weeks in the neonatal unit only to gain "
            "weight. We want safe home monitoring so families can go home earlier."
        ),
        description=(
            "Our neonatal unit runs at 110 percent capacity. Many infants are stable but stay "
            "until they feed and gain weight reliably. We want a home monitoring set-up with "
            "weight, feeding and, where needed, oxygen saturation, video contact with the "
            "neonatal team and clear escalation."
        ),
        pathway="Admission until full oral feeding and stable weight gain; home visits by nurses.",
        affected="Premature infants and their parents; neonatal nurses and paediatricians.",
        scale="250 infants a year",
        success=(
            "- Average stay shortened by at least 5 days\n"
            "- No increase in readmissions within 30 days"
        ),
        areas=["Paediatrics", "Women's health and obstetrics"],
        settings=["Citizen's home (self-care)", "Hospital ward"],
        tech=["Telehealth and remote monitoring", "IoT / wearables and sensors"],
        min_trl=8,
        regulatory=[MDR_IIA, DPIA],
        budget="50k-250k",
        route="pilot",
        deadline=85,
        age=18,
    ),
    need(
        RH,
        "Tracking surgical instrument trays through sterilisation",
        summary=(
            "Missing or incomplete instrument trays delay operations. We want to know where "
            "every tray is from theatre to sterilisation and back."
        ),
        description=(
            "Every week operations are delayed because a tray is missing, incomplete or still "
            "in sterilisation. Trays are registered by barcode at some stations only. We want "
            "automatic tracking that survives autoclaving and gives theatre planners a live "
            "view."
        ),
        pathway="Barcode scans at packing and release; phone calls when a tray is missing.",
        affected="Theatre nurses, sterile services staff, surgeons, patients waiting for surgery.",
        scale="1,200 trays, 24 theatres",
        success="- 80 percent fewer delays caused by missing trays",
        areas=["Surgery", "Infection control"],
        settings=["Operating theatre"],
        tech=["Logistics and hospital operations", "IoT / wearables and sensors"],
        min_trl=8,
        regulatory=[ISO27001],
        budget="250k-1m",
        route="tender",
        deadline=130,
        status="submitted",
        age=9,
    ),
    # --- Oslo University Hospital -----------------------------------------------------------
    need(
        OUS,
        "Remote follow-up of patients with heart failure",
        summary=(
            "Many heart failure admissions are preceded by days of weight gain and "
            "breathlessness. We want to catch that at home and adjust treatment by phone."
        ),
        description=(
            "Patients are followed at the heart failure clinic every three months. Between "
            "visits, deterioration is noticed late and often ends in an emergency admission. "
            "We want daily weight, blood pressure and symptoms reported from home, a nurse "
            "dashboard that prioritises patients, and protocols for diuretic adjustment. Data "
            "must be stored in Norway or the EU and integrate with DIPS."
        ),
        pathway="Clinic visits every three months; patients call when they feel worse.",
        affected="Patients with heart failure NYHA II-III; heart failure nurses and cardiologists.",
        scale="600 patients",
        success=(
            "- 25 percent fewer heart failure admissions\n"
            "- Nurse time per patient under 15 minutes a week"
        ),
        areas=["Cardiology"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        tech=["Telehealth and remote monitoring", "IoT / wearables and sensors"],
        min_trl=8,
        regulatory=[MDR_IIA, DPIA],
        budget="250k-1m",
        route="innovation_partnership",
        deadline=95,
        age=60,
    ),
    need(
        OUS,
        "Identifying large-vessel stroke before hospital arrival",
        summary=(
            "Stroke patients who need thrombectomy lose time when they go to the nearest "
            "hospital first. Details on the planned ambulance study for invited companies."
        ),
        description=(
            "Only Rikshospitalet performs thrombectomy in the region. Patients with "
            "large-vessel occlusion who are taken to a local hospital first lose 60-90 minutes. "
            "Clinical scales in the ambulance are not accurate enough. We want a device that "
            "paramedics can use in minutes to identify large-vessel occlusion, with results "
            "sent to the stroke team, to be evaluated in a prospective ambulance study."
        ),
        pathway=(
            "Pre-hospital stroke scale; transport to nearest stroke unit; CT; secondary transfer."
        ),
        affected="Patients with acute stroke; paramedics, stroke neurologists.",
        scale="Ambulances of Oslo and Akershus, about 1,500 suspected strokes a year",
        success=(
            "- Sensitivity above 80 percent for large-vessel occlusion\n"
            "- Time to thrombectomy reduced by 45 minutes"
        ),
        areas=["Neurology", "Emergency medicine"],
        settings=["Pre-hospital / ambulance", "Emergency department"],
        tech=["Medical device", "AI / machine learning"],
        min_trl=6,
        regulatory=[MDR_IIA, ISO13485],
        budget="250k-1m",
        route="pcp",
        deadline=55,
        confidential=True,
        invite=["strokeline"],
        age=42,
    ),
    need(
        OUS,
        "Digital support for adolescents waiting for mental health care",
        summary=(
            "Young people wait up to 60 days for child and adolescent psychiatry. We want "
            "evidence-based digital support that starts at referral."
        ),
        description=(
            "Waiting times in BUP have grown, and many young people get worse while waiting. "
            "We want a digital offer for 13-19-year-olds with self-help content, symptom "
            "monitoring and contact with a therapist, so we can start treatment earlier and "
            "prioritise those who deteriorate. Safety planning and crisis routing are essential."
        ),
        pathway="Referral from GP, assessment within 10 days, treatment start within 60 days.",
        affected="Adolescents with anxiety and depression and their parents; BUP therapists.",
        scale="Three BUP clinics, 1,200 referrals a year",
        success=(
            "- 60 percent of referred adolescents use the offer while waiting\n"
            "- Symptom scores stable or improved at treatment start"
        ),
        areas=["Psychiatry and mental health", "Paediatrics"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        tech=["Digital health software", "Telehealth and remote monitoring"],
        min_trl=7,
        regulatory=[MDR_IIA, DPIA],
        budget="50k-250k",
        route="pilot",
        deadline=30,
        age=27,
    ),
    need(
        OUS,
        "VR distraction for children undergoing painful procedures",
        summary=(
            "Needle procedures and dressing changes are traumatic for many children. We want "
            "to test VR distraction on the children's surgical ward."
        ),
        description=(
            "Children needing repeated procedures develop needle fear, which makes each "
            "procedure longer and sometimes requires sedation. We want VR content suitable for "
            "ages 5-16, controlled by staff, easy to clean between patients, and an evaluation "
            "of pain and anxiety."
        ),
        pathway=(
            "Local anaesthetic cream, distraction by staff and parents; sedation in some cases."
        ),
        affected="Children aged 5-16, parents, paediatric nurses.",
        scale="2 wards, about 4,000 procedures a year",
        success="- Lower self-reported pain and fewer procedures needing sedation",
        areas=["Paediatrics", "Wound care"],
        settings=["Hospital ward", "Outpatient clinic"],
        tech=["VR / AR and simulation"],
        min_trl=7,
        budget="lt50k",
        route="pilot",
        deadline=25,
        age=16,
    ),
    need(
        OUS,
        "Point-of-care CRP testing in the emergency department",
        summary="We explored bedside CRP testing to speed up triage of infections.",
        description=(
            "Laboratory CRP takes 60 minutes in peak hours. We asked for point-of-care "
            "analysers usable by nurses at triage, with results transferred to the record."
        ),
        pathway="Central laboratory analysis of all CRP samples.",
        affected="Emergency patients with suspected infection; triage nurses.",
        scale="One emergency department, 40,000 visits a year",
        success="- Result within 10 minutes, agreement with laboratory CRP",
        areas=["Emergency medicine", "Laboratory and pathology", "Infection control"],
        settings=["Emergency department"],
        tech=["Diagnostics and IVD"],
        min_trl=8,
        regulatory=[IVDR],
        budget="50k-250k",
        route="tender",
        deadline=-20,
        status="closed",
        age=160,
    ),
    # --- Akademiska sjukhuset ---------------------------------------------------------------
    need(
        AKA,
        "AI triage of chest X-rays in the emergency department",
        summary=(
            "Chest X-rays from the emergency department wait for a radiologist at night. We "
            "want AI that flags urgent findings and sorts out normal images."
        ),
        description=(
            "Radiologist capacity at night is limited, and urgent findings such as "
            "pneumothorax can wait hours in the worklist. We seek CE-marked AI that prioritises "
            "the worklist, highlights findings to the emergency physician and can handle "
            "clearly normal images, integrated with our PACS and RIS. Local validation on our "
            "data is required before clinical use."
        ),
        pathway=(
            "All chest X-rays read by a radiologist in order of arrival; preliminary reading by ED"
            " doctors."
        ),
        affected="Emergency patients, radiologists, emergency physicians.",
        scale="26,000 chest X-rays a year",
        success=(
            "- Urgent findings reported within 30 minutes, day and night\n"
            "- Sensitivity above 95 percent for pneumothorax in local validation"
        ),
        areas=[
            "Radiology and imaging",
            "Emergency medicine",
            "Respiratory medicine (COPD, asthma)",
        ],
        settings=["Emergency department"],
        tech=["AI / machine learning", "Digital health software"],
        min_trl=8,
        regulatory=[MDR_IIB, AI_ACT, IEC62304],
        budget="250k-1m",
        route="tender",
        deadline=100,
        age=48,
    ),
    need(
        AKA,
        "Measuring sleep of patients in intensive care",
        summary="We looked for objective sleep measurement for ICU patients.",
        description=(
            "Sleep deprivation contributes to ICU delirium. Polysomnography is impractical. "
            "We asked for contact-free sleep measurement for an 8-bed study."
        ),
        pathway="Nurses' subjective assessment of sleep.",
        affected="ICU patients; ICU nurses and researchers.",
        scale="8 beds, research study",
        success="- Valid sleep estimates compared with polysomnography",
        areas=["Intensive care"],
        settings=["Intensive care unit"],
        tech=["IoT / wearables and sensors", "Medical device"],
        min_trl=6,
        budget="lt50k",
        route="pilot",
        deadline=-90,
        status="closed",
        age=240,
    ),
]
