"""One definition of the request's family (decided, else chosen by the manager, else indicated)
serves the list's filter, the list, the CSV and the report."""

import csv
import io

import pytest
from django.db.models import QuerySet
from django.template.loader import render_to_string

from grading import reports
from grading.models import Submission
from grading.services import submissions
from tests.factory import make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status


@pytest.fixture
def requests(manager, adviser, catalogue):
    secretary, ict, support = (catalogue.get(slug=s) for s in ("ambtelijk-secretaris", "div-ict", "administratief-ondersteuner"))
    decided = make_submission(author=manager, title="Besloten in div-ict", status=S.IN_REVIEW, by=adviser)
    assert decided.indicative_family == secretary  # the engine's family differs from the decision
    grade = ict.levels.exclude(grade=None).order_by("rank").first().grade
    submissions.submission_settle(submission=decided, by=adviser, family=ict, grade=grade, motivation="Past bij ict.")
    chosen = make_submission(author=manager, title="Gekozen ondersteuner", family=support, status=S.SUBMITTED)
    QuerySet(Submission).filter(pk=chosen.pk).update(indicative_family=secretary)  # the engine thought otherwise
    indicated = make_submission(author=manager, title="Alleen indicatie", status=S.SUBMITTED)
    assert indicated.family is None and indicated.indicative_family == secretary
    return {"div-ict": decided, "administratief-ondersteuner": chosen, "ambtelijk-secretaris": indicated}


@pytest.mark.parametrize("slug", ["div-ict", "administratief-ondersteuner", "ambtelijk-secretaris"])
def test_the_filter_the_list_the_csv_and_the_report_agree(slug, requests, adviser_client, catalogue):
    family = catalogue.get(slug=slug)
    expected = requests[slug]

    assert list(Submission.objects.with_family(family)) == [expected]
    assert Submission.objects.get(pk=expected.pk).effective_family() == family

    response = adviser_client.get(f"/aanvragen/?weergave=alle&familie={slug}")
    assert [s.pk for s in response.context["page"].object_list] == [expected.pk]
    assert f"<td>{family.name}</td>" in response.content.decode()

    rows = list(csv.reader(io.StringIO(
        adviser_client.get(f"/aanvragen/export.csv?weergave=alle&familie={slug}").content.decode("utf-8-sig")
    ), delimiter=";"))
    column = rows[0].index("functiefamilie")
    # The export holds the settled decisions, whatever the list's filter: only the decided one.
    decided = requests["div-ict"]
    assert [(row[0], row[column]) for row in rows[1:]] == [(decided.reference, decided.final_family.name)]

    report = render_to_string("grading/submission_report.html", reports.report_context(Submission.objects.get(pk=expected.pk)))
    assert f'<th scope="row">Functiefamilie</th><td>{family.name}' in report
