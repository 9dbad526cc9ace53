"""Benchmarks and the synthetic libraries and archives they (and some tests) run on.

One module per benchmark; scripts/bench_*.py are thin wrappers that print and write figures
under benchmarks/. Nothing here is imported by the pipeline or the site.
"""
