"""Measuring code: benchmarks, load generators and the hostile inputs they send.

Nothing in the applications imports this package; the `manage.py benchmark_*` commands are thin
wrappers around `benchmarks.commands`. The tests use it too, so the inputs a benchmark measures
are the inputs the tests check.
"""
