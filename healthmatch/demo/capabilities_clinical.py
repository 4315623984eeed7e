"""Capabilities for hospitals: AI, diagnostics, surgery and logistics (13 companies, 39)."""

from healthmatch.demo.builders import capability as cap
from healthmatch.demo.terms import (
    AI_ACT,
    DPIA,
    FHIR,
    IEC62304,
    ISO13485,
    ISO27001,
    IVDR,
    MDR_I,
    MDR_IIA,
    MDR_IIB,
    NIS2,
)

AI = "AI / machine learning"
SOFTWARE = "Digital health software"
LOGISTICS = "Logistics and hospital operations"
ROBOTICS = "Robotics and automation"
IVD = "Diagnostics and IVD"

CAPABILITIES_CLINICAL = [
    # --- Sepsio Analytics ApS ---------------------------------------------------------------
    cap(
        "sepsio-analytics",
        "product",
        "Sepsio early warning of sepsis",
        "Machine-learning model on vital signs and lab results that warns of sepsis up to "
        "six hours before the clinical diagnosis, inside the electronic health record.",
        "Sepsio reads vital signs, lactate, CRP and leukocytes from the record every 15 "
        "minutes and shows a risk score with the main contributing factors. Validated "
        "retrospectively on 48,000 admissions, including haematology patients with "
        "neutropenia, where classic early warning scores perform poorly.",
        tech=[AI, SOFTWARE, "Health data and interoperability"],
        areas=["Infection control", "Emergency medicine", "Intensive care", "Oncology"],
        settings=["Hospital ward", "Emergency department", "Intensive care unit"],
        trl=7,
        certs=[
            (MDR_IIA, "Certificate 0344-MDR-2210 (DEKRA)", 640),
            (IEC62304, "Class B", None),
            (AI_ACT, "Gap analysis done, high-risk system", None),
            (DPIA, "Completed with Region Hovedstaden", 90),
        ],
        refs=[
            ("Rigshospitalet", "Silent-mode evaluation in haematology, 14 months", 2024),
            (
                "Akademiska sjukhuset (Uppsala University Hospital)",
                "Retrospective validation",
                2023,
            ),
        ],
    ),
    cap(
        "sepsio-analytics",
        "product",
        "Deterioration and readmission prediction for older patients",
        "Predicts which older medical patients will deteriorate on the ward or be readmitted "
        "within 30 days, so follow-up can be targeted.",
        "Uses admission data, medication and functional level. Output goes to the discharge "
        "coordinator and can trigger a municipal follow-up visit.",
        tech=[AI, "Health data and interoperability"],
        areas=["Geriatrics", "Emergency medicine"],
        settings=["Hospital ward", "Municipality services"],
        trl=6,
        certs=[(DPIA, "Completed", None)],
        refs=[("Region of Southern Denmark", "Retrospective study on 22,000 admissions", 2025)],
    ),
    cap(
        "sepsio-analytics",
        "competence",
        "Clinical AI validation and AI Act readiness",
        "Help for hospitals to validate third-party AI locally and prepare the documentation "
        "the EU AI Act requires.",
        "Local validation protocols, bias analysis and post-market monitoring plans.",
        tech=[AI, "Health data and interoperability"],
        areas=["Radiology and imaging", "Emergency medicine"],
        settings=["Hospital ward"],
    ),
    # --- Dictara ApS ------------------------------------------------------------------------
    cap(
        "dictara",
        "product",
        "Dictara Danish clinical speech recognition",
        "Real-time Danish speech recognition for clinical notes, with medical vocabulary and "
        "hosting in Danish data centres.",
        "Word error rate under 6 percent on Danish clinical dictation across specialties. "
        "Integrates with the major Danish health record systems and supports dictation on "
        "the mobile phone during ward rounds.",
        tech=[AI, SOFTWARE],
        areas=["Nursing and care logistics", "Radiology and imaging"],
        settings=["Hospital ward", "Outpatient clinic"],
        trl=9,
        certs=[
            (ISO27001, "Certificate DK-ISMS-3302", 150),
            (DPIA, "Completed", None),
            (NIS2, "Self-assessed", None),
        ],
        refs=[("Odense University Hospital", "Pilot in radiology and orthopaedics", 2023)],
    ),
    cap(
        "dictara",
        "product",
        "Ambient note generation from consultations",
        "Listens to the consultation (with consent) and drafts a structured note for the "
        "clinician to approve.",
        "Danish and English; the audio is deleted after the note is approved.",
        tech=[AI, SOFTWARE],
        areas=["Psychiatry and mental health", "Prevention and public health"],
        settings=["Outpatient clinic", "Primary care"],
        trl=6,
        certs=[(AI_ACT, "Classification assessment", None)],
    ),
    cap(
        "dictara",
        "service",
        "Speech recognition roll-out service",
        "Training and vocabulary tuning for departments moving from secretaries to self-dictation.",
        "Includes super-user training and a four-week hypercare period.",
        tech=["E-learning and training", SOFTWARE],
        areas=["Nursing and care logistics"],
        settings=["Hospital ward", "Outpatient clinic"],
        trl=9,
    ),
    # --- HygiTrack ApS ----------------------------------------------------------------------
    cap(
        "hygitrack",
        "product",
        "HygiTrack hand hygiene compliance monitoring",
        "Smart dispensers and room beacons that measure hand hygiene compliance at the "
        "moments that matter, with anonymous real-time feedback to the ward.",
        "Badges detect entry into the patient zone and dispenser use, based on the WHO "
        "'five moments'. Wards see their compliance on a screen and in weekly reports; "
        "individuals are never identified to management.",
        tech=["IoT / wearables and sensors", SOFTWARE],
        areas=["Infection control"],
        settings=["Hospital ward", "Intensive care unit", "Nursing home"],
        trl=9,
        certs=[(DPIA, "Completed with staff representatives", None), (ISO27001, "ISMS-5520", -20)],
        refs=[("Rigshospitalet", "Six-month study in two haematology wards", 2022)],
    ),
    cap(
        "hygitrack",
        "service",
        "Infection prevention audits",
        "Observation audits of hygiene practice with our infection control nurses.",
        "Benchmark against national guidelines and action plan.",
        tech=["E-learning and training"],
        areas=["Infection control"],
        settings=["Hospital ward", "Nursing home"],
        trl=9,
    ),
    cap(
        "hygitrack",
        "product",
        "Contact tracing of outbreaks in hospitals",
        "Uses the badge data to list contacts when a patient turns out to carry a resistant "
        "bacterium.",
        "Generates the list of staff and patients in contact within minutes.",
        tech=["IoT / wearables and sensors", LOGISTICS],
        areas=["Infection control"],
        settings=["Hospital ward"],
        trl=6,
    ),
    # --- Printbone ApS ----------------------------------------------------------------------
    cap(
        "printbone",
        "product",
        "Patient-specific 3D-printed surgical guides",
        "Cutting and drilling guides designed from the patient's CT and printed in "
        "sterilisable material, for complex orthopaedic and maxillofacial surgery.",
        "Surgeons plan the procedure with our engineers in a web meeting; guides arrive "
        "sterile-ready within five working days. Reduces operating time and improves "
        "implant position in corrective osteotomies and tumour resections.",
        tech=["Personalised / additive manufacturing", "Medical device"],
        areas=["Orthopaedics", "Surgery", "Oncology"],
        settings=["Operating theatre"],
        trl=9,
        certs=[(MDR_IIA, "Certificate 2797-MDR-7731 (BSI)", 35), (ISO13485, "QMS-7730", 35)],
        refs=[
            ("Rigshospitalet", "42 cases in orthopaedic oncology", 2023),
            ("Odense University Hospital", "Corrective osteotomies of the forearm", 2025),
        ],
    ),
    cap(
        "printbone",
        "service",
        "Point-of-care 3D printing lab set-up",
        "Set-up of an in-hospital 3D printing lab with quality system and MDR-compliant "
        "processes for patient-specific devices.",
        "Covers equipment, segmentation software, staff training and documentation.",
        tech=["Personalised / additive manufacturing"],
        areas=["Surgery", "Orthopaedics"],
        settings=["Operating theatre"],
        trl=8,
    ),
    cap(
        "printbone",
        "product",
        "Anatomical models for surgical planning and patient information",
        "Full-colour anatomical models printed from CT and MRI.",
        "Used for planning congenital heart surgery and explaining operations to patients.",
        tech=["Personalised / additive manufacturing", "VR / AR and simulation"],
        areas=["Surgery", "Paediatrics", "Cardiology"],
        settings=["Operating theatre", "Outpatient clinic"],
        trl=9,
        certs=[(MDR_I, "Self-declared", None)],
    ),
    # --- Flowlogic Hospital Systems A/S -----------------------------------------------------
    cap(
        "flowlogic",
        "product",
        "Flowlogic real-time bed and patient flow management",
        "Live overview of beds, discharges and admissions across the hospital, with "
        "predictions of bed demand for the next 24 hours.",
        "Integrates with the health record and ADT events. Flow coordinators see bottlenecks "
        "before they happen and plan discharges earlier in the day.",
        tech=[LOGISTICS, SOFTWARE, AI],
        areas=["Nursing and care logistics", "Emergency medicine"],
        settings=["Hospital ward", "Emergency department"],
        trl=9,
        certs=[(ISO27001, "Certificate 2021-ISMS-0099", 400), (NIS2, "Compliant", None)],
        refs=[("Aarhus University Hospital", "Bed management in the new hospital", 2021)],
    ),
    cap(
        "flowlogic",
        "product",
        "Porter and service task management",
        "Mobile task management for porters, cleaning and transport with automatic "
        "dispatch to the nearest free person.",
        "Real-time location via the existing Wi-Fi; average response time down by a third.",
        tech=[LOGISTICS, "IoT / wearables and sensors"],
        areas=["Nursing and care logistics"],
        settings=["Hospital ward", "Operating theatre"],
        trl=9,
        refs=[("Aarhus University Hospital", "Porter dispatch across the Skejby campus", 2022)],
    ),
    cap(
        "flowlogic",
        "product",
        "RFID tracking of surgical instruments and equipment",
        "Tracks instrument trays and mobile equipment through sterilisation and theatres.",
        "RFID tags survive autoclaving; shows where each tray is and when it was last used.",
        tech=[LOGISTICS, "IoT / wearables and sensors"],
        areas=["Surgery", "Infection control"],
        settings=["Operating theatre"],
        trl=8,
        refs=[("Rigshospitalet", "Tracking of 1,200 instrument trays", 2024)],
    ),
    # --- Samplr ApS -------------------------------------------------------------------------
    cap(
        "samplr",
        "product",
        "Samplr automated sample reception and sorting",
        "Robot that receives, registers, sorts and decaps blood and urine tubes from "
        "tube-post and bags, before they go to the analysers.",
        "Handles 1,500 tubes an hour with full traceability to the laboratory system. "
        "Frees biomedical laboratory scientists from manual sorting in peak hours.",
        tech=[ROBOTICS, LOGISTICS, IVD],
        areas=["Laboratory and pathology"],
        settings=["Hospital ward"],
        trl=9,
        certs=[(IVDR, "Class A accessory, self-declared", None), (ISO13485, "QMS-1180", 230)],
        refs=[
            ("Aarhus University Hospital", "Clinical biochemistry, night shift automation", 2023)
        ],
    ),
    cap(
        "samplr",
        "product",
        "Pathology specimen tracking",
        "Barcode and camera tracking of histology specimens from theatre to the lab.",
        "Avoids lost and mixed-up specimens.",
        tech=[LOGISTICS, IVD],
        areas=["Laboratory and pathology", "Surgery"],
        settings=["Operating theatre"],
        trl=7,
    ),
    cap(
        "samplr",
        "competence",
        "Laboratory workflow analysis",
        "Lean and simulation analysis of the laboratory's sample flow.",
        "Discrete-event simulation of staffing and automation scenarios.",
        tech=[LOGISTICS],
        areas=["Laboratory and pathology"],
        settings=["Hospital ward"],
    ),
    # --- Thermafoot ApS ---------------------------------------------------------------------
    cap(
        "thermafoot",
        "product",
        "Thermafoot smart foot mat for diabetic foot ulcer prevention",
        "Patients stand on the mat for one minute a day; a temperature rise between the feet "
        "alerts the foot clinic to an ulcer about to form.",
        "A local temperature difference of more than 2.2 °C is an early sign of inflammation. "
        "The foot clinic gets a list of patients with alerts and can offer offloading before "
        "the skin breaks. Clinical study showed a 50 percent drop in recurrent ulcers.",
        tech=["IoT / wearables and sensors", "Telehealth and remote monitoring", "Medical device"],
        areas=["Diabetes and endocrinology", "Wound care"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        trl=8,
        certs=[
            (MDR_IIA, "Certificate 0123-MDR-4410 (TÜV SÜD)", 420),
            (FHIR, "DK telemedicine profiles", None),
        ],
        refs=[
            ("Odense University Hospital", "Steno Diabetes Center Odense feasibility test", 2024)
        ],
    ),
    cap(
        "thermafoot",
        "service",
        "Remote foot monitoring service",
        "Our nurses review the measurements and call patients with alerts.",
        "For foot clinics that lack capacity to review daily data.",
        tech=["Telehealth and remote monitoring"],
        areas=["Diabetes and endocrinology"],
        settings=["Outpatient clinic"],
        trl=8,
    ),
    cap(
        "thermafoot",
        "competence",
        "Thermal imaging analysis",
        "Algorithm development for thermal images in other clinical areas.",
        "E.g. rheumatology and wound infection.",
        tech=[AI, "Diagnostics and IVD"],
        areas=["Wound care"],
        settings=["Outpatient clinic"],
    ),
    # --- Radiolens AB -----------------------------------------------------------------------
    cap(
        "radiolens",
        "product",
        "Radiolens chest X-ray triage",
        "Deep learning that sorts chest X-rays into normal and abnormal and flags urgent "
        "findings (pneumothorax, pneumonia, effusion) at the top of the radiologist's worklist.",
        "Processes an image in under ten seconds, integrates with PACS and RIS, and can "
        "auto-report high-confidence normal images for review. Validated on 120,000 Nordic "
        "examinations.",
        tech=[AI, SOFTWARE],
        areas=[
            "Radiology and imaging",
            "Emergency medicine",
            "Respiratory medicine (COPD, asthma)",
        ],
        settings=["Emergency department", "Hospital ward"],
        trl=9,
        certs=[
            (MDR_IIB, "Certificate 2460-MDR-0912 (DNV)", 560),
            (AI_ACT, "Conformity assessment under way", None),
            (IEC62304, "Class B", None),
        ],
        refs=[
            (
                "Akademiska sjukhuset (Uppsala University Hospital)",
                "Triage in the emergency department",
                2024,
            )
        ],
    ),
    cap(
        "radiolens",
        "product",
        "Automatic organ-at-risk contouring for radiotherapy",
        "Auto-segmentation of organs at risk on planning CT, cutting contouring time from "
        "an hour to minutes.",
        "Covers head and neck, thorax, pelvis; contours are editable in the planning system.",
        tech=[AI, SOFTWARE],
        areas=["Oncology", "Radiology and imaging"],
        settings=["Outpatient clinic"],
        trl=9,
        certs=[(MDR_IIA, "Certificate 2460-MDR-0955 (DNV)", 560)],
        refs=[
            ("Oslo University Hospital", "Head and neck contouring at the Radium Hospital", 2023)
        ],
    ),
    cap(
        "radiolens",
        "product",
        "Fracture detection on skeletal X-ray",
        "Highlights suspected fractures on wrist, hip and ankle X-rays.",
        "Supports junior doctors in the emergency department at night.",
        tech=[AI],
        areas=["Radiology and imaging", "Orthopaedics", "Emergency medicine"],
        settings=["Emergency department"],
        trl=8,
        certs=[(MDR_IIA, "Certificate 2460-MDR-0971", -15)],
    ),
    # --- Uppsala Biosense AB ----------------------------------------------------------------
    cap(
        "uppsala-biosense",
        "product",
        "SepsiQuick point-of-care sepsis test",
        "20-minute point-of-care immunoassay on a drop of whole blood that measures host "
        "response markers for early sepsis recognition in the emergency department.",
        "The cartridge measures three inflammation biomarkers; the reader gives a risk "
        "category. Designed to be used by nurses at triage.",
        tech=[IVD, "Medical device"],
        areas=["Emergency medicine", "Infection control", "Laboratory and pathology"],
        settings=["Emergency department", "Pre-hospital / ambulance"],
        trl=6,
        certs=[
            (IVDR, "Class C, technical documentation in review", None),
            (ISO13485, "QMS-2041", 300),
        ],
        refs=[
            (
                "Akademiska sjukhuset (Uppsala University Hospital)",
                "Prospective study, 600 patients",
                2025,
            )
        ],
    ),
    cap(
        "uppsala-biosense",
        "competence",
        "Immunoassay development",
        "Assay development and verification under ISO 13485 for partners.",
        "From antibody selection to analytical performance studies.",
        tech=[IVD],
        areas=["Laboratory and pathology"],
        settings=["Outpatient clinic"],
    ),
    cap(
        "uppsala-biosense",
        "service",
        "Clinical performance studies for IVD",
        "Design and running of IVDR clinical performance studies in Swedish hospitals.",
        "Ethics applications, site management and statistics.",
        tech=[IVD],
        areas=["Laboratory and pathology", "Emergency medicine"],
        settings=["Emergency department"],
        trl=9,
    ),
    # --- Strokeline Medical AS --------------------------------------------------------------
    cap(
        "strokeline",
        "product",
        "Strokeline pre-hospital large-vessel occlusion detection",
        "Dry-electrode EEG headset that paramedics put on in two minutes to identify "
        "large-vessel occlusion stroke, so the ambulance can go straight to thrombectomy.",
        "The algorithm detects the EEG asymmetry typical of large-vessel occlusion with 85 "
        "percent sensitivity in the pre-hospital study. The result is sent ahead to the "
        "stroke team together with the ambulance's pre-notification.",
        tech=["Medical device", AI, "Telehealth and remote monitoring"],
        areas=["Neurology", "Emergency medicine"],
        settings=["Pre-hospital / ambulance", "Emergency department"],
        trl=7,
        certs=[(MDR_IIA, "Notified body review ongoing", None), (ISO13485, "QMS-9012", 480)],
        refs=[("Oslo University Hospital", "Pre-hospital study with Oslo ambulance service", 2024)],
    ),
    cap(
        "strokeline",
        "service",
        "Stroke pathway analysis",
        "Mapping of time from symptom onset to treatment across ambulance and hospital.",
        "Registry data analysis and simulation of triage strategies.",
        tech=["Health data and interoperability"],
        areas=["Neurology", "Emergency medicine"],
        settings=["Pre-hospital / ambulance"],
    ),
    cap(
        "strokeline",
        "product",
        "EEG monitoring for non-convulsive seizures in ICU",
        "Rapid EEG for intensive care without an EEG technician.",
        "Same headset; cloud review by neurophysiologists.",
        tech=["Medical device", "Telehealth and remote monitoring"],
        areas=["Neurology", "Intensive care"],
        settings=["Intensive care unit"],
        trl=5,
        status="draft",
    ),
    # --- Kvikk Diagnostikk AS (unverified) --------------------------------------------------
    cap(
        "kvikk-diagnostikk",
        "product",
        "Kvikk CRP and urine point-of-care analyser",
        "Bench-top analyser for CRP, urine dipstick reading and HbA1c in eight minutes.",
        "For emergency departments, GP offices and nursing homes.",
        tech=[IVD, "Medical device"],
        areas=["Laboratory and pathology", "Infection control", "Emergency medicine"],
        settings=["Emergency department", "Primary care", "Nursing home"],
        trl=7,
        certs=[(IVDR, "Class B, notified body application", None)],
        status="draft",  # unverified companies draft, but cannot publish
    ),
    cap(
        "kvikk-diagnostikk",
        "service",
        "Point-of-care testing quality programme",
        "External quality control for point-of-care instruments in municipalities.",
        "Monthly control samples and reporting.",
        tech=[IVD],
        areas=["Laboratory and pathology"],
        settings=["Nursing home", "Primary care"],
        status="draft",  # unverified companies draft, but cannot publish
    ),
    cap(
        "kvikk-diagnostikk",
        "product",
        "Urinary tract infection rapid test for nursing homes",
        "Combines urine analysis with a symptom checklist to reduce unnecessary antibiotics.",
        "Result and recommendation in ten minutes.",
        tech=[IVD],
        areas=["Infection control", "Geriatrics"],
        settings=["Nursing home"],
        trl=6,
        status="draft",  # unverified companies draft, but cannot publish
    ),
    # --- Fjord Robotics AS ------------------------------------------------------------------
    cap(
        "fjord-robotics",
        "product",
        "Fjord AMR autonomous hospital transport robot",
        "Autonomous mobile robot that carries samples, medicines, linen and meals through "
        "corridors and lifts, 24 hours a day.",
        "Navigates with lidar, calls lifts and opens doors through building integrations, and "
        "hands over to staff with PIN-locked drawers for medicines and samples.",
        tech=[ROBOTICS, LOGISTICS],
        areas=["Nursing and care logistics", "Pharmacy and medication", "Laboratory and pathology"],
        settings=["Hospital ward"],
        trl=9,
        certs=[(ISO27001, "Certificate NO-ISMS-0871", 330), (NIS2, "Compliant", None)],
        refs=[("Oslo University Hospital", "Transport robots at Rikshospitalet", 2022)],
    ),
    cap(
        "fjord-robotics",
        "product",
        "UV-C disinfection robot",
        "Autonomous UV-C robot that disinfects isolation rooms and theatres after cleaning "
        "in ten minutes.",
        "Documented 99.9 percent reduction of C. difficile spores on exposed surfaces.",
        tech=[ROBOTICS],
        areas=["Infection control"],
        settings=["Hospital ward", "Operating theatre", "Intensive care unit"],
        trl=9,
        refs=[("Rigshospitalet", "Evaluation in haematology isolation rooms", 2023)],
    ),
    cap(
        "fjord-robotics",
        "competence",
        "Robot-ready hospital building design",
        "Advice to hospital building projects on lifts, doors and Wi-Fi for robots.",
        "Early involvement in new hospital projects.",
        tech=[ROBOTICS, LOGISTICS],
        areas=["Nursing and care logistics"],
        settings=["Hospital ward"],
    ),
    # --- Nordic Drone Logistics ApS --------------------------------------------------------
    cap(
        "nordic-drone-logistics",
        "service",
        "Drone transport of blood samples between hospital sites",
        "Scheduled and on-demand BVLOS drone flights carrying blood samples and small "
        "medical goods between hospitals, in under 30 minutes.",
        "We operate the route, the drone ports on the roof and the handover procedure with "
        "the laboratory. Temperature-logged boxes meet transport requirements for blood "
        "samples. Flights continue in most Danish weather.",
        tech=[LOGISTICS, ROBOTICS],
        areas=["Laboratory and pathology", "Nursing and care logistics"],
        settings=["Hospital ward"],
        trl=8,
        certs=[(ISO27001, "Certificate IS-4410 (flight data platform)", 200)],
        refs=[("Odense University Hospital", "Test flights Svendborg-Odense", 2023)],
    ),
    cap(
        "nordic-drone-logistics",
        "competence",
        "Drone route approval and risk assessment",
        "SORA risk assessment and authority approval for medical drone routes.",
        "We handle the application to the Civil Aviation Authority.",
        tech=[LOGISTICS],
        areas=["Laboratory and pathology"],
        settings=["Hospital ward"],
    ),
    cap(
        "nordic-drone-logistics",
        "product",
        "Defibrillator delivery by drone",
        "Drone that brings an AED to a cardiac arrest before the ambulance arrives.",
        "Concept tested in rural Funen.",
        tech=[ROBOTICS],
        areas=["Cardiology", "Emergency medicine"],
        settings=["Pre-hospital / ambulance"],
        trl=5,
        status="archived",
    ),
]
