"""Shared test settings."""

from hypothesis import HealthCheck, settings

# CI machines are shared and slow to warm up: no per-example deadline, fixed derandomised runs.
settings.register_profile(
    "netstats",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("netstats")
