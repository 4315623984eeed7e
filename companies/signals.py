"""The domain events of the companies app, sent by ``companies/services.py`` (and the
capability admin's change form) after the change is made.

Other apps connect receivers in their AppConfig.ready(); companies imports none of them. A raw
model save sends none of these: the services are the contract. Every event:
``sender=Capability``, ``capability=`` the capability as saved, ``bulk=`` True when the change is
one of many in a bulk load (the demo seeder), so listeners may leave their work to the one pass
the loader runs afterwards. Receivers run when the event is sent, inside the sender's
transaction if it has one; work that must see the commit is queued with
``transaction.on_commit``.
"""

from django.dispatch import Signal

# Draft -> published (publish_capability).
capability_published = Signal()

# A capability was edited in whatever status (update_capability, the capability admin's change
# form) or restored from the archive to draft (unarchive_capability). Listeners look at
# ``capability.status``.
capability_changed = Signal()

# Draft or published -> archived (archive_capability).
capability_archived = Signal()
