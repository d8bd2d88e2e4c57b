import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_prints_the_mean_and_the_best_slice_per_role_for_the_catalogue_and_a_large_one(catalogue, capsys):
    call_command("benchmark_engine", roles=10, families=3)
    out = capsys.readouterr().out
    assert re.search(r"^10 roles: [\d.]+ ms per role \(p95 [\d.]+ ms; CPU [\d.]+ ms; best of 5 slices of 2: [\d.]+ ms\)$", out, re.M)
    assert re.search(r"^10 roles x \d+ families: [\d.]+ ms per role .*best of 5 slices: [\d.]+ ms\)$", out, re.M)
