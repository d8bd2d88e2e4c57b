"""The gender-neutrality section on the result page and in the report PDF."""

import subprocess

import pytest

from grading.models import Submission
from tests.factory import make_result, make_snapshot, make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status
TEXT = (
    "De secretaresse van de ondernemingsraad bereidt de vergaderingen voor en notuleert. "
    "Zij beheert het archief en de vertrouwelijke stukken van de raad. "
    "Zij heeft een hbo-opleiding en kennis van de WOR."
)


@pytest.fixture
def submitted(manager, catalogue):
    submission = make_submission(author=manager, text=TEXT, status=S.SUBMITTED)
    make_snapshot(submission=submission, result=make_result(level_rank=1, grade="FG45", text=TEXT))
    return submission


def test_the_result_page_asks_the_adviser_about_what_the_text_leaves_out(adviser_client, submitted):
    page = adviser_client.get(f"/aanvragen/{submitted.pk}/").content.decode()
    assert '<h2 id="sekseneutraliteit">Sekseneutraliteit van de beschrijving</h2>' in page
    assert "Vragen voor de HR-adviseur" in page
    # The family values psychological strain (FG 45/50 "Inconveniënten: Psychische belasting").
    assert "De beschrijving zegt niets over inspanning (mentaal, fysiek, emotioneel); de familie waardeert die wel" in page
    assert "Inconveniënten" in page
    assert "„Zij beheert het archief en de vertrouwelijke stukken van de raad.”" in page  # responsibility
    assert "„secretaresse” (functietitel) → <strong>secretaris / medewerker secretariaat</strong>" in page
    assert "„Zij” (voornaamwoord, 2 keer)" in page
    assert "Wat deze check wel en niet vaststelt" in page and "EIGE" in page and "2023/970" in page


def test_a_neutral_text_gets_no_language_flag(manager_client, manager, catalogue):
    text = "De ambtelijk secretaris bereidt de vergaderingen voor. Hij of zij notuleert. Hij of zij beheert het archief."
    submission = make_submission(author=manager, text=text)
    make_snapshot(submission=submission, result=make_result(level_rank=1, grade="FG45", text=text))
    page = manager_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert "Geen functietitel of voornaamwoord gevonden dat één sekse kiest." in page


def test_without_a_matching_family_the_text_is_shown_without_comparison(manager_client, manager, catalogue):
    submission = make_submission(author=manager)
    make_snapshot(submission=submission, result=make_result(family=None, position="no_match", criteria=()))
    page = manager_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    assert "Er is geen passende familie: de beschrijving staat hieronder zonder vergelijking." in page
    assert "Vragen voor de HR-adviseur" not in page


@pytest.mark.usefixtures("production_static")
def test_the_report_pdf_has_the_section_read_back_with_pdftotext(adviser_client, submitted, tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(adviser_client.get(f"/aanvragen/{submitted.pk}/rapport.pdf").content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout.split())
    assert "Sekseneutraliteit van de beschrijving" in text
    assert "Vragen voor de HR-adviseur" in text
    assert "De beschrijving zegt niets over inspanning (mentaal, fysiek, emotioneel); de familie waardeert die wel" in text
    assert "„secretaresse” (functietitel) → secretaris / medewerker secretariaat" in text
    assert "Wat deze check wel en niet vaststelt" in text
