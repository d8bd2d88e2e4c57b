"""Gunicorn settings: the grading engine's index and its language model, the views, the templates
and the catalogue caches are loaded once, in the master, before the workers fork
(functiewaardering/warmup.py says why).

    gunicorn -c functiewaardering/gunicorn.conf.py functiewaardering.wsgi

Without this, every worker builds the index in its first grading request (about a second for the
four families, far more for a large catalogue), which may pass the worker time-out. With it, the
master loads the application, builds the index for the current data version and closes its
database connections; each worker is forked with the index in memory (shared copy-on-write, also
for workers that gunicorn restarts later). When the data version moves, a worker rebuilds only
the families whose content changed (grading/engine/index.py keeps each family's index by content).
The language model that tells a Dutch text from a foreign one (grading/engine/language.py) is
loaded here too: otherwise each worker loads it in its first grading request, about 1.5 s and
100 MB per process; loaded in the master, the workers share one copy.
The objects loaded in the master are frozen out of the garbage collector before each fork: a
worker's full collections then skip the index and the model (they cost up to about 100 ms
each, enough to show in the slowest requests) and do not write to the shared pages. Workers
collect young objects less often: a request makes many short-lived ones.
Other settings (bind, workers, timeout) stay on the command line or in GUNICORN_CMD_ARGS.
"""

import gc
import time

preload_app = True

# The master waits this long for the engine index. A catalogue that takes longer (thousands of
# families) must not keep the service from starting: the workers start and build the rest.
START_INDEX_SECONDS = 60.0


def when_ready(server):
    """Build the engine index, load the language model and warm the rest up in the master; never
    fail the start over any of it (the first request that needs a part loads it)."""
    from django.db import connections

    from functiewaardering import warmup
    from grading.engine import language
    from grading.selectors import engine_index

    from grading.engine import IndexDeadlinePassed

    started = time.perf_counter()
    try:
        index = engine_index(deadline=time.monotonic() + START_INDEX_SECONDS)
    except IndexDeadlinePassed as passed:
        server.log.warning(
            "Engine index not built within %.0f s at start (%d families indexed); the workers start now "
            "and each builds the rest in its first grading request.", START_INDEX_SECONDS, passed.indexed,
        )
    except Exception:  # e.g. a database that is not migrated yet: the first request builds it
        server.log.exception("Engine index not built at start; the first grading request builds it.")
    else:
        server.log.info("Engine index built: %d families in %.2f s.", len(index.families), time.perf_counter() - started)
    try:
        families = warmup.warm_catalogue_caches()
    except Exception:
        server.log.exception("Catalogue caches not filled at start; the first requests fill them.")
    else:
        server.log.info("Catalogue caches filled for %d families.", families)
    finally:
        connections.close_all()  # a forked worker must never share the master's connection
    try:
        language._model()  # shared copy-on-write by the workers, like the index
    except Exception:  # the first request that reads a text loads it
        server.log.exception("Language model not loaded at start; the first grading request loads it.")
    try:
        warmup.import_views()
        server.log.info("Templates compiled: %d.", warmup.compile_templates())
    except Exception:
        server.log.exception("Views or templates not loaded at start; each worker loads them itself.")


# Young-generation collections every 10,000 net allocations instead of 700: measured on the
# submit and result pages, the collector's share fell from about 5 ms to about 1 ms a request pair.
WORKER_GC_THRESHOLDS = (10_000, 20, 20)


def pre_fork(server, worker):
    """Freeze what the master loaded (the index, the model, Django), so a worker's collections
    skip it. After a catalogue change a worker's old index is freed by reference counting only;
    what of it forms cycles stays until the worker restarts (a catalogue change is rare)."""
    gc.freeze()


def post_fork(server, worker):
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
