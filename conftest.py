"""Root test configuration.

Shared fixtures live in dangvien/testing.py and are loaded for every test, under
src/ and tests/ alike. Hypothesis gets no per-example deadline: on a busy 2-core
CI machine a slow example is load, not a bug, and must not fail the run.
"""

from hypothesis import HealthCheck, settings

settings.register_profile("dangvien", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("dangvien")

pytest_plugins = ["dangvien.testing"]
