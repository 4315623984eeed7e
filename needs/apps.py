from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs")

    def ready(self):
        from healthmatch.accounts.term_changes import stamp_items_of_changed_terms

        # Register the need_* email builders in every process (web, worker, beat).
        from needs import notifications  # noqa: F401
        from needs.models import Need

        # A renamed or deleted term changes the text of the needs tagged with it.
        stamp_items_of_changed_terms(Need)
