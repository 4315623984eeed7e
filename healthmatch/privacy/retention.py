"""The retention periods (settings) and the nightly pass that applies them. Every step is a
conditional delete or update in batches: running it twice, or twice at once, does no harm."""

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from healthmatch.privacy import export

log = logging.getLogger(__name__)


def retention_periods() -> list[dict]:
    """What is kept and for how long, for the /privacy/ page and docs/privacy.md."""
    return [
        {
            "what": _("Your data export archives"),
            "period": _("%(hours)s hours after they are ready")
            % {"hours": settings.PRIVACY_EXPORT_LINK_HOURS},
        },
    ]


def apply_retention(now=None) -> dict:
    counts = {"exports_expired": export.expire_exports(now)}
    log.info("privacy retention: %s", counts)
    return counts
