from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_benchmark_runs_with_tiny_numbers_and_prints_every_figure():
    out = StringIO()
    call_command(
        "benchmark_pages", "--fresh-sqlite", "--clients", "2", "--requests", "6", "--seconds", "5", "--workers", "1",
        stdout=out,
    )
    text = out.getvalue()
    assert "/healthz" in text and "/profielen/div-ict/" in text
    assert text.count("req/s") == 2 and text.count("p95") == 2 and "6 ok, 0 errors" in text
    assert "ratio family page / healthz:" in text
    for slug in ("administratief-ondersteuner", "ambtelijk-secretaris", "div-ict", "secretariele-ondersteuning-vo"):
        assert f"matrix PDF {slug}" in text
    assert "slowest matrix PDF:" in text
