"""Pools of realistic delivery phrases, composed into capability descriptions.

The choice is stable (a checksum of the title), so seeding twice writes the same text.
"""

import zlib

DELIVERY = {
    "product": [
        "Delivered with installation, staff training and a named implementation lead for the "
        "first three months.",
        "Sold as a subscription per unit, including software updates, support and replacement "
        "of faulty hardware.",
        "We usually start with a time-limited pilot and a joint evaluation plan before a "
        "larger roll-out.",
        "Data is hosted in EU data centres; the customer remains data controller and we sign "
        "a standard data processing agreement.",
        "Documented open APIs; integration with the customer's existing systems is part of "
        "the delivery.",
        "Support on weekdays 8-16 in the Scandinavian languages and English, with a 24/7 line "
        "for critical faults.",
    ],
    "service": [
        "The service is priced per month with a three-month notice period, so it can be "
        "tested without a long commitment.",
        "A fixed team follows each customer, and results are reported monthly against agreed "
        "indicators.",
        "We work on site during the start-up and remotely afterwards.",
        "Staff are trained health professionals, and all work follows the customer's own "
        "guidelines and documentation rules.",
    ],
    "competence": [
        "Offered as fixed-price packages or as part of a research or innovation project.",
        "We regularly join EU and national projects as a partner and can help write the "
        "application.",
        "Delivered by senior specialists with clinical and regulatory experience.",
        "Available for market dialogues and early needs clarification before a procurement.",
    ],
    "research_group": [
        "Collaboration as a research project, a PhD or postdoc project, or a student project "
        "co-supervised with the partner.",
        "We join national and EU applications as a partner and share the results openly.",
    ],
    "test_bed": [
        "Booked by the day or week; our engineers plan the test with you and write the report.",
        "Tests follow the relevant harmonised standards, and the results can go into a "
        "technical file.",
    ],
    "trial_unit": [
        "We plan, run and monitor the study under GCP, with data management and statistics.",
        "Feasibility assessment within two weeks, including the expected recruitment rate.",
    ],
}


def pick(pool: list[str], key: str) -> str:
    return pool[zlib.crc32(key.encode()) % len(pool)]


def capability_description(item: dict) -> str:
    """The hand-written description followed by one delivery sentence that fits its kind."""
    return f"{item['description']}\n\n{pick(DELIVERY[item['kind']], item['title'])}"


def stable_days(key: str, low: int, high: int) -> int:
    """A number of days in [low, high] that stays the same for the same key."""
    return low + zlib.crc32(key.encode()) % (high - low + 1)
