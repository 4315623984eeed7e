"""The domain events of the needs app, sent by ``needs/services.py`` after the change is made.

Other apps connect receivers in their AppConfig.ready(); needs imports none of them. A raw
model save sends none of these: the services are the contract. Every event: ``sender=Need``,
``need=`` the need as saved, ``bulk=`` True when the change is one of many in a bulk load (the
demo seeder), so listeners may leave their work to the one pass the loader runs afterwards.
Receivers run inside the service's transaction; work that must see the commit is queued with
``transaction.on_commit``.
"""

from django.dispatch import Signal

# Submitted -> published (publish_need).
need_published = Signal()

# A need was edited (update_need) or submitted for review (submit_need): its content or status
# changed, but it was neither published nor withdrawn. Listeners look at ``need.status``.
need_changed = Signal()

# A published or submitted need left the directory: returned to draft (return_need) or closed
# (close_need, close_needs_past_deadline).
need_withdrawn = Signal()
