"""Test configuration: Hypothesis profiles chosen by HYPOTHESIS_PROFILE (dev unless told)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    # make mutate's (tests/mutate.py): repeatable and light, since every mutant runs the tests
    # that call the code it changes; a survivor is run again under "ci" before it is judged
    "mutate",
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
