"""`manage.py benchmark_pages`: the pages under gunicorn and the matrix PDFs. Measuring code lives in benchmarks/, not in the app."""

from benchmarks.commands.benchmark_pages import Command  # noqa: F401
