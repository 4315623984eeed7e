"""Everything the seeder loads, gathered from the data modules."""

from healthmatch.demo.bids import BIDS
from healthmatch.demo.buyers import BUYERS
from healthmatch.demo.capabilities_care import CAPABILITIES_CARE
from healthmatch.demo.capabilities_clinical import CAPABILITIES_CLINICAL
from healthmatch.demo.capabilities_digital import CAPABILITIES_DIGITAL
from healthmatch.demo.capabilities_monitoring import CAPABILITIES_MONITORING
from healthmatch.demo.companies_dk import COMPANIES_DK
from healthmatch.demo.companies_nordic import COMPANIES_NORDIC
from healthmatch.demo.hubs import HUBS
from healthmatch.demo.matchmaking_days import MATCHMAKING_DAYS
from healthmatch.demo.needs_hospitals_dk import NEEDS_HOSPITALS_DK
from healthmatch.demo.needs_hospitals_other import NEEDS_HOSPITALS_OTHER
from healthmatch.demo.needs_municipal import NEEDS_MUNICIPAL
from healthmatch.demo.needs_nordic import NEEDS_NORDIC
from healthmatch.demo.people import (
    BUYER_STAFF,
    COMPANY_STAFF,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    HUB_COORDINATORS,
)
from healthmatch.demo.research import RESEARCH_CAPABILITIES, RESEARCH_ORGANISATIONS

# Every providing organisation: companies, then universities and research institutes.
COMPANIES = COMPANIES_DK + COMPANIES_NORDIC + RESEARCH_ORGANISATIONS
CAPABILITIES = (
    CAPABILITIES_CARE
    + CAPABILITIES_CLINICAL
    + CAPABILITIES_DIGITAL
    + CAPABILITIES_MONITORING
    + RESEARCH_CAPABILITIES
)
NEEDS = NEEDS_HOSPITALS_DK + NEEDS_HOSPITALS_OTHER + NEEDS_MUNICIPAL + NEEDS_NORDIC

__all__ = [
    "BIDS",
    "BUYERS",
    "BUYER_STAFF",
    "CAPABILITIES",
    "COMPANIES",
    "COMPANY_STAFF",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "HUBS",
    "HUB_COORDINATORS",
    "MATCHMAKING_DAYS",
    "NEEDS",
]
