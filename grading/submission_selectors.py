"""Reads for the submission pages and the report: who sees what, and a result made ready to show."""

from collections.abc import Mapping
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from grading.filters import SubmissionFilter
from grading.models import STATUS_FLOW, GradingSnapshot, Submission, SubmissionEvent
from grading.result_display import UNCERTAIN_HEADLINE, evidence_ranges, highlighted, is_uncertain, level_chart
from profiles.catalogue.versions import release_for_data_version, release_latest
from profiles.models import JobFamily, Level
from profiles.selectors import catalogue_cache_key, catalogue_key, family_full_queryset, family_queryset, level_matrix

CATALOGUE_CACHE_SECONDS = 24 * 60 * 60  # the key holds the data version, so this only frees memory
NOT_CACHED = object()
QUESTION_TEXT = 150  # characters of a level's description shown beside a radio button
POSITION_TEXT = {
    "above": "De functie lijkt boven het bereik van deze familie te liggen: zwaarder dan het hoogste niveau.",
    "below": "De functie lijkt onder het bereik van deze familie te liggen: lichter dan het laagste niveau.",
    "in_range": "De functie valt binnen het bereik van deze familie.",
}


def submissions_visible(*, user: AbstractBaseUser) -> QuerySet[Submission]:
    return Submission.objects.visible_to(user).select_related(
        "author", "reviewer", "family", "indicative_family", "indicative_grade__system", "final_family",
        "final_grade__system",
    )


def submission_get(*, user: AbstractBaseUser, pk: int) -> Submission | None:
    """The submission if this user may see it; None otherwise (the view answers 404).

    Only the author is joined: every page of one request shows its name. Each further join costs
    about as much to compile as a query by primary key, and the other relations are empty until
    HR acts, so they load lazily when they hold something (lists keep `submissions_visible`)."""
    return Submission.objects.visible_to(user).select_related("author").filter(pk=pk).order_by().first()


def submission_list(*, user: AbstractBaseUser, filters: Mapping[str, str], request=None) -> SubmissionFilter:
    adviser = user.has_perm("grading.view_all_submissions")
    return SubmissionFilter(filters, queryset=submissions_visible(user=user), request=request, adviser=adviser)


def decisions_for_export(*, user: AbstractBaseUser) -> QuerySet[Submission]:
    """The settled requests this user sees, newest decision first, for the decisions CSV."""
    settled = submissions_visible(user=user).filter(status=Submission.Status.SETTLED)
    return settled.select_related("settled_by").prefetch_related("objections__records__step").order_by("-settled_at", "-id")


def status_counts(*, user: AbstractBaseUser) -> list[dict]:
    """How many requests this user sees per status, in the order work flows."""
    counts = dict(submissions_visible(user=user).order_by().values_list("status").annotate(n=Count("id")))
    labels = dict(Submission.Status.choices)
    return [{"status": s, "label": labels[s], "count": counts.get(s, 0)} for s in STATUS_FLOW if counts.get(s)]


def inbox_count(*, user: AbstractBaseUser) -> int:
    mine = Q(status=Submission.Status.IN_REVIEW, reviewer=user)
    return submissions_visible(user=user).filter(Q(status=Submission.Status.SUBMITTED) | mine).count()


def submission_history(*, submission: Submission) -> QuerySet[SubmissionEvent]:
    return submission.events.select_related("actor", "grade").order_by("created_at", "id")


def submission_snapshots(*, submission: Submission) -> list[GradingSnapshot]:
    """Newest first, without the matrix excerpts: only the report reads one, of the newest run."""
    return list(submission.snapshots.defer("matrix_excerpt").order_by("-created_at", "-id"))


def level_label(level: Level) -> str:
    return level.grade.name if level.grade_id else f"niveau {level.rank}"


def questionnaire(*, family: JobFamily) -> list[dict]:
    """One question per criterion; per level a short description from its distinguishing elements."""
    full = family_full_queryset().filter(pk=family.pk).first()
    if full is None:
        return []
    matrix = level_matrix(full)
    questions = []
    for index, criterion in enumerate(full.criteria.all()):
        options = []
        for row in matrix:
            level = row["level"]
            own = [e["text"] for e in row["cells"][index]["elements"] if e["added"] and not e["inherited"]]
            description = " · ".join(own) if own else "Zoals het niveau eronder, zonder extra kenmerk."
            if len(description) > QUESTION_TEXT:
                description = description[: QUESTION_TEXT - 1].rstrip() + "…"
            options.append({"rank": level.rank, "label": f"{level.name} ({level_label(level)})", "description": description})
        questions.append({"key": criterion.key, "name": criterion.name, "field": f"answer_{criterion.key}", "options": options})
    return questions


