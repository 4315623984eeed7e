"""The domain events of the matching app (docs/decisions.md, "Domain events"), sent by its
services after the change is made, inside their transaction. Listeners connect in an
AppConfig.ready(); today matching's own webhook receivers (``matching/webhooks.py``) do, and
events could. Every event: ``bulk=`` True when the change is one of many in a bulk load.
"""

from django.dispatch import Signal

# A match moved from one status to another (matching.lifecycle.transitions.change_status: every
# lifecycle step, the introduction included), with ``match`` (saved), ``from_status``,
# ``to_status`` and ``actor``. Sent once per stage passed.
match_status_changed = Signal()

# A draft bid was sent to the need's organisation (matching.bids.services.submit_bid, and
# create_bid with ``submit``), with ``bid`` and ``actor``.
bid_submitted = Signal()

# The need's organisation shortlisted, accepted or declined a bid
# (matching.bids.services.decide_bid), with ``bid`` (its new ``state``), ``from_state`` and
# ``actor``.
bid_decided = Signal()
