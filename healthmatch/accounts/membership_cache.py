"""A person's active memberships (with organisations and hubs), kept in the cache between
requests: every signed-in page reads them for its navigation, and the query with its two joins
cost more than a millisecond of a page's ten (issue 16). Access rules keep their own queries
(access.py); what is read from here (the menu, the needs list's button and its search's key)
is still never trusted past a change:
- it is stored with the catalogue's version (healthmatch/accounts/versions.py), which changes
  on every save or delete of an organisation or hub and on verification (accounts.services);
  both are read in one round trip, and an entry of another version is a miss;
- a membership saved or deleted (also through a cascade) deletes its person's entry, at once
  and again after the transaction commits, so a request between the two cannot keep the old
  rows;
- it lives ``SECONDS`` at most.
"""

from django.core.cache import cache
from django.db import transaction

from healthmatch.accounts import versions
from healthmatch.accounts.models import active_memberships

SECONDS = 300


def key_for(user_id) -> str:
    return f"accounts:memberships:{user_id}"


def cached_memberships(user) -> list:
    """The user's active memberships, from the cache when its entry is current."""
    key = key_for(user.pk)
    found = cache.get_many([versions.KEY, key])
    version, entry = found.get(versions.KEY), found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    rows = list(active_memberships(user))
    if version is None:
        version = versions.catalogue_version()
    cache.set(key, (version, rows), SECONDS)
    return rows


def forget_memberships(sender=None, instance=None, **kwargs) -> None:
    """A signal receiver (post_save/post_delete of Membership, wired in apps.py)."""
    key = key_for(instance.user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
