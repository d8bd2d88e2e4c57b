"""The decision is exactly what the adviser chose, and every place that shows it says the same.

Each combination is posted through the settle form as a browser without JavaScript would, then
read back from the request's page (decision and history), the manager's list, the HR list, the
mail, the CSV and the report PDF.
"""

import csv
import io
import re

import pytest
from django.core import mail
from django.utils.html import escape

from grading.decision_options import OUTSIDE
from grading.forms import UNKNOWN_FAMILY
from grading.models import Submission
from grading.services.submissions import FAMILY_REQUIRED, GRADE_NOT_IN_FAMILY, LEVEL_REQUIRED
from profiles.models import Grade
from tests.factory import make_submission
from tests.grading.test_submission_report import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_static")]
S = Submission.Status
SECRETARY = "Ambtelijk secretaris"
SCHOOL = "Secretariële ondersteuning, coördinatie en mediatheek (voortgezet onderwijs)"


@pytest.fixture
def in_review(manager, adviser, catalogue):
    manager.email = "lotte@example.org"  # so the decision mail goes out
    manager.save()
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    assert submission.indicative_family.name == SECRETARY  # what the engine said; never kept silently
    return submission


def grade_pk(system: str, code: str) -> str:
    return str(Grade.objects.get(system__code=system, code=code).pk)


def settle(client, submission, family: str, grade: str):
    return client.post(f"/aanvragen/{submission.pk}/", {
        "action": "vaststellen", "family": family, "grade": grade, "effective_date": "2027-01-01",
        "motivation": "Zie de matrix.", "version": submission.version,
    })


def flat(text: str) -> str:
    return " ".join(text.split())


def csv_rows(client) -> list[dict]:
    body = client.get("/aanvragen/export.csv").content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body), delimiter=";"))


COMBINATIONS = {
    # posted family, posted grade (a function of the catalogue), then what every place shows
    "family with grades": (
        "ambtelijk-secretaris", lambda: grade_pk("fwg", "FG50"),
        {"label": "FG 50", "system": "FWG functiegroepen", "family": SECRETARY, "code": "FG50"},
    ),
    "family without grades": (
        "secretariele-ondersteuning-vo", lambda: "niveau-2",
        {"label": "niveau 2 van 4", "system": "", "family": SCHOOL, "code": ""},
    ),
    "outside the functiehuis": (
        OUTSIDE, lambda: grade_pk("rijk", "schaal-13"),
        {"label": "schaal 13", "system": "Rijk salarisschalen (BBRA) met FuWaSys-functietypering",
         "family": "Buiten het functiehuis", "code": "schaal-13"},
    ),
}


