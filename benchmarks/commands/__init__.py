"""The `manage.py benchmark_*` commands; each app's command module re-exports one of these."""
