"""/beheer/organisatie/: the functional administrator sets the organisation's name, grading system
and, where the catalogue has none, that system's grades; every change is kept with who, when, why."""

import pytest
from django.core.management import call_command
from django.test import Client

from grading.roles import FUNCTIONAL_ADMIN
from profiles import organisation as organisations
from profiles.models import Grade, GradingSystem, Organisation, OrganisationChange
from tests.factory import make_adviser, make_user

pytestmark = pytest.mark.django_db
URL = "/beheer/organisatie/"
GEMEENTE_GRADES = "schaal-5; schaal 5\nschaal-6; schaal 6\nschaal-7; schaal 7"


@pytest.fixture
def beheerder():
    return make_user(role=FUNCTIONAL_ADMIN, username="beheerder", first_name="Bea", last_name="Heer")


@pytest.fixture
def client_b(beheerder):
    client = Client()
    client.force_login(beheerder)
    return client


def system(code: str) -> GradingSystem:
    return GradingSystem.objects.get(code=code)


def post(client, **fields):
    data = {"name": "Gemeente Zuidwaard", "system": "", "new_system_code": "", "new_system_name": "", "grades": "",
            "motivation": "Inrichting van de applicatie."} | fields
    return client.post(URL, data)


def test_an_hr_adviser_may_not_see_or_change_it(catalogue):
    client = Client()
    client.force_login(make_adviser())
    assert client.get(URL).status_code == 403
    assert post(client, system=system("fwg").pk).status_code == 403
    assert not Organisation.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(catalogue):
    response = Client().get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_change_needs_csrf(beheerder, catalogue):
    client = Client(enforce_csrf_checks=True)
    client.force_login(beheerder)
    assert post(client, system=system("fwg").pk).status_code == 403


def test_the_page_works_as_a_plain_form(client_b, catalogue):
    html = client_b.get(URL).content.decode()
    assert '<form method="post" action="/beheer/organisatie/"' in html
    for name in ("name", "system", "new_system_code", "new_system_name", "grades", "motivation"):
        assert f'name="{name}"' in html
    assert "Nog niet ingesteld" in html and "<script" not in html.split("<main", 1)[1]


def test_it_sets_the_name_and_a_catalogue_system_and_keeps_who_when_why(client_b, beheerder, catalogue):
    response = post(client_b, system=system("fwg").pk, name="Zorggroep Oostervaart", motivation="Wij vallen onder FWG.")
    assert response.status_code == 302 and response["Location"] == URL
    current = organisations.organisation_current()
    assert (current.name, current.system_code, current.is_set) == ("Zorggroep Oostervaart", "fwg", True)
    change = OrganisationChange.objects.get()
    assert (change.by, change.motivation, change.system_code, change.grades) == (beheerder, "Wij vallen onder FWG.", "fwg", [])
    html = client_b.get(URL).content.decode()
    assert "Wij vallen onder FWG." in html and "Bea Heer" in html and "Zorggroep Oostervaart" in html


def test_it_sets_the_gemeente_schalen_the_catalogue_lacks(client_b, catalogue):
    assert post(client_b, system=system("cao-gemeenten").pk, grades=GEMEENTE_GRADES).status_code == 302
    grades = list(system("cao-gemeenten").grades.order_by("rank").values_list("code", "name", "rank", "set_by_organisation"))
    assert grades == [("schaal-5", "schaal 5", 1, True), ("schaal-6", "schaal 6", 2, True), ("schaal-7", "schaal 7", 3, True)]
    assert [g["code"] for g in OrganisationChange.objects.get().grades] == ["schaal-5", "schaal-6", "schaal-7"]
    assert "schaal-6; schaal 6" in client_b.get(URL).content.decode()  # the form shows them to edit


def test_a_second_change_keeps_the_first_in_the_history(client_b, catalogue):
    post(client_b, system=system("cao-gemeenten").pk, grades=GEMEENTE_GRADES, motivation="Eerste inrichting.")
    kept = Grade.objects.get(system__code="cao-gemeenten", code="schaal-6").pk
    post(client_b, system=system("cao-gemeenten").pk, grades="schaal-6; schaal 6\nschaal-8; schaal 8", motivation="Schalen bijgewerkt.")
    assert list(system("cao-gemeenten").grades.order_by("rank").values_list("code", "rank")) == [("schaal-6", 1), ("schaal-8", 2)]
    assert Grade.objects.get(system__code="cao-gemeenten", code="schaal-6").pk == kept
    assert [c.motivation for c in OrganisationChange.objects.all()] == ["Schalen bijgewerkt.", "Eerste inrichting."]
    html = client_b.get(URL).content.decode()
    assert "Eerste inrichting." in html and "Schalen bijgewerkt." in html


