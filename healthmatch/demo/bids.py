"""Bids of the demo world. Natural key: the need (by title) and the company; the oldest bid of
that pair is the demo's, so a bid made by hand on the same need is left alone.

The demo company login (Vigil Sense) has one bid in each state a newcomer should see under
"My bids"; Odense University Hospital (the demo hospital login) has bids from several
companies on its published needs, one of them confidential with the bidder invited. Dates follow
each need's publication (seed_bids.py). Prices are indicative and in the buyer's currency.
"""

from healthmatch.demo.builders import bid

COMPANY_LOGIN = "company@demo.healthmatch.local"
HOSPITAL_LOGIN = "hospital@demo.healthmatch.local"
MUNICIPALITY_LOGIN = "municipality@demo.healthmatch.local"

RADAR = "VigilRadar contact-free fall detection sensor"
NIGHT_DASHBOARD = "Digital night supervision dashboard and implementation"
PRESSURE_ULCERS = "Early warning of pressure ulcers in bedridden patients"

VIGIL_SENSE_BIDS = [
    bid(
        "Digitalt nattilsyn i hjemmetjenesten",
        "vigil-sense",
        "draft",
        author=COMPANY_LOGIN,
        summary=(
            "VigilRadar sensors in the homes of the 200 users and our night dashboard in "
            "Bergen's response centre, so the night patrol only drives out when a sensor "
            "says someone needs help."
        ),
        solution=(
            "One wall-mounted radar in the bedroom, and one in the bathroom where needed, "
            "notices bed exits, long bathroom visits, falls and restless nights. The response "
            "centre sees every user on one night overview and calls or sends the patrol; the "
            "planned physical visits are replaced step by step, user by user, after a two-week "
            "baseline.\n\nTo do before we submit: confirm the integration with the response "
            "centre's alarm receiver and the price per home for 200 users."
        ),
        evidence=(
            "Night supervision of 35 citizens in Bergen's home services since 2024; 12-month "
            "pilot in two Odense nursing homes with under one false alarm per apartment per "
            "month."
        ),
        capabilities=[RADAR, NIGHT_DASHBOARD],
        price=(900_000, 1_400_000),
        currency="NOK",
        timeline="Installation in 6 weeks, all 200 homes within 4 months.",
    ),
    bid(
        "Fall detection and prevention in nursing homes",
        "vigil-sense",
        "submitted",
        author=COMPANY_LOGIN,
        summary=(
            "Contact-free radar fall detection in the 80 pilot apartments, bathrooms included, "
            "with alarms on the care phones you already use and no cameras."
        ),
        solution=(
            "We mount one VigilRadar in each room and bathroom of the two pilot homes. A fall "
            "or a resident lying on the floor raises an alarm with the apartment number within "
            "30 seconds; bed exits at night can raise a quiet notice for residents at high "
            "risk, so staff come before the fall. Radar gives posture and movement only: no "
            "images exist to be stored.\n\nMonthly reports show falls, response times and false "
            "alarms per apartment, so the pilot can be judged on your own success criteria."
        ),
        evidence=(
            "Odense Municipality pilot 2023 (80 apartments, 12 months): false alarms under one "
            "per apartment per month. CE marked (MDR class I); DPIA template reviewed with "
            "Odense Municipality's data protection officer."
        ),
        capabilities=[RADAR],
        price=(380_000, 520_000),
        timeline="Pilot installed within 8 weeks of signing; evaluation after 6 months.",
    ),
    bid(
        "Digitalt natligt tilsyn på plejecentre",
        "vigil-sense",
        "shortlisted",
        author=COMPANY_LOGIN,
        summary=(
            "Sensor-based night supervision for the two pilot nursing homes: residents sleep "
            "undisturbed and the night staff visit those the dashboard shows need it."
        ),
        solution=(
            "VigilRadar in every apartment records sleep, restlessness and bed exits. Our "
            "night dashboard turns them into one overview for the night shift, and together "
            "with the staff we agree, resident by resident, which door checks the sensor "
            "replaces. The four-week implementation course covers consent, the new night "
            "routine and follow-up on visits saved and awakenings avoided."
        ),
        evidence=(
            "Night-shift redesign at Ejerslykke nursing home 2024: about half of the planned "
            "night visits replaced after three months. DPIA completed for this use case."
        ),
        capabilities=[RADAR, NIGHT_DASHBOARD],
        price=(250_000, 340_000),
        timeline="Pilot running in 10 weeks; decision on roll-out to 22 homes after 6 months.",
        decided_by=MUNICIPALITY_LOGIN,
        feedback=(
            "Thank you, you are on our shortlist. Before we decide, we would like to see the "
            "night dashboard with our night staff at Ejerslykke, and we need your written answer "
            "on how alarms reach our current nurse call system and what consent looks like for "
            "residents with dementia."
        ),
    ),
    bid(
        PRESSURE_ULCERS,
        "vigil-sense",
        "declined",
        author=COMPANY_LOGIN,
        summary=(
            "Radar above the bed that sees how long a patient has lain without moving and "
            "reminds the nurse to reposition, with no wearables or mattress changes."
        ),
        solution=(
            "A ceiling-mounted VigilRadar over each bed follows the patient's movements and "
            "position. When a patient has not changed position within the interval in the "
            "repositioning plan, the nurse gets a reminder on the care phone, and each "
            "repositioning is logged automatically, so nothing extra has to be documented."
        ),
        evidence="In daily use in more than 40 Danish and Norwegian care facilities (falls).",
        capabilities=[RADAR],
        price=(150_000, 220_000),
        timeline="Pilot on one ward within 3 months.",
        decided_by=HOSPITAL_LOGIN,
        feedback=(
            "Thank you for a clear proposal. We have decided not to take it further: movement "
            "in bed alone does not tell us about tissue load, and our success criteria need "
            "pressure measured at heel and sacrum. Your radar is interesting for our falls work "
            "in geriatrics; we have passed your details on to the ward."
        ),
    ),
]

