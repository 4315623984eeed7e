from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# The apps whose rows pages show; every model of theirs is watched but those below.
WATCHED_APPS = ("account", "auth", "accounts", "needs", "companies", "matching", "events")
# Written on page views or by the machinery, never shown on a cached page: watching them would
# empty the cache on every view of a confidential need or every email sent.
IGNORED = {
    "account.emailconfirmation",
    "needs.needdetailview",
    "matching.matchnotice",
    "matching.matchwebhooknotice",
    "matching.matchrun",
    "matching.itemembedding",
    "companies.certificatereminder",
}
# Saves of only these fields change nothing a cached page shows: a sign-in writes last_login,
# and renewing every page at each sign-in would empty the cache in a morning's rush.
IGNORED_FIELDS = {"accounts.user": {"last_login"}}
# Deleted by the hundred thousand by the engine's runs: a delete receiver would turn Django's
# fast delete into one query and one signal per row. The engine's store bumps the version itself.
NO_DELETE_SIGNAL = {"matching.match"}


def _saved(sender, update_fields=None, **kwargs):
    from healthmatch.page_cache.versions import bump_site

    ignored = IGNORED_FIELDS.get(sender._meta.label_lower)
    if ignored and update_fields and set(update_fields) <= ignored:
        return
    bump_site()


class PageCacheConfig(AppConfig):
    name = "healthmatch.page_cache"
    label = "page_cache"

    def ready(self):
        from healthmatch.page_cache.versions import bump_site

        for model in apps.get_models():
            label = model._meta.label_lower
            if model._meta.app_label not in WATCHED_APPS or label in IGNORED:
                continue
            uid = f"hm-site-{label}"
            post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
            if label not in NO_DELETE_SIGNAL:
                post_delete.connect(bump_site, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    bump_site, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
                )
