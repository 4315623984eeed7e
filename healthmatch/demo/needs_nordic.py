"""Needs written in Danish (da), Swedish (sv) and Norwegian bokmål (nb)."""

from healthmatch.demo.builders import need
from healthmatch.demo.terms import DPIA, FHIR, IEC62304, ISO27001, IVDR, MDR_I, MDR_IIA, NIS2

NEEDS_NORDIC = [
    # --- Danish -------------------------------------------------------------------------------
    need(
        "odense-municipality",
        "Digitalt natligt tilsyn på plejecentre",
        summary=(
            "Vi vil erstatte en del af de fysiske natterunder med digitalt tilsyn, så beboerne "
            "ikke vækkes unødigt, og nattevagten kan bruge tiden, hvor der er brug for den."
        ),
        description=(
            "Nattevagterne går i dag runder hver anden time og åbner døren til alle lejligheder. "
            "Det vækker beboerne, især dem med demens, og giver uro resten af natten. Samtidig "
            "er der kun to medarbejdere på 40 lejligheder.\n\n"
            "Vi søger en løsning med sensorer, der viser, om beboeren sover, er ude af sengen "
            "eller er faldet, uden kamerabilleder, og en app til nattevagten, hvor tilsynet kan "
            "planlægges individuelt for hver beboer."
        ),
        pathway="Fysiske runder hver anden time; nødkald og sengealarmer ved enkelte beboere.",
        affected="Beboere på plejecentre, herunder mennesker med demens; nattevagter; pårørende.",
        scale="2 plejecentre med 80 lejligheder i pilotfasen, derefter 22 plejecentre",
        success=(
            "- Halvdelen af de fysiske nattetilsyn erstattet af digitalt tilsyn\n"
            "- Beboerne sover bedre (færre opvågninger registreret)\n"
            "- Ingen lagring af billeder; godkendt konsekvensanalyse (DPIA)"
        ),
        areas=["Geriatrics", "Dementia", "Nursing and care logistics"],
        settings=["Nursing home"],
        tech=["IoT / wearables and sensors", "Assistive and welfare technology"],
        min_trl=8,
        regulatory=[MDR_I, DPIA],
        budget="50k-250k",
        route="pilot",
        deadline=50,
        language="da",
        age=29,
    ),
    need(
        "odense-municipality",
        "Mindre ensomhed blandt ældre, der bor alene",
        summary=(
            "Hver femte borger over 75 føler sig ofte ensom. Vi vil afprøve digitale "
            "fællesskaber og nem videokontakt til familie og netværk."
        ),
        description=(
            "Ensomhed øger risikoen for depression, demens og indlæggelser. Mange ældre kan "
            "ikke bruge tablets med menuer og adgangskoder. Vi søger enkle løsninger til "
            "videoopkald og online aktiviteter, som kommunens aktivitetsmedarbejdere kan drive."
        ),
        pathway="Besøgsvenner, aktivitetscentre og forebyggende hjemmebesøg.",
        affected="Ældre borgere, der bor alene; pårørende; aktivitetsmedarbejdere.",
        scale="100 borgere i et første forsøg",
        success="- Mindre oplevet ensomhed målt med UCLA-skalaen efter seks måneder",
        areas=["Geriatrics", "Psychiatry and mental health", "Prevention and public health"],
        settings=["Citizen's home (self-care)", "Municipality services"],
        tech=["Assistive and welfare technology", "Telehealth and remote monitoring"],
        min_trl=7,
        budget="lt50k",
        route="market_dialogue",
        deadline=None,
        status="draft",
        language="da",
        age=9,
    ),
    need(
        "region-syddanmark",
        "Telemedicinsk sårvurdering mellem kommune og hospital",
        summary=(
            "Sygeplejersker i kommunerne skal kunne dele sårbilleder og målinger med "
            "hospitalets sårambulatorium, så patienten slipper for mange fremmøder."
        ),
        description=(
            "Patienter med kroniske sår kører ofte langt til sårambulatoriet, selv om "
            "vurderingen kunne ske på billeder. I dag sendes billeder uden standard og uden "
            "målinger. Vi søger en fælles løsning til guidet fotografering, automatisk måling "
            "af sårets areal og en fælles journal på tværs af region og 22 kommuner."
        ),
        pathway="Fremmøde i sårambulatoriet hver 2.-4. uge; kommunen skifter forbinding.",
        affected="Borgere med kroniske sår; hjemmesygeplejersker; sårsygeplejersker på hospitalet.",
        scale="1.500 patienter om året, 22 kommuner",
        success=(
            "- 40 procent færre fremmøder i sårambulatoriet\n"
            "- Ensartet dokumentation af sårets udvikling"
        ),
        areas=["Wound care", "Diabetes and endocrinology"],
        settings=["Home care", "Outpatient clinic"],
        tech=["Telehealth and remote monitoring", "Digital health software"],
        min_trl=8,
        regulatory=[MDR_I, DPIA],
        budget="250k-1m",
        route="tender",
        deadline=85,
        language="da",
        age=36,
    ),
    need(
        "region-midtjylland",
        "Fælles integration af hjemmemålinger til patientjournalen",
        summary=(
            "Målinger fra patienternes hjem ligger i mange forskellige systemer. Vi ønsker én "
            "integration, der leverer data til journalen og den nationale infrastruktur."
        ),
        description=(
            "Regionen bruger fire forskellige telemedicinske løsninger, og klinikerne skal "
            "logge ind flere steder. Vi søger en integrationsplatform, der modtager målinger fra "
            "forskellige udstyr og apps og leverer dem som HL7 FHIR til journalen, med styring "
            "af samtykke og adgang."
        ),
        pathway="Klinikerne slår målinger op i hver leverandørs eget system.",
        affected="Patienter med KOL, hjertesvigt og diabetes; klinikere; IT-afdelingen.",
        scale="6.000 patienter, 4 leverandører",
        success=(
            "- Alle målinger synlige i journalen inden for 5 minutter\n"
            "- Nye leverandører kan tilsluttes uden ny udvikling"
        ),
        areas=["Respiratory medicine (COPD, asthma)", "Cardiology", "Diabetes and endocrinology"],
        settings=["Outpatient clinic", "Citizen's home (self-care)"],
        tech=["Health data and interoperability"],
        min_trl=8,
        regulatory=[FHIR, ISO27001, NIS2],
        budget="250k-1m",
        route="tender",
        deadline=95,
        language="da",
        age=41,
    ),
    need(
        "copenhagen-municipality",
        "Videotolkning i hjemmesygeplejen",
        summary=(
            "Hjemmesygeplejen møder mange borgere, der ikke taler dansk. Vi vil have adgang til "
            "kvalificerede tolke på video med kort varsel."
        ),
        description=(
            "I dag bruges pårørende, ofte børn, som tolke, fordi fremmødetolke skal bestilles "
            "dage i forvejen. Det giver risiko for fejl i medicin og behandling. Vi søger en "
            "videotolkeløsning, der virker på medarbejdernes telefoner, med tolke i de mest "
            "brugte sprog inden for få minutter."
        ),
        pathway="Fremmødetolk bestilt i forvejen eller pårørende som tolk.",
        affected="Borgere med begrænsede danskkundskaber; hjemmesygeplejersker.",
        scale="3.000 tolkninger om året",
        success="- Tolk på video inden for 5 minutter i 90 procent af tilfældene",
        areas=["Prevention and public health", "Nursing and care logistics"],
        settings=["Home care"],
        tech=["Telehealth and remote monitoring"],
        min_trl=9,
        regulatory=[DPIA],
        budget="50k-250k",
        route="tender",
        deadline=110,
        status="submitted",
        language="da",
        age=11,
    ),
    # --- Swedish ------------------------------------------------------------------------------
    need(
        "akademiska-sjukhuset",
        "Snabbare identifiering av sepsis på akutmottagningen",
        summary=(
            "Patienter med sepsis identifieras för sent på akuten. Vi söker patientnära "
            "diagnostik eller beslutsstöd som ger svar redan vid triage."
        ),
        description=(
            "Akutmottagningen tar emot 60 000 besök per år. Sepsis känns ofta inte igen i "
            "triaget, särskilt hos äldre med diffusa symtom, och antibiotika ges för sent. "
            "Laboratoriesvar tar upp till en timme. Vi söker ett patientnära test eller ett "
            "beslutsstöd som kan användas av sjuksköterskor vid triage och som ger besked "
            "inom 20 minuter."
        ),
        pathway="Triage enligt RETTS, provtagning, läkarbedömning; antibiotika vid misstanke.",
        affected="Akuta patienter, särskilt äldre; sjuksköterskor och läkare på akuten.",
        scale="60 000 besök per år, cirka 1 200 sepsisfall",
        success=(
            "- Antibiotika inom en timme för 90 procent av sepsispatienterna\n"
            "- Resultat inom 20 minuter från provtagning"
        ),
        areas=["Emergency medicine", "Infection control", "Laboratory and pathology"],
        settings=["Emergency department"],
        tech=["Diagnostics and IVD", "AI / machine learning"],
        min_trl=6,
        regulatory=[IVDR],
        budget="250k-1m",
        route="innovation_partnership",
        deadline=75,
        language="sv",
        age=44,
    ),
    need(
        "akademiska-sjukhuset",
        "Läkemedelsavstämning vid inskrivning av äldre patienter",
        summary=(
            "Läkemedelsavstämning tar lång tid och fel i läkemedelslistan följer med genom "
            "vårdtiden. Vi söker digitalt stöd för apotekare och läkare."
        ),
        description=(
            "Äldre patienter har i genomsnitt tio läkemedel. Uppgifterna finns i den nationella "
            "läkemedelslistan, journalen och hos apoteket, men sammanställningen görs för hand. "
            "Vi vill ha ett verktyg som hämtar uppgifterna automatiskt och visar avvikelser och "
            "riskläkemedel."
        ),
        pathway="Manuell avstämning av apotekare eller läkare, ofta först efter ett dygn.",
        affected="Patienter över 75 år; apotekare, läkare och sjuksköterskor.",
        scale="Internmedicin och geriatrik, 8 000 inskrivningar per år",
        success="- Avstämning klar inom 24 timmar för 90 procent av patienterna",
        areas=["Pharmacy and medication", "Geriatrics"],
        settings=["Hospital ward", "Emergency department"],
        tech=["Digital health software", "Health data and interoperability"],
        min_trl=7,
        regulatory=[MDR_IIA, IEC62304],
        budget="50k-250k",
        route="pilot",
        deadline=90,
        status="submitted",
        language="sv",
        age=13,
    ),
    need(
        "region-uppsala",
        "Digital triage och chatt i primärvården",
        summary=(
            "Telefonköerna till vårdcentralerna är långa. Vi vill ge patienterna en digital "
            "väg in med strukturerad triage och chatt."
        ),
        description=(
            "Invånarna får vänta upp till en timme i telefonkö. Vi söker en digital ingång där "
            "patienten beskriver sina besvär strukturerat, får rätt prioritet och hänvisas till "
            "chatt, video, fysiskt besök eller egenvård. Lösningen ska kunna integreras med "
            "journalsystemet och 1177."
        ),
        pathway="Telefonrådgivning med återuppringning; drop-in på vissa vårdcentraler.",
        affected="Invånare i Uppsala län; sjuksköterskor och läkare i primärvården.",
        scale="30 vårdcentraler, 400 000 invånare",
        success=("- 30 procent av kontakterna digitalt inom ett år\n- Kortare väntetid i telefon"),
        areas=["Prevention and public health", "Emergency medicine"],
        settings=["Primary care"],
        tech=["Digital health software", "Telehealth and remote monitoring"],
        min_trl=8,
        regulatory=[MDR_IIA, ISO27001],
        budget="gt1m",
        route="tender",
        deadline=125,
        language="sv",
        age=52,
    ),
    need(
        "region-uppsala",
        "Tidig upptäckt av kognitiv svikt i primärvården",
        summary=(
            "Demenssjukdom upptäcks ofta sent. Vi vill ge vårdcentralerna ett snabbt och "
            "tillförlitligt digitalt kognitivt test."
        ),
        description=(
            "Utredning av kognitiv svikt startar i primärvården, men testerna (MMSE, klocktest) "
            "är grova och tidskrävande att tolka. Vi söker ett digitalt test med automatisk "
            "poängsättning och normdata, som en sjuksköterska kan administrera på 15 minuter."
        ),
        pathway="MMSE och klocktest på vårdcentralen; remiss till minnesmottagning.",
        affected="Äldre med minnesbesvär och deras anhöriga; distriktssköterskor och läkare.",
        scale="30 vårdcentraler, cirka 2 000 utredningar per år",
        success="- Färre onödiga remisser och tidigare diagnos",
        areas=["Dementia", "Neurology", "Geriatrics"],
        settings=["Primary care"],
        tech=["Digital health software", "Diagnostics and IVD"],
        min_trl=7,
        regulatory=[MDR_IIA],
        budget="50k-250k",
        route="pilot",
        deadline=35,
        language="sv",
        age=31,
    ),
    need(
        "region-uppsala",
        "Bildstöd för sårbedömning i hemsjukvården",
        summary=(
            "Distriktssköterskor vill kunna dela sårbilder med specialister och följa "
            "läkningen över tid."
        ),
        description=(
            "Sår dokumenteras i dag med fritext och enstaka foton. Vi vill testa en app för "
            "standardiserad fotografering och mätning av sår som delas med sårmottagningen."
        ),
        pathway="Fritext i journalen, besök hos sårmottagningen vid behov.",
        affected="Patienter med svårläkta sår; distriktssköterskor.",
        scale="4 hemsjukvårdsområden",
        success="- Standardiserad dokumentation för alla svårläkta sår",
        areas=["Wound care"],
        settings=["Home care", "Primary care"],
        tech=["Telehealth and remote monitoring", "AI / machine learning"],
        min_trl=7,
        budget="lt50k",
        route="pilot",
        deadline=140,
        status="draft",
        returned=True,
        language="sv",
        age=25,
    ),
    # --- Norwegian bokmål -----------------------------------------------------------------------
    need(
        "bergen-municipality",
        "Digitalt nattilsyn i hjemmetjenesten",
        summary=(
            "Vi vil erstatte deler av de fysiske nattbesøkene med digitalt tilsyn, slik at "
            "brukerne får sove og nattpatruljen rekker over flere."
        ),
        description=(
            "Nattpatruljen kjører i dag til brukerne for å se at alt er i orden, ofte uten at "
            "det er behov for hjelp. Besøkene vekker brukerne og tar mye kjøretid. Vi søker "
            "sensorer som viser om brukeren ligger i sengen, har stått opp eller har falt, "
            "uten kamera, og som varsler responssenteret ved behov."
        ),
        pathway="Fysiske nattbesøk etter fast plan; trygghetsalarm.",
        affected="Hjemmeboende brukere med behov for nattilsyn; nattpatruljen; pårørende.",
        scale="200 brukere",
        success=(
            "- 60 prosent av de fysiske nattbesøkene erstattet\n"
            "- Varsler håndtert i responssenteret innen 5 minutter"
        ),
        areas=["Geriatrics", "Dementia", "Nursing and care logistics"],
        settings=["Home care", "Citizen's home (self-care)"],
        tech=["IoT / wearables and sensors", "Assistive and welfare technology"],
        min_trl=8,
        regulatory=[MDR_I, DPIA],
        budget="250k-1m",
        route="tender",
        deadline=70,
        language="nb",
        age=37,
    ),
    need(
        "bergen-municipality",
        "Lokaliseringsteknologi for personer med demens",
        summary="Vi søkte GPS-løsninger for hjemmeboende personer med demens.",
        description=(
            "Personer med demens som liker å gå turer alene, kan gå seg vill. Vi ønsket "
            "lokaliseringsteknologi med varsling til pårørende og responssenteret."
        ),
        pathway="Leting ved savnet person; noen brukere må ha følge på tur.",
        affected="Hjemmeboende personer med demens; pårørende; hjemmetjenesten.",
        scale="100 brukere",
        success="- Savnede personer funnet innen 30 minutter",
        areas=["Dementia"],
        settings=["Citizen's home (self-care)", "Home care"],
        tech=["IoT / wearables and sensors", "Assistive and welfare technology"],
        min_trl=8,
        regulatory=[DPIA],
        budget="50k-250k",
        route="tender",
        deadline=-30,
        status="closed",
        language="nb",
        age=180,
    ),
    need(
        "stavanger-municipality",
        "Trygghetsalarm med automatisk fallvarsling",
        summary="Vi vil vurdere trygghetsalarmer som varsler automatisk ved fall.",
        description=(
            "Mange brukere bruker ikke trygghetsalarmen når de faller. Vi vil kartlegge "
            "løsninger som oppdager fall automatisk."
        ),
        pathway="Trygghetsalarm med knapp rundt halsen eller håndleddet.",
        affected="Hjemmeboende eldre med trygghetsalarm.",
        scale="1 800 trygghetsalarmer",
        success="- Fall oppdaget uten at brukeren må trykke på knappen",
        areas=["Geriatrics"],
        settings=["Citizen's home (self-care)"],
        tech=["IoT / wearables and sensors", "Assistive and welfare technology"],
        min_trl=8,
        budget="unknown",
        route="market_dialogue",
        deadline=None,
        status="draft",
        language="nb",
        age=2,
    ),
    need(
        "oslo-university-hospital",
        "Autonome roboter for transport av prøver og legemidler",
        summary=(
            "Portørene bruker mye tid på rutinetransport. Vi vil teste selvkjørende roboter "
            "som frakter prøver, legemidler og tøy mellom avdelingene."
        ),
        description=(
            "Rikshospitalet har lange korridorer og mange heiser. Rutinetransport av "
            "blodprøver, legemidler fra sykehusapoteket og rent tøy tar en stor del av "
            "portørenes tid, særlig om natten. Vi søker autonome mobile roboter som kan bruke "
            "heiser og dører, med låste rom for legemidler og sporbarhet."
        ),
        pathway="Portører og rørpost; faste transportrunder.",
        affected="Portører, sykepleiere, sykehusapoteket og laboratoriet.",
        scale="3 bygg, 20 avdelinger, 600 transporter per døgn",
        success=(
            "- 30 prosent av rutinetransportene utført av roboter\n"
            "- Ingen avvik i sporbarhet for legemidler"
        ),
        areas=["Nursing and care logistics", "Pharmacy and medication", "Laboratory and pathology"],
        settings=["Hospital ward"],
        tech=["Robotics and automation", "Logistics and hospital operations"],
        min_trl=8,
        regulatory=[NIS2],
        budget="gt1m",
        route="innovation_partnership",
        deadline=135,
        language="nb",
        age=47,
    ),
    need(
        "oslo-university-hospital",
        "Færre uteblivelser fra poliklinikken",
        summary=(
            "Rundt 7 prosent av pasientene møter ikke til avtalt time. Vi vil redusere "
            "uteblivelser og fylle ledige timer fra ventelisten."
        ),
        description=(
            "Uteblivelser gir tapt kapasitet og lengre ventetid. Vi søker løsninger som "
            "forutsier hvilke pasienter som ikke vil møte, sender påminnelser med mulighet for "
            "å avbestille og fyller ledige timer automatisk."
        ),
        pathway="Innkallingsbrev i Helsenorge og SMS-påminnelse tre dager før.",
        affected="Polikliniske pasienter; sekretærer og behandlere.",
        scale="5 poliklinikker, 150 000 konsultasjoner per år",
        success="- Uteblivelser under 4 prosent",
        areas=["Nursing and care logistics"],
        settings=["Outpatient clinic"],
        tech=["AI / machine learning", "Digital health software"],
        min_trl=8,
        regulatory=[DPIA],
        budget="50k-250k",
        route="pilot",
        deadline=80,
        status="submitted",
        language="nb",
        age=10,
    ),
]
