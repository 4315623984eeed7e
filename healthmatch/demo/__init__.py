"""The demo world: Nordic hubs, buyers, needs, companies, capabilities and bids as plain data.

``manage.py seed_demo`` loads it (seed.py, with seed_capabilities.py, seed_needs.py and
seed_bids.py, which share world.py) through the apps' services and sends no email (quiet.py);
``manage.py demo_banner`` prints how to use it (report.py). The data modules hold realistic
texts so the matching engine can be shown on them. A tool, not the domain: the one place
besides healthmatch/urls.py that imports every app.
"""
