"""Hospitals, municipalities and regions that post needs. Natural key: slug.

``region`` is the name of a default Region term; needs inherit it unless they name their own.
"""

BUYERS = [
    {
        "slug": "odense-university-hospital",
        "name": "Odense University Hospital",
        "kind": "hospital",
        "hub": "welfare-tech",
        "country": "DK",
        "region": "Region Syddanmark",
        "website": "https://en.ouh.dk/",
        "description": (
            "Denmark's largest university hospital by activity, with sites in Odense, Svendborg, "
            "Nyborg and Ærø. Runs its own innovation unit and a test bed for welfare technology."
        ),
    },
    {
        "slug": "odense-municipality",
        "name": "Odense Municipality",
        "kind": "municipality",
        "hub": "welfare-tech",
        "country": "DK",
        "region": "Region Syddanmark",
        "website": "https://www.odense.dk/",
        "description": (
            "Elder care, home care and rehabilitation for 205,000 citizens, with 22 nursing "
            "homes and a long record of testing welfare technology with residents and staff."
        ),
    },
    {
        "slug": "region-syddanmark",
        "name": "Region of Southern Denmark",
        "kind": "region",
        "hub": "welfare-tech",
        "country": "DK",
        "region": "Region Syddanmark",
        "website": "https://regionsyddanmark.dk/",
        "description": (
            "Runs the hospitals of Southern Denmark and the shared telemedicine and logistics "
            "services between hospitals, GPs and the 22 municipalities of the region."
        ),
    },
    {
        "slug": "aarhus-university-hospital",
        "name": "Aarhus University Hospital",
        "kind": "hospital",
        "hub": "medtech-innovation-consortium",
        "country": "DK",
        "region": "Region Midtjylland",
        "website": "https://www.en.auh.dk/",
        "description": (
            "Highly specialised university hospital in Skejby with 10,000 staff; the hospital "
            "logistics, clinical biochemistry and orthopaedic departments test new technology "
            "with companies every year."
        ),
    },
    {
        "slug": "region-midtjylland",
        "name": "Central Denmark Region",
        "kind": "region",
        "hub": "medtech-innovation-consortium",
        "country": "DK",
        "region": "Region Midtjylland",
        "website": "https://www.rm.dk/",
        "description": (
            "Responsible for the hospitals and telehealth services of Central Denmark, "
            "including the regional COPD and heart failure telehealth programmes."
        ),
    },
    {
        "slug": "rigshospitalet",
        "name": "Rigshospitalet",
        "kind": "hospital",
        "hub": "copenhagen-healthtech",
        "country": "DK",
        "region": "Region Hovedstaden",
        "website": "https://www.rigshospitalet.dk/",
        "description": (
            "Copenhagen University Hospital: Denmark's national hospital for highly specialised "
            "treatment, with a large haematology, transplant and paediatric practice."
        ),
    },
    {
        "slug": "copenhagen-municipality",
        "name": "Copenhagen Municipality",
        "kind": "municipality",
        "hub": "copenhagen-healthtech",
        "country": "DK",
        "region": "Region Hovedstaden",
        "website": "https://www.kk.dk/",
        "description": (
            "The Health and Care Administration of the City of Copenhagen: home care, home "
            "nursing, 40 nursing homes and preventive health services for 650,000 citizens."
        ),
    },
    {
        "slug": "gentofte-municipality",
        "name": "Gentofte Municipality",
        "kind": "municipality",
        "hub": "copenhagen-healthtech",
        "country": "DK",
        "region": "Region Hovedstaden",
        "website": "https://gentofte.dk/",
        "verified": False,
        "description": "Rehabilitation and elder care north of Copenhagen. Joined recently.",
    },
    {
        "slug": "oslo-university-hospital",
        "name": "Oslo University Hospital",
        "kind": "hospital",
        "hub": "norway-health-tech",
        "country": "NO",
        "region": "Helse Sør-Øst",
        "website": "https://www.oslo-universitetssykehus.no/",
        "description": (
            "Scandinavia's largest hospital, with Rikshospitalet, Ullevål and Aker. Partner of "
            "the Norwegian AI consortium and host of several national competence services."
        ),
    },
    {
        "slug": "bergen-municipality",
        "name": "Bergen Municipality",
        "kind": "municipality",
        "hub": "norway-health-tech",
        "country": "NO",
        "region": "Helse Vest",
        "website": "https://www.bergen.kommune.no/",
        "description": (
            "Home services, nursing homes and the welfare technology programme of Norway's "
            "second city; part of the national welfare technology programme since 2014."
        ),
    },
    {
        "slug": "stavanger-municipality",
        "name": "Stavanger Municipality",
        "kind": "municipality",
        "hub": "norway-health-tech",
        "country": "NO",
        "region": "Helse Vest",
        "website": "https://www.stavanger.kommune.no/",
        "verified": False,
        "description": "Health and welfare services in Stavanger. Verification pending.",
    },
    {
        "slug": "akademiska-sjukhuset",
        "name": "Akademiska sjukhuset (Uppsala University Hospital)",
        "kind": "hospital",
        "hub": "innovationsjakten",
        "country": "SE",
        "region": "Region Uppsala",
        "website": "https://www.akademiska.se/",
        "description": (
            "University hospital of Region Uppsala with 9,000 staff. Innovation Akademiska runs "
            "Innovationsjakten together with the wards and primary care."
        ),
    },
    {
        "slug": "region-uppsala",
        "name": "Region Uppsala",
        "kind": "region",
        "hub": "innovationsjakten",
        "country": "SE",
        "region": "Region Uppsala",
        "website": "https://www.regionuppsala.se/",
        "description": (
            "Runs healthcare for 400,000 inhabitants of Uppsala County, including 30 primary "
            "care centres with their own innovation nodes."
        ),
    },
]
