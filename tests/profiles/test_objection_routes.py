"""Objection routes: the seed file loads and validates, loading twice changes nothing and never
overwrites a term the organisation set, and /beheer/bezwaarroutes/ shows and sets terms."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from grading.roles import FUNCTIONAL_ADMIN
from profiles import objection_routes as routes
from profiles import objection_terms as terms
from profiles.catalogue.files import FamilyFileError
from profiles.models import ObjectionRoute, ObjectionStep, ObjectionTermChange
from profiles.objection_route_file import read_routes
from tests.factory import make_adviser, make_user

pytestmark = pytest.mark.django_db
URL = "/beheer/bezwaarroutes/"
SEED = Path(__file__).parents[2] / "fixtures" / "objection_routes.yaml"


@pytest.fixture
def seeded(catalogue):
    call_command("load_objection_routes", verbosity=0)
    return ObjectionRoute.objects.all()


@pytest.fixture
def beheerder():
    return make_user(role=FUNCTIONAL_ADMIN, username="beheerder", first_name="Bea", last_name="Heer")


@pytest.fixture
def client_b(beheerder):
    client = Client()
    client.force_login(beheerder)
    return client


def step(route: str, kind: str) -> ObjectionStep:
    return ObjectionStep.objects.get(route__code=route, kind=kind)


def term_url(step: ObjectionStep) -> str:
    return f"{URL}stap/{step.pk}/termijn/"


def post_term(client, step, **fields):
    data = {"length": "8", "unit": "weeks", "runs_from": "received", "condition": "",
            "motivation": "Art. 4 van ons reglement geschillencommissie."} | fields
    return client.post(term_url(step), data)


# --- the seed file --------------------------------------------------------------------------

def test_the_seed_file_holds_the_routes_the_research_states():
    codes = {route["code"] for route in read_routes(SEED)}
    assert {"cao-vo-landelijke-bezwarencommissie", "fwg-ziekenhuizen-lcfh", "fwg-gehandicaptenzorg-lbc",
            "rijk-geschillencommissie", "gemeente-geschillencommissie", "be-federaal-statutair"} <= codes


def test_every_seeded_fact_has_a_source_with_an_address():
    for route in read_routes(SEED):
        for data in route["steps"]:
            if data["term"]:
                assert data["term"]["source"]["url"].startswith("http"), route["code"]
        assert route["sources"] or all(not s["term"] for s in route["steps"]), route["code"]


def test_loading_seeds_the_terms_the_sources_give(seeded):
    vo = step("cao-vo-landelijke-bezwarencommissie", "external_committee")
    assert (vo.term_length, vo.term_unit, vo.term_runs_from) == (6, "weeks", "day_after_sent")
    assert "onderwijsgeschillen.nl" in vo.term_source["url"]
    lcfh = step("fwg-ziekenhuizen-lcfh", "external_committee")
    assert (lcfh.term_length, lcfh.term_unit, lcfh.outcome) == (60, "days", "weighty_advice")
    assert [s.kind for s in ObjectionRoute.objects.get(code="fwg-ziekenhuizen-lcfh").steps.all()] == [
        "internal_objection", "committee_advice", "employer_decision", "external_committee", "court"]
    rvs = step("be-federaal-statutair", "council_of_state")
    assert (rvs.term_length, rvs.term_unit, rvs.term_runs_from, rvs.term_condition) == (60, "days", "notified", "appeal_notice")
    assert ObjectionRoute.objects.get(code="be-federaal-statutair").staff_category == "statutair personeel"
    assert list(ObjectionRoute.objects.get(code="be-federaal-statutair").systems.values_list("code", flat=True)) == ["federaal"]


def test_where_the_research_found_no_term_the_term_stays_unset(seeded):
    for route, kind in [("rijk-geschillencommissie", "external_committee"), ("gemeente-geschillencommissie", "external_committee"),
                        ("fwg-ziekenhuizen-lcfh", "committee_advice"), ("be-federaal-contractueel", "court")]:
        unset = step(route, kind)
        assert unset.term_length is None and unset.term.describe() == terms.UNSET


def test_a_seeded_term_computes_its_due_date(seeded):
    vo = step("cao-vo-landelijke-bezwarencommissie", "external_committee")
    assert terms.due_date(vo.term, dates={terms.SENT: date(2026, 3, 2)}) == date(2026, 4, 13)


@pytest.mark.parametrize(("replace", "place", "problem"), [
    ("unit: weeks", "routes[0].steps[1].term.unit", "„jaren” is niet toegestaan"),
    ("length: 6", "routes[0].steps[1].term.length", "geheel getal van 1 tot 3650"),
    ("kind: external_committee", "routes[0].steps[1].kind", "„hof” is niet toegestaan"),
    ("systems: [cao-vo]", "routes[0].systems[0]", "onbekend waarderingssysteem „cao-xx”"),
    ("to_verify: false", "routes[0].steps[1].term.to_verify", "true of false"),
])
def test_a_broken_file_gives_a_dutch_error_naming_the_place_and_loads_nothing(catalogue, tmp_path, replace, place, problem):
    broken = {"unit: weeks": "unit: jaren", "length: 6": "length: zes", "kind: external_committee": "kind: hof",
              "systems: [cao-vo]": "systems: [cao-xx]", "to_verify: false": "to_verify: misschien"}[replace]
    path = tmp_path / "objection_routes.yaml"
    path.write_text(SEED.read_text(encoding="utf-8").replace(replace, broken, 1), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_objection_routes", file=str(path), verbosity=0)
    assert f"Fout in objection_routes.yaml, {place}:" in str(error.value) and problem in str(error.value)
    assert "Er is niets geladen." in str(error.value)
    assert not ObjectionRoute.objects.exists()


def test_unreadable_yaml_names_the_line(tmp_path):
    path = tmp_path / "objection_routes.yaml"
    path.write_text("routes:\n  - code: [x\n", encoding="utf-8")
    with pytest.raises(FamilyFileError) as error:
        read_routes(path)
    assert "ongeldige YAML" in str(error.value) and "regel" in str(error.value)


# --- loading twice ----------------------------------------------------------------------------

def snapshot() -> list[tuple]:
    return list(ObjectionStep.objects.order_by("route__code", "position").values_list(
        "route__code", "position", "kind", "name", "term_length", "term_unit", "term_runs_from", "term_condition"))


def test_loading_twice_changes_nothing(seeded):
    before, count = snapshot(), ObjectionRoute.objects.count()
    call_command("load_objection_routes", verbosity=0)
    assert snapshot() == before and ObjectionRoute.objects.count() == count


def test_loading_again_never_overwrites_a_term_the_organisation_set(seeded, beheerder):
    vo = step("cao-vo-landelijke-bezwarencommissie", "external_committee")
    routes.step_term_set(step=vo, length=8, unit="weeks", runs_from="received", motivation="Eigen reglement.", by=beheerder)
    call_command("load_objection_routes", verbosity=0)
    vo.refresh_from_db()
    assert (vo.term_length, vo.term_unit, vo.term_runs_from, vo.term_set_by_organisation) == (8, "weeks", "received", True)


def test_if_empty_loads_nothing_into_a_table_that_has_routes(seeded):
    ObjectionRoute.objects.filter(code="rijk-geschillencommissie").delete()
    call_command("load_objection_routes", if_empty=True, verbosity=0)
    assert not ObjectionRoute.objects.filter(code="rijk-geschillencommissie").exists()
    call_command("load_objection_routes", verbosity=0)  # without --if-empty a missing route is added
    assert ObjectionRoute.objects.filter(code="rijk-geschillencommissie").exists()


def test_bin_run_loads_the_routes_only_into_an_empty_table():
    script = (Path(__file__).parents[2] / "bin" / "run").read_text()
    assert "manage.py load_objection_routes --if-empty" in script
    assert script.index("import_families --if-empty") < script.index("load_objection_routes --if-empty")


# --- the page ---------------------------------------------------------------------------------

def test_an_hr_adviser_may_not_see_or_set_a_term(seeded):
    client = Client()
    client.force_login(make_adviser())
    vo = step("cao-vo-landelijke-bezwarencommissie", "external_committee")
    assert client.get(URL).status_code == 403
    assert post_term(client, vo).status_code == 403
    vo.refresh_from_db()
    assert vo.term_length == 6 and not ObjectionTermChange.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(seeded):
    response = Client().get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_setting_a_term_needs_csrf(seeded, beheerder):
    client = Client(enforce_csrf_checks=True)
    client.force_login(beheerder)
    assert post_term(client, step("rijk-geschillencommissie", "external_committee")).status_code == 403


def test_the_page_shows_routes_steps_sources_marks_and_the_missing_terms(client_b, seeded):
    html = client_b.get(URL).content.decode()
    assert html.count("<h1") == 1
    assert "Cao VO – Landelijke Bezwarencommissie functiewaardering PO, VO en MBO" in html
    assert "6 weken na de dag na verzending of uitreiking van het besluit" in html
    assert "https://www.onderwijsgeschillen.nl/commissie/landelijke-bezwarencommissie-functiewaardering-po-vo-en-mbo/reglement" in html
    assert "te verifiëren" in html and "statutair personeel" in html
    missing = ObjectionStep.objects.filter(term_length__isnull=True).count()
    assert missing > 0 and html.count('class="term-unset">termijn niet vastgelegd – stel in<') == missing
    assert f"{missing} stappen zonder vastgelegde termijn" in html
    assert "<script" not in html.split("<main", 1)[1]


def test_the_step_page_is_a_plain_labelled_form(client_b, seeded):
    rijk = step("rijk-geschillencommissie", "external_committee")
    html = client_b.get(term_url(rijk)).content.decode()
    assert html.count("<h1") == 1 and "termijn niet vastgelegd – stel in" in html
    for name in ("length", "unit", "runs_from", "condition", "motivation"):
        assert f'name="{name}"' in html and f'<label for="id_{name}">' in html


def test_setting_a_term_keeps_who_when_and_why(client_b, beheerder, seeded):
    rijk = step("rijk-geschillencommissie", "external_committee")
    response = post_term(client_b, rijk)
    assert response.status_code == 302 and response["Location"] == URL
    rijk.refresh_from_db()
    assert (rijk.term_length, rijk.term_unit, rijk.term_runs_from, rijk.term_set_by_organisation) == (8, "weeks", "received", True)
    change = ObjectionTermChange.objects.get()
    assert (change.step, change.by, change.motivation) == (rijk, beheerder, "Art. 4 van ons reglement geschillencommissie.")
    assert (change.before, change.after) == (terms.UNSET, "8 weken na de ontvangst van het besluit")
    assert "8 weken na de ontvangst van het besluit" in client_b.get(URL).content.decode()
    html = client_b.get(term_url(rijk)).content.decode()
    assert "Art. 4 van ons reglement geschillencommissie." in html and "Bea Heer" in html


def test_a_second_change_keeps_the_first_in_the_history(client_b, seeded):
    vo = step("cao-vo-landelijke-bezwarencommissie", "external_committee")
    post_term(client_b, vo, length="7", motivation="Eerste.")
    post_term(client_b, vo, length="6", unit="weeks", runs_from="sent", motivation="Tweede.")
    history = list(ObjectionTermChange.objects.filter(step=vo).values_list("motivation", "before", "after"))
    assert history == [
        ("Tweede.", "7 weken na de ontvangst van het besluit", "6 weken na de verzending van het besluit"),
        ("Eerste.", "6 weken na de dag na verzending of uitreiking van het besluit", "7 weken na de ontvangst van het besluit"),
    ]


@pytest.mark.parametrize(("fields", "message"), [
    ({"length": "zes"}, "Vul een geheel getal in, bijvoorbeeld 6 of 60."),
    ({"length": "0"}, "De termijn is minstens 1."),
    ({"length": "99999999999999999999"}, "De termijn is hoogstens 3650."),
    ({"length": ""}, "Vul de lengte van de termijn in."),
    ({"unit": "jaren"}, "Kies een eenheid uit de lijst."),
    ({"runs_from": ""}, "Kies waarvandaan de termijn loopt."),
    ({"condition": "altijd"}, "Kies een voorwaarde uit de lijst, of geen."),
    ({"motivation": "  "}, "Geef een motivering."),
    ({"motivation": "x" * 501}, "De motivering is hoogstens 500 tekens."),
])
def test_a_bad_value_gets_a_dutch_400_next_to_the_field_and_changes_nothing(client_b, seeded, fields, message):
    rijk = step("rijk-geschillencommissie", "external_committee")
    response = post_term(client_b, rijk, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    field = next(iter(fields))
    label = html.split(f'<label for="id_{field}">', 1)[1].split("</label>", 1)[0]
    assert message in label  # the error stands at the field, inside its label
    assert 'aria-invalid="true"' in html and 'role="alert"' in html
    rijk.refresh_from_db()
    assert rijk.term_length is None and not ObjectionTermChange.objects.exists()


def test_an_unknown_step_is_a_404(client_b, seeded):
    assert client_b.get(f"{URL}stap/999999/termijn/").status_code == 404
