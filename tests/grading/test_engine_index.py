import importlib.util
from pathlib import Path

import pytest
from django.db import connections

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


class _Log:
    def __init__(self):
        self.lines = []

    def info(self, message, *args):
        self.lines.append(message % args)

    def exception(self, message, *args):
        self.lines.append(message % args)

    warning = exception


class _Server:
    def __init__(self):
        self.log = _Log()


def _gunicorn_config():
    path = Path(__file__).resolve().parents[2] / "functiewaardering" / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gunicorn_builds_the_index_before_the_workers_fork(django_assert_max_num_queries, monkeypatch):
    closed = []
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))  # a test keeps its transaction
    config = _gunicorn_config()
    assert config.preload_app is True
    server = _Server()
    config.when_ready(server)
    assert server.log.lines and server.log.lines[0].startswith("Engine index built: 4 families")
    assert closed == [True]  # no connection is shared with the forked workers
    with django_assert_max_num_queries(1):  # a worker then only reads the version
        assert selectors.engine_index().families.keys() == {
            "administratief-ondersteuner", "ambtelijk-secretaris", "div-ict", "secretariele-ondersteuning-vo",
        }


def test_a_failed_start_build_is_logged_and_left_to_the_first_request(monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)

    def broken():
        raise RuntimeError("geen database")

    monkeypatch.setattr(selectors, "engine_index", broken)
    server = _Server()
    _gunicorn_config().when_ready(server)
    assert server.log.lines[0] == "Engine index not built at start; the first grading request builds it."
