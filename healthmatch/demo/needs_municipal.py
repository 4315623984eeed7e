"""Needs of municipalities and regions (English)."""

from healthmatch.demo.builders import need
from healthmatch.demo.terms import DPIA, FHIR, ISO27001, MDR_I, MDR_IIA

ODENSE = "odense-municipality"
RSD = "region-syddanmark"
RM = "region-midtjylland"
KK = "copenhagen-municipality"
GENTOFTE = "gentofte-municipality"
BERGEN = "bergen-municipality"
UPPSALA = "region-uppsala"

NEEDS_MUNICIPAL = [
    # --- Odense Municipality ----------------------------------------------------------------
    need(
        ODENSE,
        "Fall detection and prevention in nursing homes",
        summary=(
            "Residents fall at night and may lie on the floor for hours before staff find "
            "them. We want to detect falls immediately and prevent the next one."
        ),
        description=(
            "Our 22 nursing homes register about 2,400 falls a year, two thirds of them at "
            "night in the resident's own apartment or bathroom. Sensor mats and pull cords "
            "give many false alarms or are not used by residents with dementia. Cameras are "
            "not acceptable to residents and relatives.\n\n"
            "We are looking for contact-free fall detection that works in bathrooms and in the "
            "dark, respects privacy, and sends alarms to staff's care phones. We are also "
            "interested in data that helps us see who is at risk of falling, so that we can "
            "target training and night-time support."
        ),
        pathway=(
            "Sensor mats and pull cords; physical night rounds every two hours; fall "
            "registration in the care record after the event."
        ),
        affected=(
            "Nursing home residents, many with dementia; night staff; relatives. About 1,300 "
            "apartments."
        ),
        scale="22 nursing homes, 1,300 apartments; pilot in 2 homes with 80 apartments",
        success=(
            "- Falls detected within 1 minute, 24/7, also in bathrooms\n"
            "- Fewer than 1 false alarm per apartment per month\n"
            "- 20 percent fewer fall injuries needing hospital treatment\n"
            "- No cameras or images stored"
        ),
        areas=["Geriatrics", "Dementia", "Nursing and care logistics"],
        settings=["Nursing home", "Home care"],
        tech=["IoT / wearables and sensors", "Assistive and welfare technology"],
        min_trl=7,
        regulatory=[MDR_I, DPIA],
        budget="250k-1m",
        route="pilot",
        deadline=60,
        age=4,
    ),
    need(
        ODENSE,
        "Automatic medication dispensing for citizens receiving home care",
        summary=(
            "Home care makes 1,100 visits a day only to hand out medicine. We want citizens to "
            "take their medicine on time without a carer present."
        ),
        description=(
            "Many citizens receive up to four daily visits for medication only. Staff shortage "
            "makes it hard to keep the times, and late medication matters for Parkinson's and "
            "diabetes. We want automatic dispensers that work with pharmacy-packed pouches, "
            "remind the citizen, and alert home care when a dose is missed."
        ),
        pathway="Multi-dose pouches from the pharmacy handed out by home care at each dose time.",
        affected="Home-dwelling citizens with medication help; home care staff; pharmacies.",
        scale="900 citizens with medication visits; pilot with 100",
        success=(
            "- 30 percent of medication visits replaced\n"
            "- At least 95 percent of doses taken within 30 minutes of the planned time"
        ),
        areas=["Pharmacy and medication", "Geriatrics", "Nursing and care logistics"],
        settings=["Home care", "Citizen's home (self-care)"],
        tech=["Assistive and welfare technology", "Medical device"],
        min_trl=8,
        regulatory=[MDR_IIA],
        budget="250k-1m",
        route="tender",
        deadline=75,
        age=50,
    ),
    need(
        ODENSE,
        "Dynamic route planning for home care",
        summary=(
            "Our planners rebuild routes by hand every morning when staff call in sick. We "
            "want planning that adapts during the day and keeps continuity for citizens."
        ),
        description=(
            "Home care plans 6,000 visits a day in four districts. Planning is done manually "
            "in the care system, takes two hours each morning and often breaks continuity: "
            "citizens see many different carers. We want optimised, dynamic planning that "
            "respects competences and continuity and integrates with our care record."
        ),
        pathway="Manual planning in the care record system by district planners.",
        affected="Citizens receiving home care; carers; district planners.",
        scale="4 districts, 650 carers, 6,000 visits a day",
        success=(
            "- 10 percent less driving time\n"
            "- Each citizen sees no more than 8 different carers a month"
        ),
        areas=["Nursing and care logistics"],
        settings=["Home care", "Municipality services"],
        tech=["Logistics and hospital operations", "Digital health software"],
        min_trl=8,
        regulatory=[ISO27001, DPIA],
        budget="250k-1m",
        route="tender",
        deadline=120,
        status="submitted",
        age=12,
    ),
    need(
        ODENSE,
        "Individual continence care in nursing homes",
        summary=(
            "Pads are changed on a fixed schedule, which wakes residents and still causes "
            "leaks and skin problems. We want care based on actual need."
        ),
        description=(
            "Continence care takes a large share of staff time at night. Fixed-schedule checks "
            "disturb sleep, and residents with dementia cannot tell when they need a change. We "
            "want a sensor-based mapping of each resident's pattern and notifications when a "
            "change is actually needed."
        ),
        pathway="Checks every 2-3 hours day and night; pad type chosen by the continence nurse.",
        affected="Nursing home residents with incontinence; carers; continence nurses.",
        scale="3 nursing homes, 160 residents",
        success=(
            "- 30 percent fewer night-time checks\n- Fewer incontinence-associated skin problems"
        ),
        areas=["Geriatrics", "Nursing and care logistics", "Wound care"],
        settings=["Nursing home"],
        tech=["IoT / wearables and sensors", "Assistive and welfare technology"],
        min_trl=8,
        regulatory=[MDR_I],
        budget="50k-250k",
        route="pilot",
        deadline=40,
        age=24,
    ),
    need(
        ODENSE,
        "Exergames in rehabilitation after stroke",
        summary=(
            "We want motivating, measurable training at home and in our rehabilitation centre "
            "for citizens after stroke."
        ),
        description=(
            "Citizens get 12 weeks of rehabilitation in our training centre, but training "
            "volume at home is low. We seek game-based training for arm function and balance "
            "that adapts difficulty, shows progress to the therapist and can be lent out."
        ),
        pathway="Group and individual training twice a week; paper home exercise programme.",
        affected="Citizens after stroke; physiotherapists and occupational therapists.",
        scale="350 citizens a year",
        success="- Double the weekly training minutes; improved arm function scores",
        areas=["Neurology", "Rehabilitation"],
        settings=["Municipality services", "Citizen's home (self-care)"],
        tech=["VR / AR and simulation", "IoT / wearables and sensors"],
        min_trl=6,
        budget="lt50k",
        route="pilot",
        deadline=50,
        age=14,
    ),
    # --- Region of Southern Denmark --------------------------------------------------------
    need(
        RSD,
        "VR training in safe medication handling for new nurses",
        summary=(
            "Medication errors are the most reported adverse event. We want realistic "
            "simulation training for newly hired nurses before they work alone."
        ),
        description=(
            "We hire 600 nurses a year across our hospitals. Introduction courses are "
            "classroom-based, and simulation centres have limited capacity. We want VR or other "
            "simulation training in medication preparation and administration that can be "
            "used on the ward, with built-in errors and feedback."
        ),
        pathway="Two-day classroom introduction; supervised practice on the ward.",
        affected="Newly hired nurses; clinical educators; patients.",
        scale="600 nurses a year across 4 hospitals",
        success=(
            "- 90 percent of new nurses complete the training in their first month\n"
            "- Fewer medication incidents reported by new staff"
        ),
        areas=["Pharmacy and medication", "Nursing and care logistics"],
        settings=["Hospital ward"],
        tech=["VR / AR and simulation", "E-learning and training"],
        min_trl=8,
        budget="50k-250k",
        route="tender",
        deadline=70,
        age=30,
    ),
    need(
        RSD,
        "Predicting acute readmission of older medical patients",
        summary=(
            "We want to identify older patients at high risk of readmission so that the "
            "municipality can follow up after discharge. Details for invited companies."
        ),
        description=(
            "One in five patients over 75 is readmitted within 30 days. Municipalities offer "
            "follow-up visits but cannot reach everyone. We want a prediction model on "
            "hospital and municipal data that flags high-risk patients at discharge, with a "
            "data flow to the municipality and a documented DPIA. Data access will be through "
            "the region's secure analysis platform."
        ),
        pathway="Discharge letter and a standard care plan to the municipality.",
        affected="Patients over 75; discharge coordinators; municipal acute teams.",
        scale="14,000 discharges a year",
        success=(
            "- Model AUC above 0.75 on regional data\n"
            "- 15 percent fewer readmissions in the follow-up group"
        ),
        areas=["Geriatrics", "Emergency medicine"],
        settings=["Hospital ward", "Municipality services"],
        tech=["AI / machine learning", "Health data and interoperability"],
        min_trl=5,
        regulatory=[DPIA],
        budget="250k-1m",
        route="pcp",
        deadline=90,
        confidential=True,
        invite=["sepsio-analytics", "conduit-health-data"],
        age=45,
    ),
    # --- Central Denmark Region ------------------------------------------------------------
    need(
        RM,
        "Scaling COPD telehealth to all eligible patients",
        summary=(
            "Telehealth for COPD works in our pilots. Now we need a solution and service that "
            "scale to 4,000 patients across hospitals and municipalities."
        ),
        description=(
            "National guidelines recommend telehealth for people with moderate to severe COPD. "
            "We need measurement equipment, a patient app, triage of measurements and "
            "integration with the national telehealth infrastructure, plus the option of home "
            "spirometry. Responsibility is shared between hospitals and 19 municipalities."
        ),
        pathway="Outpatient visits, municipal COPD rehabilitation, emergency admissions.",
        affected="People with COPD; respiratory nurses; municipal home care.",
        scale="4,000 patients, 5 hospitals, 19 municipalities",
        success=(
            "- 20 percent fewer COPD admissions\n- Data in the national infrastructure via HL7 FHIR"
        ),
        areas=["Respiratory medicine (COPD, asthma)"],
        settings=["Citizen's home (self-care)", "Outpatient clinic", "Home care"],
        tech=["Telehealth and remote monitoring", "Health data and interoperability"],
        min_trl=9,
        regulatory=[MDR_IIA, FHIR, ISO27001],
        budget="gt1m",
        route="tender",
        deadline=115,
        age=58,
    ),
    need(
        RM,
        "Remote monitoring in pregnancies with gestational diabetes",
        summary=(
            "Women with gestational diabetes come to the clinic every week. We want home "
            "monitoring of glucose and blood pressure with midwife follow-up."
        ),
        description=(
            "Rising numbers of gestational diabetes strain our obstetric clinics, and weekly "
            "visits are hard for working women. We want home measurement with an app and a "
            "midwife dashboard, with alerts for high values."
        ),
        pathway="Weekly visits with a midwife and diabetes nurse.",
        affected="Pregnant women with gestational diabetes; midwives; diabetes nurses.",
        scale="900 pregnancies a year",
        success="- Half as many physical visits with unchanged outcomes",
        areas=["Women's health and obstetrics", "Diabetes and endocrinology"],
        settings=["Citizen's home (self-care)", "Outpatient clinic"],
        tech=["Telehealth and remote monitoring", "IoT / wearables and sensors"],
        min_trl=7,
        regulatory=[MDR_IIA],
        budget="50k-250k",
        route="pilot",
        deadline=45,
        age=19,
    ),
    # --- Copenhagen Municipality ------------------------------------------------------------
    need(
        KK,
        "GPS location technology for citizens with dementia",
        summary=(
            "Citizens with dementia want to keep walking on their own. We want safe location "
            "technology so they can, and relatives worry less."
        ),
        description=(
            "Several times a month we search for citizens with dementia who have got lost, "
            "sometimes with the police. Some are kept indoors for safety. We want wearable "
            "GPS with geofencing and alarms to relatives, home care or an alarm centre, chosen "
            "with the citizen, and routines for consent and ethics."
        ),
        pathway="Searches by staff and police; some citizens moved to locked units.",
        affected="Citizens with dementia living at home or in nursing homes; relatives; staff.",
        scale="200 citizens",
        success=(
            "- Lost citizens found within 30 minutes\n"
            "- Battery and usability accepted by at least 80 percent of users"
        ),
        areas=["Dementia", "Geriatrics"],
        settings=["Citizen's home (self-care)", "Nursing home", "Home care"],
        tech=["IoT / wearables and sensors", "Assistive and welfare technology"],
        min_trl=8,
        regulatory=[MDR_I, DPIA],
        budget="50k-250k",
        route="tender",
        deadline=55,
        age=26,
    ),
    need(
        KK,
        "Fewer double-staffed visits through better lifting aids",
        summary=(
            "Transfers that need two carers make up 12 percent of home care hours. We want "
            "aids that let one carer do them safely."
        ),
        description=(
            "Double-staffed visits are hard to plan and cause waiting for citizens. Back "
            "injuries among carers are frequent. We seek lifting and transfer technology that "
            "one carer can operate safely, plus an assessment of which visits can be converted."
        ),
        pathway="Two carers for hoist transfers; ceiling or mobile hoists with manual handling.",
        affected="Citizens who need help to transfer; home care staff.",
        scale="450 citizens with double-staffed visits",
        success=(
            "- 40 percent of double-staffed visits converted to single-staffed\n"
            "- No increase in injuries to citizens or staff"
        ),
        areas=["Nursing and care logistics", "Rehabilitation"],
        settings=["Home care", "Nursing home"],
        tech=["Robotics and automation", "Assistive and welfare technology"],
        min_trl=8,
        regulatory=[MDR_I],
        budget="250k-1m",
        route="pilot",
        deadline=80,
        age=32,
    ),
    need(
        KK,
        "Early detection of urinary tract infections in nursing homes",
        summary=(
            "UTIs in residents are found late, and antibiotics are often prescribed on "
            "uncertain grounds. We want earlier and more accurate detection."
        ),
        description=(
            "Urinary tract infections are a frequent cause of delirium, falls and admissions "
            "among nursing home residents, while dipstick tests lead to overtreatment. We want "
            "early signals (changes in activity, urine markers) and better point-of-care "
            "diagnostics to support the GP's decision."
        ),
        pathway="Dipstick test on suspicion; phone call to the GP; antibiotics often prescribed.",
        affected="Nursing home residents; nurses; GPs.",
        scale="40 nursing homes",
        success=("- Earlier treatment of true infections\n- 25 percent fewer antibiotic courses"),
        areas=["Infection control", "Geriatrics"],
        settings=["Nursing home"],
        tech=["Diagnostics and IVD", "IoT / wearables and sensors"],
        min_trl=6,
        budget="50k-250k",
        route="market_dialogue",
        deadline=100,
        status="submitted",
        age=7,
    ),
    # --- Gentofte Municipality (not yet verified) -----------------------------------------
    need(
        GENTOFTE,
        "Digital home training after hip fracture",
        summary="We want to support citizens to train at home after hip fracture surgery.",
        description=(
            "Citizens get rehabilitation in the training centre twice a week, but many do not "
            "train at home. We are exploring digital training programmes with feedback."
        ),
        pathway="Training centre twice a week for 12 weeks.",
        affected="Citizens over 65 after hip fracture; physiotherapists.",
        scale="120 citizens a year",
        success="- More citizens walking independently after 12 weeks",
        areas=["Orthopaedics", "Rehabilitation", "Geriatrics"],
        settings=["Citizen's home (self-care)", "Municipality services"],
        tech=["Telehealth and remote monitoring", "IoT / wearables and sensors"],
        min_trl=7,
        budget="lt50k",
        route="pilot",
        deadline=None,
        status="draft",
        age=5,
    ),
    # --- Bergen Municipality ----------------------------------------------------------------
    need(
        BERGEN,
        "Medication dispensers for home-dwelling citizens",
        summary=(
            "We want to extend the use of electronic medication dispensers to all citizens who "
            "can benefit, with alerts to home services."
        ),
        description=(
            "Bergen has used medication dispensers since 2016, but with two different models "
            "and manual follow-up of alerts. We want a new framework agreement for dispensers "
            "with missed-dose alerts integrated in our response centre and the care record, "
            "and support for pharmacy multi-dose packaging."
        ),
        pathway="Home services visit for medication; some citizens have dispensers.",
        affected="Home-dwelling citizens; home services; pharmacies.",
        scale="1,200 dispensers",
        success="- Alerts handled in the response centre within 15 minutes",
        areas=["Pharmacy and medication", "Geriatrics"],
        settings=["Home care", "Citizen's home (self-care)"],
        tech=["Assistive and welfare technology", "Medical device"],
        min_trl=9,
        regulatory=[MDR_IIA, DPIA],
        budget="gt1m",
        route="tender",
        deadline=105,
        region="Helse Vest",
        age=40,
    ),
    need(
        BERGEN,
        "Sensor-based monitoring of daily activity for early signs of decline",
        summary=(
            "We want to notice early when a citizen living alone starts to decline, for "
            "example an infection or beginning dementia, before a crisis."
        ),
        description=(
            "Changes in daily rhythm (more time in bed, more toilet visits at night, less "
            "activity) often precede admissions. We want non-intrusive sensors and a daily "
            "summary for the responsible nurse, with few and meaningful alerts."
        ),
        pathway="Weekly visits and the citizen's own safety alarm.",
        affected="Older citizens living alone; home nurses.",
        scale="150 citizens in a pilot",
        success="- Deviations found before an acute contact in at least half of the cases",
        areas=["Geriatrics", "Prevention and public health", "Dementia"],
        settings=["Citizen's home (self-care)", "Home care"],
        tech=["IoT / wearables and sensors", "AI / machine learning"],
        min_trl=6,
        regulatory=[DPIA],
        budget="50k-250k",
        route="pilot",
        deadline=65,
        age=21,
    ),
    # --- Region Uppsala ---------------------------------------------------------------------
    need(
        UPPSALA,
        "Home spirometry for asthma and COPD patients in primary care",
        summary=(
            "Spirometry requires a visit and trained staff. We want quality-assured home "
            "spirometry for follow-up in primary care."
        ),
        description=(
            "Many patients with asthma and COPD do not get the follow-up spirometry the "
            "guidelines recommend, because of visit capacity. We want home spirometers with "
            "coaching and quality grading, results visible in the record and support for "
            "nurses reviewing the curves."
        ),
        pathway="Spirometry at the primary care centre by a trained nurse.",
        affected="Patients with asthma and COPD; asthma/COPD nurses.",
        scale="30 primary care centres, 5,000 patients",
        success="- 80 percent of home spirometries of acceptable quality",
        areas=["Respiratory medicine (COPD, asthma)"],
        settings=["Primary care", "Citizen's home (self-care)"],
        tech=["Medical device", "Telehealth and remote monitoring"],
        min_trl=8,
        regulatory=[MDR_IIA],
        budget="50k-250k",
        route="pilot",
        deadline=60,
        age=23,
    ),
]
