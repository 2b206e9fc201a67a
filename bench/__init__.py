"""Benchmarks: `make bench` runs every bench_*.py here. Figures go to docs/performance.md."""
