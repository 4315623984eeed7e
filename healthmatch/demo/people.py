"""People of the demo world. Natural key: email.

DEMO_LOGINS can log in with DEMO_PASSWORD; everybody else gets an unusable password and exists
to author needs, publish them (hub coordinators), ask to join an organisation or meet people
at the demo's matchmaking days.

``language``: the person's language (pages and emails follow it). The demo logins differ, so the
demo shows pages and emails in Danish and English; everybody else without one speaks their
organisation's country's language (seed.py, ``language_of``).
"""

DEMO_PASSWORD = "healthmatch-demo"

DEMO_LOGINS = [
    {
        "role": "Hospital",
        "detail": (
            "admin of Odense University Hospital, with bids on its needs; meeting requests "
            "to answer at Nordic Health Tech Matchmaking (/events/)"
        ),
        "email": "hospital@demo.healthmatch.local",
        "language": "da",
        "name": "Henriette Holm",
        "job_title": "Innovation consultant, OUH Innovation",
        "organisation": "odense-university-hospital",
        "org_role": "admin",
    },
    {
        "role": "Municipality",
        "detail": "admin of Odense Municipality",
        "email": "municipality@demo.healthmatch.local",
        "language": "da",
        "name": "Mikkel Madsen",
        "job_title": "Welfare technology lead, Elder Care",
        "organisation": "odense-municipality",
        "org_role": "admin",
    },
    {
        "role": "Company",
        "detail": (
            "admin of Vigil Sense ApS, a verified SME; its bids are in My bids; meeting "
            "requests to answer at Nordic Health Tech Matchmaking (/events/)"
        ),
        "email": "company@demo.healthmatch.local",
        "language": "en",
        "name": "Camilla Krogh",
        "job_title": "CEO and co-founder",
        "organisation": "vigil-sense",
        "org_role": "admin",
    },
    {
        "role": "Coordinator",
        "detail": (
            "staff; coordinates Welfare Tech and Copenhagen Healthtech Cluster, and organised "
            "the past Welfare Tech matchmaking day (Admin › Events)"
        ),
        "email": "coordinator@demo.healthmatch.local",
        "language": "en",
        "name": "Karina Lund",
        "job_title": "Cluster coordinator",
        "staff": True,
        "coordinates": ["welfare-tech", "copenhagen-healthtech"],
    },
    {
        "role": "Administrator",
        "detail": "superuser",
        "email": "admin@demo.healthmatch.local",
        "language": "en",
        "name": "Anders Admin",
        "job_title": "Platform administrator",
        "staff": True,
        "superuser": True,
    },
]

# Coordinators of the hubs the demo coordinator does not cover.
HUB_COORDINATORS = [
    {
        "email": "lars.bech@mtic.demo.healthmatch.local",
        "language": "da",
        "name": "Lars Bech",
        "job_title": "Project manager, clinical testing",
        "coordinates": ["medtech-innovation-consortium"],
    },
    {
        "email": "ingrid.solberg@nht.demo.healthmatch.local",
        "language": "nb",
        "name": "Ingrid Solberg",
        "job_title": "Programme manager, digital health",
        "coordinates": ["norway-health-tech"],
    },
    {
        "email": "elin.bergstrom@uppsala.demo.healthmatch.local",
        "language": "sv",
        "name": "Elin Bergström",
        "job_title": "Innovationsledare, Innovation Akademiska",
        "coordinates": ["innovationsjakten"],
    },
]

