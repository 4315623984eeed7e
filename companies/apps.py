from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")
    # What the Coordinators group may do in the admin (healthmatch/accounts/roles.py).
    coordinator_permissions = {
        "companyprofile": ("view", "change"),
        "capability": ("view", "change"),
        "contactperson": ("view",),
        "certification": ("view",),
        "capabilityreference": ("view",),
        "capabilityattachment": ("view",),
    }

    def ready(self):
        from companies.models import Capability, CompanyProfile
        from healthmatch.accounts.term_changes import stamp_items_of_changed_terms

        # A renamed or deleted term changes the text of the capabilities and profiles tagged
        # with it (a profile's regions served are part of its capabilities' match).
        stamp_items_of_changed_terms(Capability, CompanyProfile)
