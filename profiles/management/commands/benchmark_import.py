"""`manage.py benchmark_import`: what importing a large family costs. Measuring code lives in benchmarks/, not in the app."""

from benchmarks.commands.benchmark_import import Command  # noqa: F401
