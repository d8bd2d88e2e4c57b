"""The admin shows objections and their steps read-only, like the rest of the decision trail, and
never serves an objection's attachment (its page checks who may open it)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from grading.models import Submission
from grading.objection_models import Objection
from grading.services import objections
from profiles.models import ObjectionRoute
from tests.factory import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def objection(catalogue, manager, adviser):
    call_command("load_objection_routes", verbosity=0)
    submission = make_submission(author=manager, status=Submission.Status.SETTLED, by=adviser)
    today = timezone.localdate()
    return objections.objection_register(
        submission=submission, by=adviser, route=ObjectionRoute.objects.get(code="fwg-ziekenhuizen-lcfh"),
        holder_name="Joris Jansen", received_on=today, grounds="Zwaarder dan FG 45.",
        decision_sent_on=today - datetime.timedelta(days=10),
    )


@pytest.fixture
def superuser_client():
    user = get_user_model().objects.create(username="beheerder", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_lists_and_shows_an_objection_but_never_changes_it(superuser_client, objection):
    base = "/admin/grading/objection/"
    listing = superuser_client.get(base)
    assert listing.status_code == 200 and "Joris Jansen" in listing.content.decode()
    page = superuser_client.get(f"{base}{objection.pk}/change/").content.decode()
    assert "Zwaarder dan FG 45." in page and 'name="_save"' not in page
    assert "inhoud van de bijlage" not in page
    assert superuser_client.get(f"{base}add/").status_code == 403
    assert superuser_client.post(f"{base}{objection.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Objection.objects.filter(pk=objection.pk).exists()


def test_the_request_in_the_admin_shows_its_objections(superuser_client, objection):
    page = superuser_client.get(f"/admin/grading/submission/{objection.submission_id}/change/").content.decode()
    assert "Joris Jansen" in page
