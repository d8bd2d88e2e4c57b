"""A decision in the organisation's own system. For a family of another system (a gemeente's role
in a healthcare family, or the school family without a system) the settle form offers the
family's level ("niveau n van m") and the organisation's own grades, and records both; for a
family of the organisation's own system only that family's grades; outside the functiehuis only
the organisation's grades. Each combination is posted as a browser without JavaScript would and
read back from the request's page, the lists, the CSV and the report."""

import csv
import io
import re

import pytest
from django.utils.html import escape

from grading.decision_options import OUTSIDE
from grading.models import Submission
from grading.services.submissions import FOREIGN_LEVEL_REQUIRED, GRADE_NOT_IN_FAMILY
from profiles.models import Grade, GradingSystem
from profiles.organisation import organisation_update
from tests.factory import make_submission, make_user
from tests.grading.test_submission_report import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_static")]
S = Submission.Status
GEMEENTE = "Cao Gemeenten (HR21-functieschalen)"
SECRETARY = "Ambtelijk secretaris"
SCHOOL = "Secretariële ondersteuning, coördinatie en mediatheek (voortgezet onderwijs)"


def set_organisation(code: str, grades: str = ""):
    organisation_update(name="Gemeente Zuidwaard", system=GradingSystem.objects.get(code=code), grades=grades,
                        motivation="Inrichting.", by=make_user(username=f"beheerder-{code}"))


@pytest.fixture
def gemeente(catalogue):
    set_organisation("cao-gemeenten", "schaal-8; schaal 8\nschaal-9; schaal 9\nschaal-10; schaal 10")


@pytest.fixture
def in_review(manager, adviser, catalogue):
    return make_submission(author=manager, status=S.IN_REVIEW, by=adviser)


def own(code: str) -> str:
    return str(Grade.objects.get(system__code="cao-gemeenten", code=code).pk)


def flat(text: str) -> str:
    return " ".join(text.split())