ODENSE_HOSPITAL_BIDS = [
    bid(
        PRESSURE_ULCERS,
        "continua-sensor",
        "shortlisted",
        summary=(
            "A pressure-mapping overlay on the existing mattresses shows each patient's pressure "
            "hot spots and time since the last turn, with a reminder when it is due."
        ),
        solution=(
            "The overlay lies under the sheet on your current beds and mattresses. 1,024 "
            "sensors show a heat map at the bedside and on the ward overview; nurses get a "
            "reminder when a patient has lain too long in one position or the pressure on heel "
            "or sacrum stays high. Every repositioning is detected and logged."
        ),
        evidence=(
            "Eight-bed pilot in orthopaedic surgery at Odense University Hospital, 2024. CE "
            "marked as an MDR class I device."
        ),
        capabilities=["Pressure-mapping mattress overlay"],
        price=(420_000, 610_000),
        timeline="64 beds equipped within 10 weeks; evaluation after 9 months.",
        decided_by=HOSPITAL_LOGIN,
        feedback=(
            "Shortlisted. The pilot in orthopaedic surgery went well; for the next round we "
            "need your cleaning procedure between patients and the data flow to our record "
            "described in the DPIA."
        ),
    ),
    bid(
        PRESSURE_ULCERS,
        "rehoist-robotics",
        "submitted",
        summary=(
            "A bed insert that turns bedridden patients on the nurse's schedule, so "
            "repositioning happens every time without manual lifts."
        ),
        solution=(
            "Air chambers under the mattress tilt the patient 30 degrees to each side on the "
            "schedule set in the repositioning plan. Every turn is logged for documentation. "
            "We suggest combining it with pressure measurement from another supplier if you "
            "want early warning as well."
        ),
        evidence=(
            "Feasibility test in the geriatric ward at Odense University Hospital, 2025. CE "
            "marking (MDR class IIa) is under review with our notified body."
        ),
        capabilities=["Automatic repositioning bed module"],
        price=(600_000, 900_000),
        timeline="Ready for the pilot once CE marked, expected in 5 months.",
    ),
    bid(
        "Systematic delirium screening for older patients in acute medicine",
        "delira",
        "submitted",
        summary=(
            "Two-minute 4AT screening at the bedside every shift, documented straight in the "
            "record, with escalation of positive screenings to the doctor."
        ),
        solution=(
            "Delira guides the nurse through the 4AT on a ward phone or tablet and writes the "
            "result to the health record through our integration, so nothing is typed twice. "
            "Positive screenings go to the doctor on call; the app suggests non-drug prevention "
            "(sleep, hydration, mobilisation, glasses and hearing aids) and tracks it."
        ),
        evidence=(
            "Pilot on two geriatric and orthopaedic wards at Odense University Hospital in 2024: "
            "screening documented for 87 percent of patients over 70."
        ),
        capabilities=["Delira delirium screening app", "Delirium prevention training"],
        price=(300_000, 450_000),
        timeline="Live on the acute medical unit in 8 weeks, both geriatric wards in 4 months.",
    ),
    bid(
        "Drone transport of blood samples between Svendborg and Odense",
        "nordic-drone-logistics",
        "accepted",
        summary=(
            "Twelve scheduled drone flights a day between OUH Svendborg and the Odense "
            "laboratory, door to lab in under 30 minutes, operated by us."
        ),
        solution=(
            "We run the route with two drones and roof-top drone ports at both sites, "
            "temperature-logged sample boxes and a handover procedure agreed with the "
            "laboratory. We prepare the operations manual and the SORA risk assessment with "
            "the Danish Civil Aviation and Railway Authority."
        ),
        evidence="Test flights Svendborg-Odense for OUH in 2023, 140 flights without deviation.",
        capabilities=[
            "Drone transport of blood samples between hospital sites",
            "Drone route approval and risk assessment",
        ],
        price=(1_400_000, 1_750_000),
        timeline="Route approval in 4 months, then a 12-month pilot.",
        decided_by=HOSPITAL_LOGIN,
        feedback=(
            "Accepted. We would like to start route approval right after the summer; the "
            "laboratory will name a contact for the handover procedure."
        ),
    ),
    bid(
        "Preventing diabetic foot ulcers with home monitoring",
        "thermafoot",
        "submitted",
        summary=(
            "A smart foot mat at home for the 450 high-risk patients: one minute a day, and "
            "the foot clinic hears about an ulcer before it opens."
        ),
        solution=(
            "Patients stand on the Thermafoot mat once a day. A temperature difference of more "
            "than 2.2 °C between the feet puts the patient on the clinic's alert list, so "
            "offloading can start before the skin breaks. Measurements reach the clinic's "
            "system through the Danish telemedicine FHIR profiles."
        ),
        evidence=(
            "Feasibility test at Steno Diabetes Center Odense in 2024; a clinical study showed "
            "50 percent fewer recurrent ulcers. CE marked, MDR class IIa."
        ),
        capabilities=[
            "Thermafoot smart foot mat for diabetic foot ulcer prevention",
            "Remote foot monitoring service",
        ],
        price=(700_000, 950_000),
        timeline="First 100 patients in 6 weeks, all 450 within 6 months.",
    ),
    bid(
        "Patient-specific surgical guides for complex forearm corrections",
        "printbone",
        "submitted",
        summary=(
            "Planning with your hand surgeons and sterile-ready 3D-printed guides within five "
            "working days of the CT scan."
        ),
        solution=(
            "Our engineers plan each osteotomy with the surgeon in a web meeting from the CT of "
            "both forearms; the mirrored healthy side gives the target. Cutting and drilling "
            "guides are printed in sterilisable material and delivered within five working "
            "days."
        ),
        evidence=(
            "Corrective forearm osteotomies at Odense University Hospital in 2025; 42 cases in "
            "orthopaedic oncology at Rigshospitalet. CE marked (MDR class IIa), ISO 13485."
        ),
        capabilities=["Patient-specific 3D-printed surgical guides"],
        price=(400_000, 600_000),
        timeline="First case within 2 weeks of the agreement.",
    ),
]

