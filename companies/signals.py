"""Signals other apps listen to without companies importing them."""

from django.dispatch import Signal

# Sent after a capability's status changed through a conditional UPDATE (publish, archive,
# restore), which sends no post_save. Arguments: sender=Capability, capability (refreshed).
capability_status_changed = Signal()
