"""Generated rosters (``benchmarks.generate``) and the read/check benchmark (``benchmarks.bench_check``)."""
