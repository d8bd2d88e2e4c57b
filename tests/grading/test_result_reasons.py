"""What the result page says for a refusal, a system mismatch and a track (texts written here)."""

import pytest

from grading.models import Submission
from grading.services import submissions
from tests.engine.test_reading_scope import ENGLISH
from tests.engine.test_setting import OR_SECRETARY

pytestmark = pytest.mark.django_db


def page(client, submission) -> str:
    return client.get(f"/aanvragen/{submission.pk}/").content.decode()


def make(manager, text: str) -> Submission:
    return submissions.submission_create(title="Testfunctie", text=text, author=manager)


def test_an_english_text_gets_the_language_message(catalogue, manager_client, manager):
    submission = make(manager, ENGLISH)
    assert submission.latest_snapshot().result["reason"] == "language"
    html = page(manager_client, submission)
    assert "Niet in het Nederlands" in html and "in het engels geschreven" in html


def test_a_keyword_list_gets_the_too_little_text_message(catalogue, manager_client, manager):
    submission = make(manager, "Adviseert. Deskundige. Medezeggenschap. Hbo.")
    html = page(manager_client, submission)
    assert "Te weinig tekst om in te delen" in html and "volledige zinnen" in html


def test_a_gemeente_role_shows_the_level_and_never_the_fwg_grade_as_its_grade(catalogue, manager_client, manager):
    submission = make(manager, OR_SECRETARY)
    result = submission.latest_snapshot().result
    assert result["system_mismatch"] is True and result["family"] == "ambtelijk-secretaris"
    html = page(manager_client, submission)
    assert "Geen schaal voor deze functie" in html and "Indicatieve schaal" not in html
    assert f"Niveau {result['level_rank']} van 2" in html