OTHER_BIDS = [
    bid(
        "Earlier recognition of sepsis in haematology patients",
        "sepsio-analytics",
        "shortlisted",
        summary=(
            "A sepsis warning inside the record, validated on neutropenic haematology patients, "
            "that comes up to six hours before today's clinical recognition."
        ),
        solution=(
            "Sepsio reads vital signs, lactate, CRP and leukocytes every 15 minutes and shows "
            "a risk score with its main reasons. We propose three months in silent mode on "
            "your three wards to tune the alarm threshold to under two alarms per ward per "
            "shift, then a live phase."
        ),
        evidence=(
            "14 months of silent-mode evaluation in haematology at Rigshospitalet; retrospective "
            "validation on 48,000 admissions. CE marked (MDR class IIa); AI Act gap analysis "
            "done."
        ),
        capabilities=[
            "Sepsio early warning of sepsis",
            "Clinical AI validation and AI Act readiness",
        ],
        price=(1_900_000, 2_600_000),
        timeline="Silent mode in 3 months, live on all three wards within 9 months.",
        decided_by="louise.brandt@rh.demo.healthmatch.local",
        feedback=(
            "Shortlisted. Please send the results of the silent-mode evaluation per ward and "
            "your plan for the AI Act conformity assessment."
        ),
    ),
    bid(
        "AI triage of chest X-rays in the emergency department",
        "radiolens",
        "submitted",
        summary=(
            "AI triage that puts urgent chest X-rays at the top of the worklist within seconds "
            "and sorts out normal images, day and night."
        ),
        solution=(
            "Radiolens reads each chest X-ray from the emergency department in under ten "
            "seconds, flags pneumothorax, pneumonia and effusion, and integrates with PACS and "
            "RIS. We propose a local validation on 2,000 of your examinations before go-live."
        ),
        evidence=(
            "Triage in Akademiska's emergency department since 2024; validated on 120,000 "
            "Nordic examinations. CE marked, MDR class IIb."
        ),
        capabilities=["Radiolens chest X-ray triage"],
        price=(2_800_000, 3_500_000),
        currency="SEK",
        timeline="Local validation in 3 months, go-live after 5.",
    ),
]

BIDS = VIGIL_SENSE_BIDS + ODENSE_HOSPITAL_BIDS + OTHER_BIDS
