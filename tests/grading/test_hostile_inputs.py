"""Inputs built to stall a worker are refused with a Dutch message, and change nothing.

Every hostile file is built here, in memory, by benchmarks.hostile_files: the same builders
`manage.py benchmark_uploads` times. This module asserts outcomes only, never timings.
"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils.html import escape

from benchmarks.hostile_files import hostile_inputs, long_word_inputs
from benchmarks.uploads import PATHS
from grading.models import Submission
from grading.roles import FUNCTIONAL_ADMIN
from grading.services.extraction import (
    DOCX_TOKEN_TOO_LARGE,
    DOCX_TOO_COMPLEX,
    DOCX_TOO_MANY_PARAGRAPHS,
    FILE_BROKEN,
    FILE_ENCRYPTED,
    PDF_TOO_COMPLEX,
    PDF_TOO_MANY_PAGES,
    ExtractionError,
    extract_text,
)
from grading.services.submissions import (
    TEXT_REQUIRED,
    TEXT_TOO_LONG,
    TEXT_WITHOUT_WORDS,
)
from profiles.catalogue.limits import MAX_INT_CHARS, MAX_YAML_DEPTH
from profiles.catalogue.uploads import MAX_UPLOAD_BYTES
from profiles.catalogue.workbook_limits import DIMENSION_TOO_LARGE, TOKEN_TOO_LARGE
from profiles.models import CatalogueVersion, PendingUpload
from profiles.search import QUERY_TOO_LONG
from tests.factory import make_submission, make_user

URL = "/indelen/"
EXPECTED = {
    "paragraph-bomb": TEXT_TOO_LONG,  # 20,001 one-letter paragraphs are read, then reading stops
    "empty-paragraph-bomb": DOCX_TOO_MANY_PARAGRAPHS,
    "element-bomb": DOCX_TOO_COMPLEX,
    "lying-zip-header": FILE_BROKEN,  # more bytes come out than the header declares
    "shared-stream-pdf": PDF_TOO_COMPLEX,
    "form-bomb-pdf": PDF_TOO_COMPLEX,
    "cmap-bomb-pdf": PDF_TOO_COMPLEX,
    "object-bomb-pdf": PDF_TOO_COMPLEX,  # refused while pypdf reads the objects, not after
    "stream-bombs-pdf": PDF_TOO_COMPLEX,  # refused on the first stream, before inflating the others
    "too-many-pages-pdf": PDF_TOO_MANY_PAGES,
    "page-flood-pdf": PDF_TOO_MANY_PAGES,  # its page tree says 1: listing the pages stops early
    "aes-pdf": FILE_ENCRYPTED,
    "angle-brackets": TEXT_WITHOUT_WORDS,
    "long-words": TEXT_TOO_LONG,
    "zero-width": TEXT_REQUIRED,
    "long-comment-docx": DOCX_TOKEN_TOO_LARGE,  # refused at 256 KB of the comment, not after 38 MB
    "long-attribute-docx": DOCX_TOKEN_TOO_LARGE,
    "sheet-comment-xlsx": TOKEN_TOO_LARGE,  # uploaded on /beheer/importeren/, as the rest below
    "shared-strings-comment-xlsx": TOKEN_TOO_LARGE,
    "huge-dimension-xlsx": DIMENSION_TOO_LARGE.format(ref="A1:XFD1048576"),
    "yaml-nesting": f"ongeldige YAML (meer dan {MAX_YAML_DEPTH} niveaus diep genest)",  # not a RecursionError
    "yaml-long-number": f"ongeldige YAML (een getal van meer dan {MAX_INT_CHARS} tekens)",  # not int()'s ValueError
    "yaml-flow-sequence": "ongeldige YAML (meer dan 25.000 waarden",  # after 25,001 nodes, not 1.3 million
    "family-long-word": "levels[0].cells[0].elements[0].text: de tekst heeft 25.024 tekens",
    "family-long-name": "name: de tekst heeft 274 tekens; hier passen er hoogstens 200",  # PostgreSQL's column
}
CATALOGUE = {
    "sheet-comment-xlsx", "shared-strings-comment-xlsx", "huge-dimension-xlsx",
    "yaml-nesting", "yaml-long-number", "yaml-flow-sequence", "family-long-word", "family-long-name",
}
SUBMIT = [name for name in EXPECTED if name not in CATALOGUE]


@pytest.fixture(scope="module")
def hostile():
    return {item.name: item for item in hostile_inputs() if item.target in ("submit", "catalogue") and item.expect_refusal}


def test_every_hostile_input_has_an_expected_message(hostile):
    assert set(hostile) == set(EXPECTED)
    assert {name for name, item in hostile.items() if item.target == "catalogue"} == CATALOGUE
    assert {name for name, item in hostile.items() if item.target == "submit"} == set(SUBMIT)


@pytest.mark.django_db
@pytest.mark.parametrize("name", SUBMIT)
def test_the_form_refuses_it_with_its_dutch_message_and_changes_nothing(manager_client, manager, hostile, name):
    item = hostile[name]
    existing = make_submission(author=manager)
    before = (Submission.objects.count(), existing.text, existing.version)
    if item.content is not None:
        data = {"title": "Secretaris", "text": "", "file": SimpleUploadedFile(item.filename, item.content)}
    else:
        data = {"title": "Secretaris", "text": item.text}
    response = manager_client.post(URL, data)
    assert 400 <= response.status_code < 500
    assert escape(EXPECTED[name]) in response.content.decode()
    existing.refresh_from_db()
    assert (Submission.objects.count(), existing.text, existing.version) == before


@pytest.mark.parametrize("name", [name for name in SUBMIT if name.endswith(("pdf", "bomb", "header", "docx"))])
def test_extract_text_refuses_the_file(hostile, name):
    item = hostile[name]
    with pytest.raises(ExtractionError) as error:
        extract_text(upload=SimpleUploadedFile(item.filename, item.content))
    assert error.value.messages == [EXPECTED[name]]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_the_catalogue_upload_refuses_it_with_its_dutch_message_and_stores_nothing(client, hostile, name):
    item = hostile[name]
    client.force_login(make_user(role=FUNCTIONAL_ADMIN, username="beheerder"))
    version = CatalogueVersion.current()
    response = client.post("/beheer/importeren/", {"file": SimpleUploadedFile(item.filename, item.content)})
    assert response.status_code == 400
    assert escape(f"Fout in {item.filename}") in response.content.decode()
    assert escape(EXPECTED[name]) in response.content.decode()
    assert not PendingUpload.objects.exists() and CatalogueVersion.current() == version


def test_the_hostile_files_are_small(hostile):
    """What makes them hostile is what they unpack to, not what they weigh; a YAML file is hostile
    by what parsing it costs, and stays within what an upload may weigh."""
    for item in hostile.values():
        if item.content is not None:
            limit = MAX_UPLOAD_BYTES if item.filename.endswith(".yaml") else 2 * 1024 * 1024
            assert item.size() <= limit, item.name


@pytest.mark.django_db
def test_the_benchmark_command_prints_each_outcome_and_its_cost():
    out = StringIO()
    call_command("benchmark_uploads", "aes-pdf", "zero-width", "--no-memory", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("aes-pdf") and "refused (encrypted)" in lines[0] and "cpu" in lines[0]
    assert f"“{FILE_ENCRYPTED}”" in out.getvalue() and f"“{TEXT_REQUIRED}”" in out.getvalue()
    assert lines[-1].startswith("2 of 2 within target: refused unless harmless, each within 2 s of CPU")


@pytest.mark.django_db
@pytest.mark.parametrize("item", long_word_inputs(), ids=lambda item: item.name)
def test_a_long_word_is_refused_or_read_down_every_path_it_attacks(item):
    """The benchmark's long-word inputs, sent down their real paths: the search refuses a query
    over its length before reading it; a text, a .txt file and a stored family are read."""
    error = PATHS[item.target](item)
    assert (error is not None) == item.expect_refusal
    if error is not None:
        assert error.messages == [QUERY_TOO_LONG]
