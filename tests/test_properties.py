"""Property tests (issue 12): generated and mutated workspaces keep the contract.

A small fixed budget here; fuzz/run.py runs the same properties for as long as asked.
"""

from __future__ import annotations

import random
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO

sys.path.insert(0, str(REPO))
from fuzz.cases import keep_contract, workspace


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same cases every run: `make test` is reproducible
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_a_generated_workspace_keeps_the_contract(seed: int) -> None:
    files = workspace(random.Random(seed))
    assert keep_contract(files) == "", files
