"""The benchmark is run by hand (``python tests/perf/bench.py``), never collected by pytest."""

collect_ignore = ["bench.py", "bench_serve.py"]