@pytest.mark.parametrize("combination", COMBINATIONS)
def test_each_decision_reads_back_the_same_everywhere(
    combination, in_review, adviser_client, manager_client, django_capture_on_commit_callbacks, tmp_path
):
    family, grade, shown = COMBINATIONS[combination]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = settle(adviser_client, in_review, family, grade())
    assert response.status_code == 303, response.content.decode()[:3000]
    submission = Submission.objects.get(pk=in_review.pk)
    assert submission.status == S.SETTLED
    assert submission.final_outside == (family == OUTSIDE)
    assert (submission.final_family.name if submission.final_family else "Buiten het functiehuis") == shown["family"]
    with_system = shown["label"] + (f" ({shown['system']})" if shown["system"] else "")
    in_family = ", buiten het functiehuis" if family == OUTSIDE else f" in de functiefamilie {shown['family']}"

    # The request's page: the decision and the history line.
    html = adviser_client.get(f"/aanvragen/{submission.pk}/").content.decode()
    page = flat(re.sub(r"<[^>]+>", "", html))
    assert f"Vastgestelde indeling {with_system}{in_family}." in page
    assert f"Vastgesteld: {with_system}{in_family}" in page
    decision = re.search(r'<div class="decision">.*?</div>', html, re.S).group(0)
    if family != "ambtelijk-secretaris":  # the engine's family and grade are not the decision's
        assert SECRETARY not in decision and "FG 45" not in decision and "FG 50" not in decision

    # The manager's list and the HR list: the family column and the grade, as decided.
    for client, url in ((manager_client, "/aanvragen/"), (adviser_client, "/aanvragen/?weergave=alle")):
        row = next(r for r in re.findall(r"<tr>.*?</tr>", client.get(url).content.decode(), re.S) if submission.reference in r)
        cells = [flat(re.sub(r"<[^>]+>", " ", cell)) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        assert escape(shown["family"]) in row and f"{shown['label']} (vastgesteld)" in cells

    # The mail names only the kenmerk and the link.
    assert [m.to for m in mail.outbox] == [["lotte@example.org"]]
    message = mail.outbox[0].subject + mail.outbox[0].body
    assert submission.reference in message and f"/aanvragen/{submission.pk}/" in message
    assert shown["label"] not in message and shown["family"] not in message

    # The CSV: family, grade and, beside the grade, its system.
    [row] = [r for r in csv_rows(adviser_client) if r["kenmerk"] == submission.reference]
    assert (row["functiefamilie"], row["schaal"], row["waarderingssysteem"], row["schaalcode"]) == (
        shown["family"], shown["label"], shown["system"], shown["code"]
    )

    # The report PDF, read back.
    report = flat(pdf_text(manager_client.get(f"/aanvragen/{submission.pk}/rapport.pdf").content, tmp_path))
    assert f"VASTGESTELDE INDELING {with_system}{in_family}." in report  # the label is set in capitals
    if family == OUTSIDE:
        assert "Functiefamilie Buiten het functiehuis" in report and f"Functiefamilie {SECRETARY}" not in report


@pytest.mark.parametrize("grade", ["", "FG50"])
def test_the_empty_family_choice_is_refused_never_filled_in(grade, in_review, adviser_client):
    response = settle(adviser_client, in_review, "", grade_pk("fwg", grade) if grade else "")
    assert response.status_code == 400
    assert response.context["settle_form"].errors["family"] == [FAMILY_REQUIRED]
    assert escape(FAMILY_REQUIRED) in response.content.decode()
    submission = Submission.objects.get(pk=in_review.pk)
    assert submission.status == S.IN_REVIEW and submission.final_family is None


def test_an_unknown_family_is_refused(in_review, adviser_client):
    response = settle(adviser_client, in_review, "bestaat-niet", grade_pk("fwg", "FG50"))
    assert response.status_code == 400 and response.context["settle_form"].errors["family"] == [UNKNOWN_FAMILY]


def test_a_grade_of_the_familys_system_but_not_of_its_levels_is_refused(in_review, adviser_client):
    response = settle(adviser_client, in_review, "ambtelijk-secretaris", grade_pk("fwg", "FG55"))
    assert response.status_code == 400 and response.context["settle_form"].errors["grade"] == [GRADE_NOT_IN_FAMILY]


def test_a_family_without_grades_needs_its_level(in_review, adviser_client):
    response = settle(adviser_client, in_review, "secretariele-ondersteuning-vo", "")
    assert response.status_code == 400 and response.context["settle_form"].errors["grade"] == [LEVEL_REQUIRED]


def test_nothing_is_preselected(in_review, adviser_client):
    form = adviser_client.get(f"/aanvragen/{in_review.pk}/").context["settle_form"]
    assert form["family"].value() in (None, "") and form["grade"].value() in (None, "")
    assert [value for value, _ in form.fields["grade"].choices] == [""]  # choose a family first


def choices_after_showing(client, submission, family: str):
    """The grade options after "Schalen van deze familie tonen" (no JavaScript)."""
    response = client.post(f"/aanvragen/{submission.pk}/", {"action": "familie", "family": family})
    assert response.status_code == 200
    form = response.context["settle_form"]
    assert form["family"].value() == family and form["grade"].value() in (None, "")
    return form.fields["grade"].choices


def test_the_choices_are_the_familys_own_grades_its_levels_or_every_system_outside(in_review, adviser_client):
    secretary = choices_after_showing(adviser_client, in_review, "ambtelijk-secretaris")
    assert [label for value, label in secretary if value] == ["FG 45", "FG 50"]
    ict = choices_after_showing(adviser_client, in_review, "div-ict")
    assert [label for value, label in ict if value] == ["schaal 5", "schaal 6", "schaal 7", "schaal 8"]
    school = choices_after_showing(adviser_client, in_review, "secretariele-ondersteuning-vo")
    assert [label.split(" – ")[0] for value, label in school if value] == [f"niveau {n} van 4" for n in (1, 2, 3, 4)]
    outside = choices_after_showing(adviser_client, in_review, OUTSIDE)
    groups = dict(outside[1:])  # after the empty choice: (system, [(pk, grade)]) per system
    assert groups["FWG functiegroepen"][0][1] == "FG 5" and len(groups["FWG functiegroepen"]) == 16
    assert "schaal 13" in [label for _, label in groups["Rijk salarisschalen (BBRA) met FuWaSys-functietypering"]]
    page = adviser_client.post(f"/aanvragen/{in_review.pk}/", {"action": "familie", "family": OUTSIDE}).content.decode()
    assert '<option value="*buiten" selected>Buiten het functiehuis</option>' in page
    assert '<optgroup label="FWG functiegroepen">' in page


def test_the_csv_holds_settled_decisions_from_any_tab(adviser_client, manager, adviser, catalogue):
    settled = make_submission(author=manager, title="Besloten", status=S.SETTLED, by=adviser)
    make_submission(author=manager, title="Wacht op HR", status=S.SUBMITTED)
    make_submission(author=manager, title="In behandeling", status=S.IN_REVIEW, by=adviser)
    for query in ("", "?weergave=te-behandelen", "?weergave=alle&status=ingediend", "?familie=div-ict"):
        body = adviser_client.get(f"/aanvragen/export.csv{query}").content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
        assert [(r["kenmerk"], r["schaal"], r["waarderingssysteem"]) for r in rows] == [
            (settled.reference, "FG 45", "FWG functiegroepen")
        ]
