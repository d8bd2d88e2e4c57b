import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from grading.models import Submission
from benchmarks.submissions import BENCH_PREFIX

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_prints_the_submit_to_result_p95_and_the_report_time_then_cleans_up(live_server, catalogue, capsys, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server shares SQLite's in-memory database between threads: one manager at a time.
    managers = 2 if connection.vendor == "postgresql" else 1
    call_command("benchmark_submissions", url=live_server.url, managers=managers, rounds=2, reports=1, max_seconds=60)
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("submit→result"))
    assert f"{managers} concurrent managers: {managers * 2} requests" in line and "errors 0" in line
    assert re.search(r"p95 \d+ ms", line)
    assert re.search(r"report PDF \(\d+ kB\): first \d+ ms, mean \d+ ms", out)
    assert not get_user_model().objects.filter(username__startswith=BENCH_PREFIX).exists()
    assert not Submission.objects.exists()
