import re
from dataclasses import replace

import pytest

from grading import engine
from grading.models import Submission
from profiles.models import Level
from tests.factory import ROLE_TEXT, make_result, make_snapshot, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(manager, catalogue):
    submission = make_submission(author=manager)
    make_snapshot(submission=submission, result=make_result(level_rank=1, grade="FG45"))
    return submission


def url(submission) -> str:
    return f"/aanvragen/{submission.pk}/"


def page(client, submission) -> str:
    response = client.get(url(submission))
    assert response.status_code == 200
    return response.content.decode()


def test_the_manager_sees_the_indicative_grade_with_confidence_in_words(manager_client, submission):
    html = page(manager_client, submission)
    assert html.count("<h1") == 1 and '<html lang="nl"' in html
    assert "Indicatieve schaal" in html and "<strong>FG 45</strong>" in html
    assert "De engine is <strong>redelijk</strong> zeker" in html
    assert "Dit is een indicatie, geen besluit." in html


def test_the_managers_own_sentences_are_highlighted_by_their_offsets(manager_client, submission):
    html = page(manager_client, submission)
    sentence = ROLE_TEXT.split(". ")[1] + "."
    assert f"<mark>{sentence}</mark>" in html
    text_block = re.search(r'<div class="role-text">(.*?)</div>', html, re.S).group(1)
    assert text_block.count("<mark>") == 1
    assert re.sub(r"</?mark>", "", text_block) == ROLE_TEXT


def test_each_criterion_shows_its_level_and_what_the_next_level_needs(manager_client, submission):
    html = page(manager_client, submission)
    assert "Ondersteunt <strong>Ambtelijk secretaris FG 45</strong> (FG 45)" in html
    assert "past bij: „Notuleert vergaderingen.” (element van FG 45)" in html
    assert "<strong>Geen houvast</strong> in de tekst" in html
    assert "Adviseert gevraagd en ongevraagd." in html and "Onderhandelt met de bestuurder." in html


def test_it_links_the_family_matrix_and_the_comparison_with_the_neighbouring_level(manager_client, submission):
    html = page(manager_client, submission)
    fg45 = Level.objects.get(family__slug="ambtelijk-secretaris", rank=1)
    fg50 = Level.objects.get(family__slug="ambtelijk-secretaris", rank=2)
    assert 'href="/profielen/ambtelijk-secretaris/"' in html
    assert f'href="/vergelijk/?niveau={fg45.pk}&amp;niveau={fg50.pk}"' in html


def test_the_chart_is_server_rendered_svg_with_a_text_alternative(manager_client, submission):
    html = page(manager_client, submission)
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg
    assert "Kerntaken: FG 45." in svg and "Vaardigheden: geen houvast." in svg
    assert svg.count("<rect") == 1


@pytest.mark.parametrize("position, words", [("above", "Boven het bereik."), ("below", "Onder het bereik.")])
def test_it_says_when_the_role_lies_outside_the_familys_range(manager_client, submission, position, words):
    make_snapshot(submission=submission, result=make_result(position=position, level_rank=2, grade="FG50"))
    assert words in page(manager_client, submission)


def test_no_family_is_said_plainly_without_a_grade(manager_client, submission):
    make_snapshot(submission=submission, result=make_result(family=None, position="no_match", confidence=0.85))
    html = page(manager_client, submission)
    assert "Geen passende functiefamilie" in html and "Indicatieve schaal" not in html
    assert "<strong>hoog</strong> zeker" in html and "<svg" not in html


def test_the_managers_markup_stays_inert_text(manager_client, manager, catalogue):
    text = 'Notuleert de vergaderingen. Werkt met <b>vet</b> & "quotes". Beheert het archief.'
    submission = make_submission(author=manager, title="<i>Secretaris</i>", text=text)
    start = text.index("Werkt")
    evidence = engine.Evidence('Werkt met <b>vet</b> & "quotes".', start, start + 32, "<script>x</script>", 1, 0.9)
    criterion = engine.CriterionResult(
        key="kerntaken", name="Kerntaken", level_rank=1, grade="FG45", evidence=(evidence,), missing_for_next=()
    )
    result = make_result(text=text, criteria=(criterion,))
    make_snapshot(submission=submission, result=result)
    html = page(manager_client, submission)
    assert "<b>vet</b>" not in html and "<i>Secretaris</i>" not in html and "<script>x" not in html
    assert "<mark>Werkt met &lt;b&gt;vet&lt;/b&gt; &amp; &quot;quotes&quot;.</mark>" in html
    assert "&lt;i&gt;Secretaris&lt;/i&gt;" in html


