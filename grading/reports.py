"""The grading report: its context, and the PDF cached per submission version.

A report is rendered once for each state of a request (its version and latest engine run) and
kept in the cache, shared between servers when the cache is. It says when it was made, so a
cached copy never claims to be printed now. The matrix excerpt is the one stored with the engine
run: a bezwaar is judged on the matrix as it stood when the role was graded.
"""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from functiewaardering.pdf import render_pdf
from grading import submission_selectors as selectors
from grading.models import Submission

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
        "organisation": settings.ORGANISATION_NAME,
    }
    context |= selectors.result_view(snapshot=latest)
    context |= selectors.catalogue_release_view(snapshot=latest)
    if latest is not None and latest.matrix_excerpt:
        context["matrix"] = latest.matrix_excerpt
    else:  # an engine run from before excerpts were kept: today's catalogue, and the report says so
        result = context.get("result") or {}
        context["matrix"] = selectors.matrix_excerpt(family_slug=result.get("family"), rank=result.get("level_rank"))
        context["matrix_is_current"] = context["matrix"] is not None
    return context


def report_cache_key(submission: Submission, *, version: int, latest_snapshot_id: int | None) -> str:
    """One key per state of a request: its version and its latest engine run."""
    return f"report-pdf:{submission.pk}:{version}:{latest_snapshot_id}"


def report_pdf(submission: Submission) -> bytes:
    latest_id = submission.snapshots.order_by("-id").values_list("id", flat=True).first()
    key = report_cache_key(submission, version=submission.version, latest_snapshot_id=latest_id)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf("grading/submission_report.html", report_context(submission))
        cache.set(key, pdf, REPORT_CACHE_SECONDS)
    return pdf
