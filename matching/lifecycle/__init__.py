"""The curation lifecycle of a match: interest from both sides, the coordinator's approval and
introduction, the stages after it (met, pilot, procurement, contract, closed) and the follow-up.
The verbs are in ``services`` (and ``introductions``, ``follow_up``); every status change writes
one MatchEvent."""
