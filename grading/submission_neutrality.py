"""The gender-neutrality check of one engine run, ready for the result page and the report.

Computed from the snapshot's text at the moment the page is shown, never stored: when the
retention period removes the text, the check's quotes go with it.
"""

from django.core.cache import cache

from grading import neutrality
from grading.models import GradingSnapshot
from profiles.models import JobFamily
from profiles.neutrality import KIND_LABELS, criterion_factors
from profiles.selectors import catalogue_cache_key, family_full_queryset

CRITERIA_CACHE_SECONDS = 24 * 60 * 60  # the key holds the data version, so this only frees memory


def family_criterion_factors(family: JobFamily, *, key: tuple[int, str] | None = None) -> list[neutrality.CriterionFactors]:
    """The family's criteria with their factors and texts, read once per data version."""
    # The value is pickled CriterionFactors, which name their module: the key changed when they
    # moved out of grading.engine, so a shared Redis never hands old pickles to new code or back.
    key = catalogue_cache_key("neutrality-criterion-factors", family.pk, key=key)
    criteria = cache.get(key)
    if criteria is None:
        full = family_full_queryset().filter(pk=family.pk).first()
        criteria = criterion_factors(full) if full else []
        cache.set(key, criteria, CRITERIA_CACHE_SECONDS)
    return criteria


def neutrality_view(*, snapshot: GradingSnapshot | None, family: JobFamily | None = None,
                    key: tuple[int, str] | None = None) -> dict | None:
    """Per factor the sentences that address it beside what the family values; the questions
    for the HR adviser; the gendered forms. None when there is no text to read. `key` is the
    catalogue key when the caller read it already."""
    if snapshot is None or not (snapshot.text or "").strip():
        return None
    check = neutrality.check_text(snapshot.text)
    full = family
    comparison = neutrality.compare(check, family_criterion_factors(full, key=key) if full else [])
    rules = neutrality.load_rules()
    return {
        "family": full,
        "mapped": comparison.mapped,
        "rows": [
            {
                "key": row.factor.key,
                "label": row.factor.label,
                "sentences": [s.text for s in row.sentences],
                "aspects": [a.label for a in row.aspects if a.key != "general"],
                "criteria": list(row.criteria),
            }
            for row in comparison.rows
        ],
        "questions": [{"text": q.text, "soft": q.soft} for q in comparison.questions] if full else [],
        "gendered": [
            {"text": g.text, "alternative": g.alternative, "kind": g.kind, "kind_label": KIND_LABELS[g.kind],
             "count": g.count, "comment": g.comment}
            for g in check.gendered
        ],
        "sources": rules.sources,
    }
