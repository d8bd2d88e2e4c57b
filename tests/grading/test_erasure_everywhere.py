"""After `erase_person` the person's name is nowhere: not in any table (dumped whole) and not in any
cached report PDF, also where another request's history named them ("Overgedragen aan …")."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from grading import reports
from grading.models import Submission
from grading.services import review, submissions
from tests.factory import make_adviser, make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status


def pdf_text(pdf: bytes) -> str:
    """The text a PDF prints, read with pypdf (the text is compressed in the file)."""
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def cached_pdfs() -> list[bytes]:
    """Every PDF the test cache (locmem) holds, wherever it sits in a cached value."""
    import pickle

    found = []

    def walk(value):
        if isinstance(value, bytes) and value[:4] == b"%PDF":
            found.append(value)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for raw in list(cache._cache.values()):
        walk(pickle.loads(raw))
    return found


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "--natural-foreign", stdout=out)
    return out.getvalue()


@pytest.fixture
def erased(manager, adviser, catalogue):
    """Hamid Bakker (hr-adviseur) takes a request, hands it on, is handed another, and has a
    report printed of each; then he is erased."""
    adviser.email = "hamid.bakker@example.org"
    adviser.save()
    colleague = make_adviser(username="collega", first_name="Carla", last_name="Smit")
    handed_to_him = make_submission(author=manager, title="Aan hem overgedragen", status=S.IN_REVIEW, by=colleague)
    review.submission_hand_over(submission=handed_to_him, by=colleague, to=adviser, comment="Hamid Bakker weet ervan.")
    handed_on = make_submission(author=manager, title="Door hem overgedragen", status=S.IN_REVIEW, by=adviser)
    review.submission_hand_over(submission=handed_on, by=adviser, to=colleague)
    settled = make_submission(author=manager, title="Door hem vastgesteld", status=S.SETTLED, by=adviser)
    taken_over = make_submission(author=manager, title="Van hem overgenomen", status=S.IN_REVIEW, by=adviser)
    review.submission_take_over(submission=taken_over, by=colleague)
    requests = [handed_to_him, handed_on, settled, taken_over]
    for submission in requests:
        submission.refresh_from_db()
        assert "Hamid" in pdf_text(reports.report_pdf(submission))  # else the test proves nothing
    assert "Overgedragen aan Hamid Bakker" in dump() and "Overgenomen van Hamid Bakker" in dump()
    assert sum("Hamid" in pdf_text(pdf) for pdf in cached_pdfs()) == len(requests)
    call_command("erase_person", "hr-adviseur", stdout=io.StringIO())
    return requests


NAMES = ["Hamid", "Bakker", "hr-adviseur\"", "hamid.bakker"]


def test_no_table_and_no_cached_report_holds_the_erased_name(erased):
    data = dump()
    for name in NAMES:
        assert name not in data, name
    assert "Overgedragen aan verwijderde gebruiker." in data
    assert "Overgenomen van verwijderde gebruiker." in data
    for pdf in cached_pdfs():
        text = pdf_text(pdf)
        assert "Hamid" not in text and "Bakker" not in text
    # A report asked for now is made anew, with the anonymous name.
    for submission in erased:
        submission.refresh_from_db()
        text = pdf_text(reports.report_pdf(submission))
        assert "Hamid" not in text and "Bakker" not in text
        assert "verwijderde gebruiker" in text


def test_a_name_inside_another_word_is_left_alone(manager, adviser, second_adviser, catalogue):
    """`tweede-hr-adviseur` holds the user name `hr-adviseur`; only the whole name is replaced."""
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    review.submission_hand_over(submission=submission, by=adviser, to=second_adviser)
    call_command("erase_person", "hr-adviseur", stdout=io.StringIO())
    assert submission.events.latest("id").comment == "Overgedragen aan tweede-hr-adviseur."