# Buyer staff who write needs. The first person of an organisation authors its needs unless
# a demo login belongs to it. ``status`` pending = a request to join, waiting for the admin.
BUYER_STAFF = [
    {
        "email": "jonas.winther@ouh.demo.healthmatch.local",
        "name": "Jonas Winther",
        "job_title": "Clinical nurse specialist, Geriatrics",
        "organisation": "odense-university-hospital",
        "role": "member",
    },
    {
        "email": "sofie.dahl@ouh.demo.healthmatch.local",
        "name": "Sofie Dahl",
        "job_title": "Physiotherapist",
        "organisation": "odense-university-hospital",
        "role": "member",
        "status": "pending",
    },
    {
        "email": "birthe.nygaard@odense.demo.healthmatch.local",
        "name": "Birthe Nygaard",
        "job_title": "Nursing home manager, Ejerslykke",
        "organisation": "odense-municipality",
        "role": "member",
    },
    {
        "email": "peter.frandsen@rsyd.demo.healthmatch.local",
        "name": "Peter Frandsen",
        "job_title": "Head of telemedicine",
        "organisation": "region-syddanmark",
        "role": "admin",
    },
    {
        "email": "anne.mortensen@auh.demo.healthmatch.local",
        "name": "Anne Mortensen",
        "job_title": "Innovation manager",
        "organisation": "aarhus-university-hospital",
        "role": "admin",
    },
    {
        "email": "rasmus.kjeldsen@rm.demo.healthmatch.local",
        "name": "Rasmus Kjeldsen",
        "job_title": "Telehealth programme lead",
        "organisation": "region-midtjylland",
        "role": "admin",
    },
    {
        "email": "louise.brandt@rh.demo.healthmatch.local",
        "name": "Louise Brandt",
        "job_title": "Chief physician, Haematology",
        "organisation": "rigshospitalet",
        "role": "admin",
    },
    {
        "email": "mads.sorensen@kk.demo.healthmatch.local",
        "name": "Mads Sørensen",
        "job_title": "Development consultant, Health and Care",
        "organisation": "copenhagen-municipality",
        "role": "admin",
    },
    {
        "email": "trine.holt@gentofte.demo.healthmatch.local",
        "name": "Trine Holt",
        "job_title": "Rehabilitation manager",
        "organisation": "gentofte-municipality",
        "role": "admin",
    },
    {
        "email": "kari.haugen@ous.demo.healthmatch.local",
        "name": "Kari Haugen",
        "job_title": "Seniorrådgiver, innovasjon",
        "organisation": "oslo-university-hospital",
        "role": "admin",
    },
    {
        "email": "ola.lunde@bergen.demo.healthmatch.local",
        "name": "Ola Lunde",
        "job_title": "Prosjektleder velferdsteknologi",
        "organisation": "bergen-municipality",
        "role": "admin",
    },
    {
        "email": "siri.eide@stavanger.demo.healthmatch.local",
        "name": "Siri Eide",
        "job_title": "Rådgiver, helse og velferd",
        "organisation": "stavanger-municipality",
        "role": "admin",
    },
    {
        "email": "johan.lindqvist@akademiska.demo.healthmatch.local",
        "name": "Johan Lindqvist",
        "job_title": "Överläkare, akutmottagningen",
        "organisation": "akademiska-sjukhuset",
        "role": "admin",
    },
    {
        "email": "maria.sjoberg@regionuppsala.demo.healthmatch.local",
        "name": "Maria Sjöberg",
        "job_title": "Innovationsnod, primärvården",
        "organisation": "region-uppsala",
        "role": "admin",
    },
]

# Company staff who go to the demo's matchmaking days (matchmaking_days.py); members of their
# company, without a login, like the buyer staff.
COMPANY_STAFF = [
    # A university's clinical trial unit: research institutes meet buyers like companies.
    {
        "email": "anders.bech@sdu.demo.healthmatch.local",
        "name": "Anders Bech",
        "job_title": "Research liaison, clinical trial unit",
        "organisation": "sdu-health-innovation",
    },
    {
        "email": "jakob.vestergaard@dosera.demo.healthmatch.local",
        "name": "Jakob Vestergaard",
        "job_title": "Sales director",
        "organisation": "dosera",
    },
    {
        "email": "henrik.bundgaard@rehoist.demo.healthmatch.local",
        "name": "Henrik Bundgaard",
        "job_title": "CTO",
        "organisation": "rehoist-robotics",
    },
    {
        "email": "line.bach@skinsight.demo.healthmatch.local",
        "name": "Line Bach",
        "job_title": "Clinical product manager",
        "organisation": "skinsight",
    },
    {
        "email": "sara.iversen@carecoach.demo.healthmatch.local",
        "name": "Sara Iversen",
        "job_title": "Partner",
        "organisation": "carecoach-vr",
    },
    {
        "email": "marianne.skov@continua.demo.healthmatch.local",
        "name": "Marianne Skov",
        "job_title": "Customer success lead",
        "organisation": "continua-sensor",
    },
    {
        "email": "kirsten.lauridsen@delira.demo.healthmatch.local",
        "name": "Kirsten Lauridsen",
        "job_title": "Co-founder, MD",
        "organisation": "delira",
    },
    {
        "email": "julie.mikkelsen@thermafoot.demo.healthmatch.local",
        "name": "Julie Mikkelsen",
        "job_title": "CEO",
        "organisation": "thermafoot",
    },
    {
        "email": "eirik.dahl@nattvakt.demo.healthmatch.local",
        "name": "Eirik Dahl",
        "job_title": "Daglig leder",
        "organisation": "nattvakt",
    },
    {
        "email": "marte.berg@hjertelink.demo.healthmatch.local",
        "name": "Marte Berg",
        "job_title": "Product owner",
        "organisation": "hjertelink",
    },
    {
        "email": "tone.myklebust@tryggheim.demo.healthmatch.local",
        "name": "Tone Myklebust",
        "job_title": "Key account manager",
        "organisation": "tryggheim",
    },
    {
        "email": "sindre.nilsen@fjord-robotics.demo.healthmatch.local",
        "name": "Sindre Nilsen",
        "job_title": "Sales manager",
        "organisation": "fjord-robotics",
    },
]
