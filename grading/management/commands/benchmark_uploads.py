"""`manage.py benchmark_uploads`: hostile inputs down the paths they attack. Measuring code lives in benchmarks/, not in the app."""

from benchmarks.commands.benchmark_uploads import Command  # noqa: F401