def settle(client, submission, data: dict):
    return client.post(f"/aanvragen/{submission.pk}/", {
        "action": "vaststellen", "effective_date": "2027-01-01", "motivation": "Zie de matrix.",
        "version": submission.version, **data,
    })


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [flat(o) for o in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


def shown_form(client, submission, family: str) -> str:
    """The settle form after "Schalen van deze familie tonen" (no JavaScript)."""
    response = client.post(f"/aanvragen/{submission.pk}/", {"action": "familie", "family": family,
                                                             "version": submission.version})
    assert response.status_code == 200
    return response.content.decode()


def test_a_family_of_another_system_offers_its_levels_and_the_organisation_s_grades(gemeente, in_review, adviser_client):
    html = shown_form(adviser_client, in_review, "ambtelijk-secretaris")
    assert options(html, "grade") == ["Kies de schaal", "schaal 8", "schaal 9", "schaal 10"]
    assert [o.split(" – ")[0] for o in options(html, "level")] == ["Kies het niveau", "niveau 1 van 2", "niveau 2 van 2"]
    assert "FG 45" not in options(html, "grade") and "FG 50" not in options(html, "grade")
    assert 'optgroup label="Cao Gemeenten (HR21-functieschalen)"' in html
    outside = shown_form(adviser_client, in_review, OUTSIDE)
    assert options(outside, "grade") == ["Kies de schaal", "schaal 8", "schaal 9", "schaal 10"]
    assert 'name="level"' not in outside


def test_a_family_of_the_organisation_s_own_system_offers_only_its_grades(in_review, adviser_client, catalogue):
    set_organisation("fwg")
    html = shown_form(adviser_client, in_review, "ambtelijk-secretaris")
    assert options(html, "grade") == ["Kies de schaal", "FG 45", "FG 50"] and 'name="level"' not in html


COMBINATIONS = {
    "foreign family with grades": (
        {"family": "ambtelijk-secretaris", "grade": lambda: own("schaal-9"), "level": "niveau-2"},
        {"label": "schaal 9", "system": GEMEENTE, "code": "schaal-9", "level": "niveau 2 van 2", "family": SECRETARY},
    ),
    "foreign family without a system": (
        {"family": "secretariele-ondersteuning-vo", "grade": lambda: own("schaal-8"), "level": "niveau-3"},
        {"label": "schaal 8", "system": GEMEENTE, "code": "schaal-8", "level": "niveau 3 van 4", "family": SCHOOL},
    ),
    "outside in the organisation's own grades": (
        {"family": OUTSIDE, "grade": lambda: own("schaal-10")},
        {"label": "schaal 10", "system": GEMEENTE, "code": "schaal-10", "level": "", "family": "Buiten het functiehuis"},
    ),
}


@pytest.mark.parametrize("combination", COMBINATIONS)
def test_each_decision_in_the_organisation_s_system_reads_back_the_same(
    combination, gemeente, in_review, adviser_client, manager_client, tmp_path
):
    posted, shown = COMBINATIONS[combination]
    response = settle(adviser_client, in_review, {**posted, "grade": posted["grade"]()})
    assert response.status_code == 303, response.content.decode()[:2000]
    submission = Submission.objects.get(pk=in_review.pk)
    assert submission.final_grade.code == shown["code"] and submission.final_grade.system.name == GEMEENTE
    rank = int(posted["level"].removeprefix("niveau-")) if posted.get("level") else None
    assert (submission.final_level_rank if rank else None) == rank
    words = f"{shown['label']} ({shown['system']})" + (f", {shown['level']}" if shown["level"] else "")
    words += ", buiten het functiehuis" if posted["family"] == OUTSIDE else f" in de functiefamilie {shown['family']}"

    page = flat(re.sub(r"<[^>]+>", "", adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode()))
    assert f"Vastgestelde indeling {words}." in page and f"Vastgesteld: {words}" in page
    assert "FG 50" not in page.split("Vastgestelde indeling")[1].split(".")[0]

    list_label = shown["label"] + (f", {shown['level']}" if shown["level"] else "") + " (vastgesteld)"
    for client, url in ((manager_client, "/aanvragen/"), (adviser_client, "/aanvragen/?weergave=alle")):
        row = next(r for r in re.findall(r"<tr>.*?</tr>", client.get(url).content.decode(), re.S) if submission.reference in r)
        cells = [flat(re.sub(r"<[^>]+>", " ", cell)) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        assert escape(shown["family"]) in row and list_label in cells

    body = adviser_client.get("/aanvragen/export.csv").content.decode("utf-8-sig")
    [row] = [r for r in csv.DictReader(io.StringIO(body), delimiter=";") if r["kenmerk"] == submission.reference]
    assert (row["functiefamilie"], row["schaal"], row["waarderingssysteem"], row["schaalcode"],
            row["niveau in de familie"]) == (shown["family"], shown["label"], shown["system"], shown["code"], shown["level"])

    report = flat(pdf_text(manager_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content, tmp_path))
    assert f"VASTGESTELDE INDELING {words}." in report


def test_a_family_s_own_grade_is_refused_for_a_family_of_another_system(gemeente, in_review, adviser_client):
    fg50 = str(Grade.objects.get(system__code="fwg", code="FG50").pk)
    response = settle(adviser_client, in_review, {"family": "ambtelijk-secretaris", "grade": fg50, "level": "niveau-2"})
    assert response.status_code == 400 and response.context["settle_form"].errors["grade"] == [GRADE_NOT_IN_FAMILY]
    assert Submission.objects.get(pk=in_review.pk).status == S.IN_REVIEW


def test_the_level_is_required_beside_the_grade(gemeente, in_review, adviser_client):
    response = settle(adviser_client, in_review, {"family": "ambtelijk-secretaris", "grade": own("schaal-8")})
    assert response.status_code == 400 and response.context["settle_form"].errors["level"] == [FOREIGN_LEVEL_REQUIRED]
    assert escape(FOREIGN_LEVEL_REQUIRED) in response.content.decode()
    response = settle(adviser_client, in_review, {"family": "ambtelijk-secretaris", "grade": own("schaal-8"), "level": "niveau-9"})
    assert response.status_code == 400 and "level" in response.context["settle_form"].errors


def test_outside_a_grade_of_another_system_is_refused_once_the_organisation_has_its_own(gemeente, in_review, adviser_client):
    rijk = str(Grade.objects.get(system__code="rijk", code="schaal-13").pk)
    response = settle(adviser_client, in_review, {"family": OUTSIDE, "grade": rijk})
    assert response.status_code == 400 and "grade" in response.context["settle_form"].errors
