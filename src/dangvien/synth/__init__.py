"""Synthetic data: a realistic commune, province or country for demos and benchmarks."""
