"""Small hand-made worlds for the engine tests: plain docs, no database."""

import datetime

import numpy as np
import pytest

from matching.engine.types import CapabilityDoc, NeedDoc, Weights

TODAY = datetime.date(2026, 6, 1)

# text only: every structured factor and the semantic signal out of the way
TEXT_ONLY = Weights(
    semantic=0,
    clinical_area=0,
    care_setting=0,
    technology=0,
    maturity=0,
    regulatory=0,
    region=0,
    language=0,
    threshold=0.0,
)


def unit(*values):
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def fall_need():
    return NeedDoc(
        id=1,
        title="Falls at night on the geriatric ward",
        body="Confused older patients leave the bed alone at night and fall. We want an alert "
        "to the nurses' phones before the patient stands up, without cameras.",
        tags=("Geriatrics",),
        clinical_areas=frozenset({10}),
        care_settings=frozenset({20}),
        technology_types=frozenset({30}),
        min_trl=7,
        required_regulatory=frozenset({40}),
        regions=frozenset({50}),
        language="en",
    )


@pytest.fixture
def radar_cap():
    return CapabilityDoc(
        id=101,
        title="Radar bed-exit sensing for hospital wards",
        body="A ceiling radar detects when a patient sits up or leaves the bed and alerts the "
        "nurses' phones, in darkness and without cameras. Falls dropped by 38 % at night.",
        clinical_areas=frozenset({10}),
        care_settings=frozenset({20}),
        technology_types=frozenset({30}),
        trl=9,
        regulatory={40: datetime.date(2030, 1, 1)},
        regions=frozenset({50}),
        languages=frozenset({"en", "da"}),
    )


@pytest.fixture
def payroll_cap():
    return CapabilityDoc(
        id=102,
        title="Payroll and rostering software for municipalities",
        body="Shift planning, payroll export and holiday requests for care staff.",
        trl=9,
    )
