import re
import subprocess

import pytest

from grading.models import Submission
from tests.factory import make_result, make_snapshot, make_submission

# Printed as production prints: DEBUG off, the manifest storage's hashed static names.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_static")]
S = Submission.Status
HOSTILE_BUT_ALLOWED = 'Werkt met <b>vet</b> & <a href="https://example.org">links</a>. Notuleert de vergaderingen.'


def report_url(submission) -> str:
    return f"/aanvragen/{submission.pk}/rapport.pdf"


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def settled(manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    make_snapshot(submission=submission, result=make_result(level_rank=1, grade="FG45"))
    return submission


def test_the_report_is_a_pdf_with_a_clean_filename(adviser_client, settled):
    response = adviser_client.get(report_url(settled))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'inline; filename="indelingsrapport-aanvraag-{settled.pk}.pdf"'


def test_the_report_holds_text_result_evidence_matrix_decision_history_and_page_numbers(manager_client, settled, tmp_path):
    text = pdf_text(manager_client.get(report_url(settled)).content, tmp_path)
    flat = " ".join(text.split())
    assert "Indelingsrapport: Ambtelijk secretaris OR" in flat
    assert "De ambtelijk secretaris ondersteunt de ondernemingsraad." in flat  # the role text
    assert "INDICATIEVE SCHAAL FG 45" in flat and "Een indicatie is geen besluit." in flat
    assert f"Kenmerk {settled.reference}" in flat and "Leidinggevende Lotte de Vries" in flat
    assert "HR-adviseur Hamid Bakker" in flat and "Ingangsdatum" in flat and "Engineversie" in flat
    assert "Zij bereidt de vergaderingen voor, notuleert en bewaakt de voortgang van de besluiten." in flat  # evidence
    assert "Uit de niveaumatrix van Ambtelijk secretaris" in flat
    assert "Ambtelijk secretaris FG 45 (FG 45)" in flat and "Ambtelijk secretaris FG 50 (FG 50)" in flat
    assert "Besluit van HR" in flat and "VASTGESTELDE INDELING FG 45" in flat and "Past bij de matrix." in flat
    for step in ("Aangemaakt en ingedeeld", "Ingediend bij HR", "In behandeling genomen", "Vastgesteld"):
        assert step in flat
    pages = int(re.search(r"Pagina 1 van (\d+)", flat).group(1))
    assert f"Pagina {pages} van {pages}" in flat
    assert re.search(r"Gemaakt op \d{1,2}-\d{1,2}-\d{4} \d{2}:\d{2}", flat)
    assert "uit de catalogus zoals die nu is (bij deze indeling is geen uittreksel bewaard)" in flat  # hand-made run


def test_the_report_prints_the_matrix_as_it_was_when_graded(manager_client, manager, adviser, catalogue, tmp_path):
    from profiles.models import Element

    settled = make_submission(author=manager, status=S.SETTLED, by=adviser)
    element = Element.objects.get(cell__level__family__slug="ambtelijk-secretaris", text="Organiseert verkiezingen")
    element.text = "Een later toegevoegde tekst"
    element.save()
    flat = " ".join(pdf_text(manager_client.get(report_url(settled)).content, tmp_path).split())
    assert "Organiseert verkiezingen" in flat and "Een later toegevoegde tekst" not in flat
    assert "zoals de matrix was toen de engine de functie indeelde (dataversie" in flat


def test_the_report_is_made_once_per_state_of_the_request(manager_client, adviser_client, manager, catalogue, monkeypatch):
    from grading import reports

    submission = make_submission(author=manager, status=S.SUBMITTED)
    renders = []
    original = reports.render_pdf
    monkeypatch.setattr(reports, "render_pdf", lambda *a, **k: renders.append(1) or original(*a, **k))
    first = manager_client.get(report_url(submission)).content
    assert manager_client.get(report_url(submission)).content == first and len(renders) == 1
    adviser_client.post(f"/aanvragen/{submission.pk}/in-behandeling/", {"version": submission.version})
    assert manager_client.get(report_url(submission)).content != first and len(renders) == 2


def test_an_unsettled_report_says_so(manager_client, manager, catalogue, tmp_path):
    submission = make_submission(author=manager)
    flat = " ".join(pdf_text(manager_client.get(report_url(submission)).content, tmp_path).split())
    assert "Nog niet vastgesteld (status: concept)." in flat


def test_the_managers_markup_stays_inert_text(manager_client, manager, catalogue, tmp_path):
    submission = make_submission(author=manager, title="<i>Secretaris</i>", text=HOSTILE_BUT_ALLOWED)
    make_snapshot(submission=submission, result=make_result(family=None, position="no_match", text=HOSTILE_BUT_ALLOWED))
    flat = " ".join(pdf_text(manager_client.get(report_url(submission)).content, tmp_path).split())
    assert '<b>vet</b> & <a href="https://example.org">links</a>' in flat
    assert "<i>Secretaris</i>" in flat and "Geen passende functiefamilie" in flat


def test_another_manager_gets_a_404(other_manager_client, settled):
    assert other_manager_client.get(report_url(settled)).status_code == 404


def test_an_outsider_is_refused(outsider_client, settled):
    assert outsider_client.get(report_url(settled)).status_code == 403


def test_anonymous_users_go_to_the_login_page(client, settled):
    assert client.get(report_url(settled)).status_code == 302


def test_an_unknown_request_is_a_404(adviser_client, catalogue):
    assert adviser_client.get("/aanvragen/0/rapport.pdf").status_code == 404


def test_the_report_speaks_of_the_function_description_and_cites_no_file_of_the_code(manager, catalogue):
    from django.template.loader import render_to_string

    from grading.reports import report_context

    submission = make_submission(author=manager)
    html = render_to_string("grading/submission_report.html", report_context(submission))
    assert "de functiebeschrijving" in html
    assert "uw tekst" not in html.lower()
    assert ".toml" not in html and "grading/" not in html
