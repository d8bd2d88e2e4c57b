"""Whole numbers from outside are read by one strict helper: ASCII digits, range checked, and a
Dutch 4xx or file error for anything else, never a 500 or an uncaught ValueError."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from functiewaardering.numbers import whole_number
from grading.roles import FUNCTIONAL_ADMIN
from profiles.catalogue.files import load_yaml
from profiles.catalogue.spreadsheet import workbook_write
from profiles.views_api import BAD_VERSION
from tests.factory import make_user

NOT_NUMBERS = ["²", "٣", "³", "１", " 3", "3 ", "+3", "-3", "3_000", "3.0", "", "9" * 19, "0x10", "3\n"]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_only_ascii_digits_are_a_number(value):
    assert whole_number(value) is None


def test_a_number_is_read_within_its_range():
    assert whole_number("042") == 42
    assert whole_number("0", minimum=1) is None and whole_number("11", maximum=10) is None
    assert whole_number(7) is None  # only texts are read


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999", "9999999999"])
@pytest.mark.parametrize("url", ["/api/families/", "/api/families/div-ict/"])
def test_a_strange_version_gets_a_dutch_400(client, url, value):
    response = client.get(url, {"versie": value})
    assert response.status_code == 400
    assert response.json() == {"error": BAD_VERSION}


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "١٢"])
def test_a_spreadsheet_number_cell_that_is_not_ascii_digits_is_a_dutch_file_error(value):
    data = load_yaml(settings.FIXTURES_DIR / "families" / "div-ict.yaml")
    data["levels"][0]["typing_total"] = value
    book = workbook_write(systems=None, families=[data])
    client = Client()
    client.force_login(make_user(role=FUNCTIONAL_ADMIN, username="beheerder"))
    response = client.post("/beheer/importeren/", {"file": SimpleUploadedFile("functiehuis.xlsx", book)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "kolom typeringstotaal" in html and "hier hoort een geheel getal" in html