def result_view(*, snapshot: GradingSnapshot | None) -> dict:
    """What the result page and the report show of one engine run."""
    if snapshot is None:
        return {"snapshot": None}
    result = snapshot.result
    key = catalogue_key()  # read once per page: the neutrality partial keys its cache on it too
    family = family_with_levels(slug=result["family"], key=key) if result.get("family") else None
    levels = list(family.levels.all()) if family else []
    by_rank = {level.rank: level for level in levels}
    rank = result.get("level_rank")
    level = by_rank.get(rank)
    below, above = by_rank.get((rank or 0) - 1), by_rank.get((rank or 0) + 1)
    # When the text's setting grades by another system, no grade of the family's system is shown
    # as if it were the role's: levels are named by their place in the family.
    mismatch = bool(result.get("system_mismatch"))
    label = (lambda lv: f"niveau {lv.rank}") if mismatch else level_label
    # An evidence line names the level of its element; with no levels known, by its rank alone.
    evidence_label = (lambda rank: label(by_rank[rank]) if rank in by_rank else "") if levels else (
        lambda rank: f"niveau {rank}"
    )
    criteria = [
        dict(
            criterion,
            level=by_rank.get(criterion.get("level_rank")),
            level_label=label(by_rank[criterion["level_rank"]]) if criterion.get("level_rank") in by_rank else "",
            up_to_label=label(by_rank[criterion["fits_up_to"]]) if criterion.get("fits_up_to") in by_rank else "",
            evidence=[dict(e, level_label=evidence_label(e.get("level_rank"))) for e in criterion.get("evidence") or ()],
        )
        for criterion in result.get("criteria") or ()
    ]
    ranges = evidence_ranges(snapshot.text, result)
    chart_levels = [{"rank": lv.rank, "label": label(lv)} for lv in levels]
    return {
        "snapshot": snapshot,
        "catalogue_key": key,
        "result": result,
        "is_match": snapshot.is_match and family is not None,
        "uncertain": is_uncertain(result),
        "uncertain_headline": UNCERTAIN_HEADLINE,
        "family": family,
        "levels": levels,
        "level": level,
        "level_below": below,
        "level_above": above,
        "compare_below": _compare_query(below, level),
        "compare_above": _compare_query(level, above),
        "compare_neighbours": _compare_query(below, level, above) if below and above else "",
        "criteria": criteria,
        "supported_count": sum(1 for c in criteria if c.get("level_rank")),
        "chart": level_chart(criteria, chart_levels, rank if level else None),
        "highlighted_text": highlighted(snapshot.text, ranges),
        "evidence_count": len(ranges),
        "confidence_label": snapshot.confidence_label(),
        "position_text": POSITION_TEXT.get(result.get("position"), ""),
        "signals": _grouped_signals(result.get("signals") or ()),
        "track_start_level": by_rank.get(result.get("track_start_rank")) if result.get("track") else None,
    }


def family_with_levels(*, slug: str, key: tuple[int, str] | None = None) -> JobFamily | None:
    """The family with its grading system and its levels and their grades, read once per data
    version: every result page of that family shows the same rows."""
    key = catalogue_cache_key("family-with-levels", slug, key=key)
    family = cache.get(key, NOT_CACHED)
    if family is NOT_CACHED:
        family = family_queryset().filter(slug=slug).first()  # levels prefetched, so kept with it
        cache.set(key, family, CATALOGUE_CACHE_SECONDS)
    return family


def _grouped_signals(signals) -> list[dict]:
    """One line per kind of signal, with the words that showed it: "Adviseert (…): „a”, „b”"."""
    grouped: dict[str, list[str]] = {}
    for signal in signals:
        if signal.get("explanation"):
            words = grouped.setdefault(signal["explanation"], [])
            if signal.get("text") and signal["text"] not in words:
                words.append(signal["text"])
    return [{"explanation": explanation, "words": words} for explanation, words in grouped.items()]


def _compare_query(*levels: Level | None) -> str:
    present = [level for level in levels if level is not None]
    if len(present) < 2:
        return ""
    return "/vergelijk/?" + urlencode([("niveau", level.id) for level in present])


def matrix_excerpt(*, family_slug: str | None, rank: int | None) -> dict | None:
    """The matrix rows of a level and its neighbours, criteria as rows, for the report."""
    if not family_slug or not rank:
        return None
    family = family_full_queryset().filter(slug=family_slug).first()
    if family is None:
        return None
    matrix = level_matrix(family)
    rows = [row for row in matrix if abs(row["level"].rank - rank) <= 1]
    if not rows:
        return None
    criteria = list(family.criteria.all())
    return {
        "family": family,
        "levels": [row["level"] for row in rows],
        "indicative_rank": rank,
        "criteria": [
            {"criterion": criterion, "cells": [row["cells"][i] for row in rows]} for i, criterion in enumerate(criteria)
        ],
    }


def catalogue_release_view(*, snapshot: GradingSnapshot | None) -> dict:
    """Which published catalogue version a grading used, and whether a newer one exists."""
    latest = release_latest()
    if snapshot is None or not snapshot.catalogue_version or latest is None:
        graded = None
    elif latest.data_version <= snapshot.catalogue_version:
        graded = latest  # the newest release that is not newer than the grading: no second query
    else:
        graded = release_for_data_version(snapshot.catalogue_version)
    changed = graded is not None and latest is not None and latest.number != graded.number
    return {"graded_release": graded, "latest_release": latest, "catalogue_changed": changed}