def test_an_evidence_line_names_its_level_by_place_when_the_setting_uses_another_system(manager, manager_client, catalogue):
    submission = make_submission(author=manager)
    make_snapshot(submission=submission, result=replace(make_result(level_rank=1, grade="FG45"), system_mismatch=True))
    assert "(element van niveau 1)" in page(manager_client, submission)


def test_the_levels_are_named_as_the_catalogue_names_them_now(manager_client, submission):
    assert "Ondersteunt <strong>Ambtelijk secretaris FG 45</strong>" in page(manager_client, submission)
    level = Level.objects.get(family__slug="ambtelijk-secretaris", rank=1)
    level.name = "Secretaris van de raad"
    level.save()  # moves the data version that keys the cached family
    assert "Ondersteunt <strong>Secretaris van de raad</strong>" in page(manager_client, submission)


def test_the_page_reads_a_fixed_number_of_queries(manager_client, submission, django_assert_max_num_queries):
    page(manager_client, submission)  # fills the caches of this data version
    # session, user, whether a second factor is due (a session signed in through the login page
    # knows it already), permissions, the request, its runs, its history, its function holders,
    # the catalogue key and the latest release: nothing of the family
    with django_assert_max_num_queries(10):
        page(manager_client, submission)


def test_the_adviser_sees_any_request_with_the_review_actions(adviser_client, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser)
    html = page(adviser_client, submission)
    assert f'action="/aanvragen/{submission.pk}/#vaststellen"' in html
    assert f'action="/aanvragen/{submission.pk}/terugsturen/"' in html
    assert 'name="csrfmiddlewaretoken"' in html and f'name="version" value="{submission.version}"' in html


def test_the_manager_sees_no_review_actions(manager_client, submission):
    html = page(manager_client, submission)
    assert "/vaststellen/" not in html and "/in-behandeling/" not in html
    assert f'action="/aanvragen/{submission.pk}/indienen/"' in html


def test_a_settled_request_shows_the_decision_and_the_history(manager_client, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=Submission.Status.SETTLED, by=adviser)
    html = page(manager_client, submission)
    assert "Besluit van HR" in html and "Past bij de matrix." in html and "FG 45" in html
    for step in ("Aangemaakt en ingedeeld", "Ingediend bij HR", "In behandeling genomen", "Vastgesteld"):
        assert step in html
    assert 'id="acties"' not in html


def test_anonymous_users_go_to_the_login_page(client, submission):
    response = client.get(url(submission))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_another_manager_gets_a_404(other_manager_client, submission):
    assert other_manager_client.get(url(submission)).status_code == 404


def test_a_page_seen_by_its_author_stays_closed_to_others(manager_client, other_manager_client, outsider_client, submission):
    page(manager_client, submission)  # fills the caches of this data version
    assert other_manager_client.get(url(submission)).status_code == 404
    assert outsider_client.get(url(submission)).status_code == 403


def test_an_outsider_is_refused(outsider_client, submission):
    assert outsider_client.get(url(submission)).status_code == 403


def test_an_unknown_request_is_a_404(manager_client, catalogue):
    assert manager_client.get("/aanvragen/999999/").status_code == 404


def test_a_criterion_the_level_above_takes_over_unchanged_says_it_fits_both(manager_client, manager, catalogue):
    submission = make_submission(author=manager)
    criterion = engine.CriterionResult(
        key="inconvenienten", name="Inconvenienten", level_rank=1, grade="FG45", evidence=(), missing_for_next=(),
        fits_up_to=2,
    )
    make_snapshot(submission=submission, result=make_result(criteria=(criterion,)))
    html = page(manager_client, submission)
    assert "past even goed tot en met FG 50: die niveaus nemen dit criterium ongewijzigd over" in html
