"""The clusters that curate the demo world. Natural key: slug."""

HUBS = [
    {
        "slug": "welfare-tech",
        "name": "Welfare Tech / Danish Healthtech",
        "website": "https://www.welfaretech.dk/",
        "description": (
            "The Odense-based cluster for health and welfare technology, and the Funen node of "
            "the national innovation network Danish Healthtech. Brings Odense University "
            "Hospital, the municipalities of Southern Denmark and around 200 companies together "
            "on welfare technology, telemedicine and robotics."
        ),
    },
    {
        "slug": "medtech-innovation-consortium",
        "name": "MedTech Innovation Consortium",
        "website": "https://www.mtic.dk/",
        "description": (
            "Aarhus-based partner of Danish Healthtech. Connects Aarhus University Hospital, "
            "Region Midtjylland and medtech companies around clinical testing, data and "
            "telehealth at regional scale."
        ),
    },
    {
        "slug": "copenhagen-healthtech",
        "name": "Copenhagen Healthtech Cluster",
        "website": "https://cphhealthtech.dk/",
        "description": (
            "The capital region's health-tech cluster: Rigshospitalet, the municipalities of "
            "Greater Copenhagen and a dense start-up scene working on AI, health data and "
            "digital therapeutics."
        ),
    },
    {
        "slug": "norway-health-tech",
        "name": "Norway Health Tech",
        "website": "https://www.norwayhealthtech.com/",
        "description": (
            "Oslo-based cluster with about 260 members, more than 100 of them SMEs, plus health "
            "regions, hospitals and municipalities. Focus on digital health, remote care, mental "
            "health and testing of digital solutions in real services."
        ),
    },
    {
        "slug": "innovationsjakten",
        "name": "Region Uppsala Innovationsjakten",
        "website": "https://www.regionuppsala.se/",
        "description": (
            "Innovationsjakten ('the innovation hunt') is Region Uppsala's method for finding "
            "needs in healthcare together with staff and matching them with company solutions, "
            "run by Innovation Akademiska with innovation nodes in primary care."
        ),
    },
]
