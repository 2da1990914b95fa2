"""Tooling beside the app, not shipped with it: the benchmark, the load test, the synthetic data they scale to."""
