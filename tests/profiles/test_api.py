import pytest

pytestmark = pytest.mark.django_db

EXPECTED_GRADES = {
    "ambtelijk-secretaris": ["FG45", "FG50"],
    "div-ict": ["schaal-5", "schaal-6", "schaal-7", "schaal-8"],
    "administratief-ondersteuner": ["D", "C", "B"],
    "secretariele-ondersteuning-vo": [None, None, None, None],
}


def test_the_list_gives_every_family_with_its_levels(client):
    families = client.get("/api/families/").json()
    assert {f["slug"]: [lvl["grade"] for lvl in f["levels"]] for f in families} == EXPECTED_GRADES
    for family in families:
        assert set(family) >= {"slug", "name", "grading_system", "levels"}
        assert [lvl["rank"] for lvl in family["levels"]] == list(range(1, len(family["levels"]) + 1))


@pytest.mark.parametrize("slug", EXPECTED_GRADES)
def test_a_family_is_whole_and_ordered(client, slug):
    data = client.get(f"/api/families/{slug}/").json()
    assert [lvl["grade"] for lvl in data["levels"]] == EXPECTED_GRADES[slug]
    criteria = [c["key"] for c in data["criteria"]]
    for level in data["levels"]:
        assert {"id", "rank", "grade", "name", "description", "requirements", "cells"} <= set(level)
        assert [cell["criterion"] for cell in level["cells"]] == criteria
        for cell in level["cells"]:
            assert cell["inherits"] in (None, "idem", "idem+")
            assert all(set(e) >= {"text", "added"} for e in cell["elements"])


def test_an_idem_plus_level_holds_the_inherited_text_marked_not_added(client):
    data = client.get("/api/families/ambtelijk-secretaris/").json()
    fg50 = data["levels"][1]
    cell = next(c for c in fg50["cells"] if c["criterion"] == "uitvoerende-werkzaamheden")
    assert cell["inherits"] == "idem+"
    inherited = [e for e in cell["elements"] if not e["added"]]
    added = [e for e in cell["elements"] if e["added"]]
    assert any(e["text"] == "Organiseert verkiezingen" for e in inherited)
    assert [e["text"][:31] for e in added] == ["Stelt (beleids)notities en docu"]


def test_an_idem_level_shows_the_lower_text(client):
    fg50 = client.get("/api/families/ambtelijk-secretaris/").json()["levels"][1]
    cell = next(c for c in fg50["cells"] if c["criterion"] == "inconvenienten")
    assert cell["inherits"] == "idem"
    assert [e["text"] for e in cell["elements"]] == ["Psychische belasting"]


def test_the_typing_inconsistency_is_in_the_json(client):
    levels = client.get("/api/families/div-ict/").json()["levels"]
    assert levels[1]["typing"] == {
        "code": "322333222  22  22", "total": 32, "digit_sum": 30, "digit_count": 13, "consistent": False,
    }


def test_an_unknown_family_is_a_json_404(client):
    response = client.get("/api/families/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "Onbekende functiefamilie."


def test_the_api_is_read_only(client):
    assert client.post("/api/families/").status_code == 405
    assert client.delete("/api/families/div-ict/").status_code == 405


@pytest.mark.parametrize("slug", EXPECTED_GRADES)
def test_the_query_count_does_not_grow_with_the_family(client, slug, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get(f"/api/families/{slug}/")


def test_the_list_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/api/families/")


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
