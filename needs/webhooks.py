"""The needs' webhooks (docs/api.md, "Webhooks"): ``need.published`` to the need's own
organisation (its systems learn that its need is live), emitted through the core's webhooks kit
by a receiver of ``needs.signals.need_published``, connected in NeedsConfig.ready(). Other
organisations hear of new needs through matching, not here. A bulk load (the demo seeder)
emits nothing."""

from healthmatch.webhooks.services import api_url, emit


def need_data(need) -> dict:
    return {"need": {"id": need.pk, "status": need.status, "url": api_url(f"needs/{need.pk}/")}}


def need_published(sender, need, bulk=False, **kwargs):
    emit("need.published", [need.organisation_id], need_data(need), bulk=bulk)


def connect():
    from needs.models import Need
    from needs.signals import need_published as published

    published.connect(need_published, sender=Need, dispatch_uid="needs.webhooks.need_published")
