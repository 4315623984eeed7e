from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self):
        from companies.models import Capability, CompanyProfile
        from healthmatch.accounts.term_changes import stamp_items_of_changed_terms

        # A renamed or deleted term changes the text of the capabilities and profiles tagged
        # with it (a profile's regions served are part of its capabilities' match).
        stamp_items_of_changed_terms(Capability, CompanyProfile)
