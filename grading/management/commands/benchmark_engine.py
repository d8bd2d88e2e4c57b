"""`manage.py benchmark_engine`: the engine's speed. Measuring code lives in benchmarks/, not in the app."""

from benchmarks.commands.benchmark_engine import Command  # noqa: F401
