"""Benchmarks of the organisation tree: run with `uv run python -m bench`."""
