"""The site's version (a token of healthmatch/versioned.py), replaced whenever anything a cached
page may show is written: cached pages (views.py) carry it in their keys.

Saves and deletes of the watched models replace it through signals (apps.py). Writes that send
no signal (``update()``, ``bulk_create()``, raw SQL, and deletes of matches, which stay fast
deletes) call ``bump_site()`` where they are made.
"""

from healthmatch import versioned

KEY = "healthmatch:site-version"


def site_version() -> str:
    return versioned.current(KEY)


def bump_site(*args, **kwargs) -> None:
    """A signal receiver too."""
    versioned.bump(KEY)
