"""The demo world: Nordic hubs, buyers, needs, companies and capabilities as plain data.

``manage.py seed_demo`` loads it (healthmatch/demo/seed.py); ``manage.py demo_banner`` prints how to
use it. The data modules hold realistic texts so the matching engine can be shown on them.
"""
