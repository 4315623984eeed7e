"""The catalogue's version: one token in the cache that changes whenever something every cached
page fragment may show changes under it: an organisation's or hub's name, a taxonomy term's
name in any language. Fragment caches (a need's teaser, the filter sidebar) put it in their
keys, so one change makes every such fragment miss once and be rendered again; nothing is
deleted, old entries age out.

A need's own changes are in the need's key instead (its ``updated_at``, status and deadline).
"""

from healthmatch import versioned

KEY = "healthmatch:catalogue-version"


def catalogue_version() -> str:
    return versioned.current(KEY)


def bump_catalogue(*args, **kwargs) -> None:
    """A signal receiver too: post_save/post_delete of the models named in apps.py."""
    versioned.bump(KEY)
