"""`manage.py benchmark_submissions`: submit → result under gunicorn. Measuring code lives in benchmarks/, not in the app."""

from benchmarks.commands.benchmark_submissions import Command  # noqa: F401
