"""Shared test settings."""

from hypothesis import HealthCheck, settings

# CI machines are shared and slow to warm up: no per-example deadline, fixed derandomised runs, and no
# example database, so a local run tests exactly what CI tests (no replay of examples saved by older code).
settings.register_profile(
    "netstats",
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("netstats")