def test_it_creates_a_new_system_with_its_grades(client_b, catalogue):
    response = post(client_b, new_system_code="cao-waterschappen", new_system_name="Cao Waterschappen",
                    grades="schaal-1; schaal 1\nschaal-2; schaal 2")
    assert response.status_code == 302
    assert organisations.organisation_current().system.name == "Cao Waterschappen"
    assert system("cao-waterschappen").grades.count() == 2


@pytest.mark.parametrize("fields, message", [
    ({"system": "fwg", "motivation": " "}, "Motivering: Dit veld is verplicht."),
    ({"system": "fwg", "name": ""}, "Naam van de organisatie: Dit veld is verplicht."),
    ({}, organisations.SYSTEM_REQUIRED),
    ({"system": "fwg", "new_system_code": "x", "new_system_name": "X"}, organisations.SYSTEM_TWICE),
    ({"new_system_code": "Cao Gemeenten!", "new_system_name": "X"}, organisations.NEW_SYSTEM_CODE),
    ({"new_system_code": "fwg", "new_system_name": "X"}, organisations.NEW_SYSTEM_EXISTS.format(code="fwg")),
    ({"new_system_code": "nieuw"}, organisations.NEW_SYSTEM_INCOMPLETE),
    ({"system": "fwg", "grades": "FG99; FG 99"}, organisations.GRADES_IN_CATALOGUE.format(system="FWG functiegroepen")),
    ({"system": "cao-gemeenten", "grades": "schaal-5 schaal 5"}, organisations.GRADE_LINE.format(line=1)),
    ({"system": "cao-gemeenten", "grades": "a; A\na; B"}, organisations.GRADE_TWICE.format(code="a")),
    ({"system": "999999"}, "Waarderingssysteem: Kies een waarderingssysteem uit de lijst."),
])
def test_bad_input_gets_a_dutch_message_and_changes_nothing(client_b, catalogue, fields, message):
    if fields.get("system") in ("fwg", "cao-gemeenten"):
        fields = fields | {"system": system(fields["system"]).pk}
    response = post(client_b, **fields)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Organisation.objects.exists() and not OrganisationChange.objects.exists()
    assert not GradingSystem.objects.filter(code__in=["x", "nieuw"]).exists()
    assert not system("cao-gemeenten").grades.exists()


def test_a_grade_a_request_uses_cannot_be_removed(client_b, catalogue):
    from grading.models import Submission
    from tests.factory import make_manager, make_submission

    post(client_b, system=system("cao-gemeenten").pk, grades=GEMEENTE_GRADES)
    submission = make_submission(author=make_manager())
    Submission.objects.filter(pk=submission.pk).update(final_grade=Grade.objects.get(system__code="cao-gemeenten", code="schaal-5"))
    response = post(client_b, system=system("cao-gemeenten").pk, grades="schaal-6; schaal 6")
    assert response.status_code == 400
    assert organisations.GRADE_IN_USE.format(name="schaal 5") in response.content.decode()
    assert system("cao-gemeenten").grades.count() == 3


def test_a_catalogue_import_leaves_the_organisation_s_grades_alone(client_b, catalogue):
    post(client_b, system=system("cao-gemeenten").pk, grades=GEMEENTE_GRADES)
    call_command("import_families", verbosity=0)
    assert system("cao-gemeenten").grades.count() == 3


def test_the_admin_shows_it_read_only(client_b, catalogue):
    post(client_b, system=system("fwg").pk, motivation="Via de beheerpagina.")
    admin = Client()
    admin.force_login(make_user(username="super", is_staff=True, is_superuser=True))
    assert "Gemeente Zuidwaard" in admin.get("/admin/profiles/organisation/").content.decode()
    assert "Via de beheerpagina." in admin.get("/admin/profiles/organisationchange/").content.decode()
    assert admin.get("/admin/profiles/organisation/add/").status_code == 403
    pk = Organisation.objects.get().pk
    assert admin.post(f"/admin/profiles/organisation/{pk}/change/", {"name": "Anders"}).status_code == 403
    assert Organisation.objects.get().name == "Gemeente Zuidwaard"
