import pytest

from grading import selectors
from profiles.models import CatalogueVersion, Level

pytestmark = pytest.mark.django_db


def test_the_index_is_built_once_per_data_version(django_assert_max_num_queries):
    first = selectors.engine_index()
    with django_assert_max_num_queries(1):  # only the version is read
        assert selectors.engine_index() is first


def test_a_data_change_rebuilds_the_index():
    first = selectors.engine_index()
    level = Level.objects.get(family__slug="div-ict", rank=1)
    level.name = "Gewijzigde naam"
    level.save()
    CatalogueVersion.bump()
    rebuilt = selectors.engine_index()
    assert rebuilt is not first
    assert rebuilt.families["div-ict"].family.levels[0].name == "Gewijzigde naam"


def test_the_engine_data_holds_inheritance_and_additions():
    families = {f.slug: f for f in selectors.family_engine_data()}
    fg50 = families["ambtelijk-secretaris"].level(2)
    cell = next(c for c in fg50.cells if c.criterion == "vaardigheden")
    assert cell.inherits == "idem+"
    assert any(e.inherited and not e.added for e in cell.elements)
    assert any(e.added and not e.inherited for e in cell.elements)
    assert families["administratief-ondersteuner"].level(3).entry_requirement == "bachelordiploma"
