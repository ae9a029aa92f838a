"""The benchmarks: ``python -m benchmarks [--quick]`` runs them all (see suite.py)."""
