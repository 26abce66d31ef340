"""`make bench`: the app measured against the floor it cannot beat (see bench/README.md).

Benchmarks, not tests: nothing here runs under `make test` except a smoke run of
the harness on tiny inputs that asserts no timings.
"""
