"""What the result page says for a role above or below its family's range, and how each
criterion's evidence agrees with its level (texts written for the engine tests)."""

import re

import pytest

from grading.services import submissions
from tests.engine.test_range import ROLES
from tests.engine.test_zwaartepunt import CLERK

pytestmark = pytest.mark.django_db


def page(client, manager, text: str) -> tuple[dict, str]:
    submission = submissions.submission_create(title="Testfunctie", text=text, author=manager)
    html = client.get(f"/aanvragen/{submission.pk}/").content.decode()
    return submission.latest_snapshot().result, " ".join(html.split())


def test_a_heavier_role_shows_the_signals_and_the_next_grade(catalogue, manager_client, manager):
    result, html = page(manager_client, manager, ROLES["above-div"])
    assert result["position"] == "above" and result["neighbour_grade"] == "schaal-9"
    assert "Boven het bereik." in html
    assert "De functie lijkt zwaarder dan het hoogste niveau van deze familie: de beschrijving wijst op een zwaardere functie dan schaal 8." in html
    assert "schaal 9" not in html  # the system's next grade is no indication
    for signal in result["range_signals"]:
        assert f"<mark>{signal['text']}</mark>" in html


def test_a_lighter_role_shows_the_signals_and_the_grade_below(catalogue, manager_client, manager):
    result, html = page(manager_client, manager, ROLES["below-minutes"])
    assert result["position"] == "below" and result["neighbour_grade"] == "FG40"
    assert "Onder het bereik." in html and "de beschrijving wijst op een lichtere functie dan FG 45." in html
    assert "FG 40" not in html
    assert "onder begeleiding" in html


def test_a_criterion_says_how_many_of_its_levels_own_elements_the_text_shows(catalogue, manager_client, manager):
    result, html = page(manager_client, manager, CLERK)
    resultaten = next(c for c in result["criteria"] if c["key"] == "resultaten")
    rank, shown, of = next(row for row in resultaten["shown"] if row[0] == resultaten["level_rank"])
    assert re.search(rf"{shown} van {of} eigen elementen van [^<]+ in de tekst", html)


# A clerk who sometimes joins a working group: a schaal-8 element is met, but it does not count.
CLERK_IN_A_WORKING_GROUP = CLERK.replace(
    "Soms schuif je aan bij een overleg van gebruikers van het documentmanagementsysteem.",
    "Soms neem je deel aan een werkgroep over de afstemming van de documentaire informatievoorziening.",
)


def test_a_higher_element_that_did_not_count_says_why_and_is_not_marked(catalogue, manager_client, manager):
    result, html = page(manager_client, manager, CLERK_IN_A_WORKING_GROUP)
    loose = [e for c in result["criteria"] for e in c["evidence"] if e["counted"] is False]
    assert loose
    for evidence in loose:
        assert evidence["note"] in html
        assert f"<mark>{evidence['sentence']}</mark>" not in html


def test_the_reports_list_of_gradings_never_shows_a_foreign_systems_grade(catalogue, manager_client, manager, tmp_path, production_static):
    import subprocess

    from tests.engine.test_setting import OR_SECRETARY

    submission = submissions.submission_create(title="Testfunctie", text=OR_SECRETARY, author=manager)
    submissions.submission_regrade(submission=submission, by=manager)  # the list shows from two gradings on
    result = submission.latest_snapshot().result
    assert result["system_mismatch"] is True
    path = tmp_path / "rapport.pdf"
    path.write_bytes(manager_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout.split())
    listing = text[text.index("Alle indelingen door de engine"):]
    assert f"niveau {result['level_rank']} (geen schaal" in listing
    assert "FG 45" not in listing and "FG 50" not in listing
