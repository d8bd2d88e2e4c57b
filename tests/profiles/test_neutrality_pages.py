"""Pay transparency pages: the family's sekseneutraliteit summary, the overview for functional
administrators, and the employee's criteria page with pay ranges only where a source is stored."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from profiles.models import Grade
from tests.factory import make_user

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_family_page_summarises_its_own_texts(client, catalogue):
    html = page(client, "/profielen/administratief-ondersteuner/")
    assert '<h2 id="sekseneutraliteit">Sekseneutraliteit</h2>' in html
    # The source's own note, shown as such.
    assert "<strong>Voorbehoud van de bron</strong> (Achtergrond: Leesbaarheid): „Omwille van de leesbaarheid wordt de mannelijke vorm gebruikt" in html
    assert "<strong>Geen criterium waardeert:</strong> werkomstandigheden (fysiek en psychisch)" in html
    assert 'href="/profielen/administratief-ondersteuner/criteria/"' in html


def test_a_family_with_paired_pronouns_has_no_language_flag(client, catalogue):
    html = page(client, "/profielen/ambtelijk-secretaris/")  # "hij of zij", "hij/zij", "zijn/haar" in note 004
    assert "Geen functietitel of voornaamwoord gevonden dat één sekse kiest." in html
    assert "Emotionele belasting (Inconveniënten: „Psychische belasting”)" in html


def test_the_overview_is_for_those_who_may_view_families(client, catalogue):
    assert client.get("/profielen/sekseneutraliteit/").status_code == 302  # to the login page
    client.force_login(make_user(username="zonder-rechten"))
    assert client.get("/profielen/sekseneutraliteit/").status_code == 403
    administrator = make_user(username="beheerder")
    administrator.user_permissions.add(Permission.objects.get(codename="view_jobfamily"))
    client.force_login(administrator)
    html = page(client, "/profielen/sekseneutraliteit/")
    for name in ("Administratief ondersteuner", "Ambtelijk secretaris", "Secretariële ondersteuning"):
        assert name in html
    assert html.count("<strong>geen criterium</strong>") == 3  # working conditions, in three families


def test_the_criteria_page_lists_every_level_and_what_the_next_adds(client, catalogue):
    html = page(client, "/profielen/ambtelijk-secretaris/criteria/")
    assert "<h1>Criteria voor beloning en ontwikkeling: Ambtelijk secretaris</h1>" in html
    assert '<h2 id="niveau-1">Ambtelijk secretaris FG 45</h2>' in html and '<h2 id="niveau-2">Ambtelijk secretaris FG 50</h2>' in html
    assert "<strong>Schaal:</strong> FG 45" in html
    assert "Wat het volgende niveau toevoegt (Ambtelijk secretaris FG 50, FG 50)" in html
    assert "Adviseert de leden van het medezeggenschapsorgaan" in html  # an FG 50 addition
    assert "Dit is het hoogste niveau van deze familie." in html
    assert "artikel 7" in html and "css/print.css" in html
    assert "€" not in html and "Er staat geen salaris bij" in html  # no pay table in the sources


def test_a_family_without_grades_says_so(client, catalogue):
    html = page(client, "/profielen/secretariele-ondersteuning-vo/criteria/")
    assert html.count("de bron noemt geen schaal") == 4


def test_a_stored_pay_range_is_shown_with_its_source_and_date(client, catalogue):
    grade = Grade.objects.get(system__code="fwg", code="FG45")
    grade.salary_min, grade.salary_max, grade.salary_period = Decimal("3000.00"), Decimal("4200.50"), "maand"
    grade.salary_source, grade.salary_date = "Salaristabel bij een cao (testgegevens)", "2026-01"
    grade.save()
    html = page(client, "/profielen/ambtelijk-secretaris/criteria/")
    assert "€ 3.000,00 – € 4.200,50 per maand" in html
    assert "(bron: Salaristabel bij een cao (testgegevens), 2026-01)" in html
    assert "Een salaris staat alleen bij een schaal waarvan een openbare bron" in html
    grade.salary_source = ""  # an amount without a source is never shown
    grade.save()
    assert "€" not in page(client, "/profielen/ambtelijk-secretaris/criteria/")


def test_an_unknown_family_has_no_criteria_page(client, catalogue):
    assert client.get("/profielen/bestaat-niet/criteria/").status_code == 404


def test_every_criterion_of_the_four_families_names_its_factors(catalogue):
    from profiles.models import Criterion

    assert Criterion.objects.count() == 19
    assert not Criterion.objects.filter(factors=[]).exists()
    inconvenienten = Criterion.objects.get(family__slug="ambtelijk-secretaris", key="inconvenienten")
    assert inconvenienten.factors == ["effort", "working_conditions"]
