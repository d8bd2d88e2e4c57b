"""The grading report: its context, and the PDF cached per request.

A report is rendered once for each state of what it prints and kept in the cache, shared between
servers when the cache is. Its key (`report_cache_key`) covers everything the report prints: the
request's version and latest engine run (the holders and their letter dates move the version),
the catalogue's data version and latest release (the release line, the current level names, the
neutrality comparison, the systems' legal basis), the neutrality rules, the organisation's name,
the newest objection route and term change, and the names and comments it prints (the people, every
history line). So a
release, an erasure or a rewritten history line gives a new PDF.

Each request has one slot in the cache (`report-pdf:<id>`) that holds the key and the PDF made
for it; a newer state replaces it, and `report_forget` empties it. No PDF of an earlier state
lingers under a key nobody can name, so erasing a person also erases the PDFs that printed them.

It says when it was made, so a cached copy never claims to be printed now. The matrix excerpt is
the one stored with the engine run: a bezwaar is judged on the matrix as it stood when the role
was graded.
"""

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from functiewaardering.pdf import render_pdf
from grading import decision_letters
from grading import submission_selectors as selectors
from grading.models import Submission
from grading.neutrality.rules import RULES_PATH
from profiles.catalogue.versions import release_latest
from profiles.models import ObjectionRoute
from profiles.organisation import organisation_current
from profiles.selectors import catalogue_key

REPORT_CACHE_SECONDS = 7 * 24 * 60 * 60  # the key changes with every new state; this only frees memory


def report_context(submission: Submission, *, made_at: datetime | None = None) -> dict:
    snapshots = selectors.submission_snapshots(submission=submission)
    latest = snapshots[0] if snapshots else None
    context = {
        "submission": submission,
        "history": selectors.submission_history(submission=submission),
        "snapshots": snapshots,
        "latest": latest,
        "made_at": made_at or timezone.localtime(),
        "organisation": organisation_current().name,
    }
    context |= selectors.result_view(snapshot=latest)
    context |= selectors.catalogue_release_view(snapshot=latest)
    context["legal_system"] = decision_letters.legal_system(submission)
    context |= decision_letters.holder_letters(submission=submission)
    if latest is not None and latest.matrix_excerpt:
        context["matrix"] = latest.matrix_excerpt
    else:  # an engine run from before excerpts were kept: today's catalogue, and the report says so
        result = context.get("result") or {}
        context["matrix"] = selectors.matrix_excerpt(family_slug=result.get("family"), rank=result.get("level_rank"))
        context["matrix_is_current"] = context["matrix"] is not None
    return context


PERSON = ("first_name", "last_name", "username")


@lru_cache(maxsize=1)
def _neutrality_rules_digest() -> str:
    return hashlib.sha256(RULES_PATH.read_bytes()).hexdigest()[:16]


def report_slot(submission_id: int) -> str:
    """The request's one place in the cache: it holds (key, pdf) of the newest report made."""
    return f"report-pdf:{submission_id}"


def report_cache_key(submission: Submission) -> str:
    """A key that changes whenever anything the report prints changes (three small queries)."""
    people = [f"{role}__{field}" for role in ("author", "reviewer", "settled_by") for field in PERSON]
    row = Submission.objects.filter(pk=submission.pk).values_list("version", *people).first()
    history = list(
        submission.events.order_by("id").values_list("id", "comment", *(f"actor__{field}" for field in PERSON))
    )
    latest_id = submission.snapshots.order_by("-id").values_list("id", flat=True).first()
    release = release_latest()
    # The routes' terms (set in /beheer/bezwaarroutes/) and the holders' letter dates (which move
    # the request's version) are printed too.
    routes = ObjectionRoute.objects.aggregate(route=Max("id"), term_change=Max("steps__term_changes__id"))
    parts = [
        row, latest_id, history, list(catalogue_key()), release.number if release else None,
        _neutrality_rules_digest(), organisation_current().name, routes,
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"{report_slot(submission.pk)}:{digest}"


def report_pdf(submission: Submission) -> bytes:
    key = report_cache_key(submission)
    slot = report_slot(submission.pk)
    cached = cache.get(slot)
    if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == key:
        return cached[1]
    pdf = render_pdf("grading/submission_report.html", report_context(submission))
    cache.set(slot, (key, pdf), REPORT_CACHE_SECONDS)
    return pdf


def report_forget(*, submission_ids: Iterable[int]) -> None:
    """Drop the cached report PDFs of these requests (after their text or a name was removed)."""
    cache.delete_many([report_slot(pk) for pk in submission_ids])
