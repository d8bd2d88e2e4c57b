"""The gunicorn master loads the language model before the workers fork, so no worker pays for it."""

import gc

import pytest
from django.db import connections

from grading.engine import language
from tests.grading.test_engine_index import _gunicorn_config, _Server

pytestmark = pytest.mark.django_db


def test_the_master_loads_the_language_model_before_the_workers_fork(monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)  # a test keeps its transaction
    monkeypatch.setattr(language, "_identifier", None)
    _gunicorn_config().when_ready(_Server())
    assert language._identifier is not None


def test_a_model_that_fails_to_load_is_logged_and_left_to_the_first_request(monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)

    def broken():
        raise OSError("model file missing")

    monkeypatch.setattr(language, "_model", broken)
    server = _Server()
    _gunicorn_config().when_ready(server)
    assert "Language model not loaded at start; the first grading request loads it." in server.log.lines


def test_what_the_master_loaded_is_frozen_out_of_the_workers_collections():
    thresholds = gc.get_threshold()
    config = _gunicorn_config()
    try:
        config.pre_fork(_Server(), worker=None)
        assert gc.get_freeze_count() > 0  # a forked worker's collections skip these objects
        config.post_fork(_Server(), worker=None)
        assert gc.get_threshold() == config.WORKER_GC_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_the_master_fills_the_catalogue_caches_and_compiles_the_templates(monkeypatch, django_assert_max_num_queries):
    from django.template import engines

    from grading.submission_selectors import family_with_levels

    monkeypatch.setattr(connections, "close_all", lambda: None)
    server = _Server()
    _gunicorn_config().when_ready(server)
    assert "Catalogue caches filled for 4 families." in server.log.lines
    assert any(line.startswith("Templates compiled: ") for line in server.log.lines)
    loader = engines["django"].engine.template_loaders[0]  # the cached loader a worker inherits
    assert "grading/submission_detail.html" in {key.split(":")[0] for key in loader.get_template_cache}
    with django_assert_max_num_queries(1):  # only the data version: the family comes from the cache
        assert family_with_levels(slug="div-ict").levels.all()


def test_an_index_past_its_start_deadline_is_logged_and_the_workers_start_anyway(monkeypatch):
    """The master stops indexing between families once the deadline passes; it never hangs the start."""
    from grading import selectors

    monkeypatch.setattr(connections, "close_all", lambda: None)
    monkeypatch.setitem(selectors._cache, "index", None)  # as in a fresh master
    config = _gunicorn_config()
    monkeypatch.setattr(config, "START_INDEX_SECONDS", -1.0)  # already past before the first family
    server = _Server()
    config.when_ready(server)
    warning = next(line for line in server.log.lines if line.startswith("Engine index not built within"))
    assert "(0 families indexed)" in warning and "the workers start now" in warning
    assert "Catalogue caches filled for 4 families." in server.log.lines  # the rest of the start went on
