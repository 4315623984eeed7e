"""The domain events of the companies app, sent by ``companies/services.py`` (and the
capability admin's change form) after the change is made.

Other apps connect receivers in their AppConfig.ready(); companies imports none of them. A raw
model save (the ORM, the demo seeder) sends none of these: the services are the contract.
Every event: ``sender=Capability``, ``capability=`` the capability as saved. Receivers run when
the event is sent, inside the sender's transaction if it has one; work that must see the commit
is queued with ``transaction.on_commit``.
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
