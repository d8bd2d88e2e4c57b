"""Reads for pay transparency: the gender-neutrality check of a family's own texts, the overview
of every family, and the employee's criteria page (EU directive 2023/970, articles 4 to 7).

Works on families from `family_full_queryset()`; the check itself is the package grading/neutrality/.
"""

from django.core.cache import cache

from grading import neutrality
from profiles.models import Grade, JobFamily
from profiles.selectors import catalogue_cache_key, family_full_queryset, level_matrix

SUMMARY_CACHE_SECONDS = 24 * 60 * 60  # keyed on the catalogue version: this only frees memory
KIND_LABELS = {"title": "functietitel", "pronoun": "voornaamwoord", "note": "voorbehoud van de bron"}


def criterion_factors(family: JobFamily) -> list[neutrality.CriterionFactors]:
    """Each criterion with its factors (from the family file) and the texts of its cells."""
    texts: dict[int, list[str]] = {c.id: [] for c in family.criteria.all()}
    for level in family.levels.all():
        for cell in level.cells.all():
            texts.setdefault(cell.criterion_id, []).extend(e.text for e in cell.elements.all())
    return [
        neutrality.CriterionFactors(c.name, tuple(c.factors or ()), tuple(texts.get(c.id, ())))
        for c in family.criteria.all()
    ]


def family_texts(family: JobFamily) -> list[tuple[str, str]]:
    """Every text of the family with where it stands, in the order of the family page."""
    texts = [("Naam", family.name), ("Kern van de functie", family.core)]
    texts += [(f"Functies: {f.name}", f.name) for f in family.functions.all()]
    for note in family.context_notes.all():
        texts.append((f"Achtergrond: {note.title}", note.text))
    for section in family.sections.all():
        texts.append((section.title, section.intro))
        texts += [(section.title, item.text) for item in section.items.all()]
    criteria = {c.id: c.name for c in family.criteria.all()}
    for level in family.levels.all():
        texts += [(level.name, level.name), (f"{level.name}: omschrijving", level.description)]
        texts.append((f"{level.name}: eisen", level.requirements))
        for cell in level.cells.all():
            place = f"{level.name}, {criteria.get(cell.criterion_id, '')}"
            texts += [(place, e.text) for e in cell.elements.all()]
    return [(place, text) for place, text in texts if text and text.strip()]


def check_sources() -> dict[str, dict]:
    """The sources the check names (directive, EIGE, IGVM), for the limits text."""
    return neutrality.load_rules().sources


def family_summary(family: JobFamily) -> dict:
    """What the family page shows under "Sekseneutraliteit"."""
    summary = neutrality.family_summary(family_texts(family), criterion_factors(family))
    rules = neutrality.load_rules()
    gendered = [
        {
            "place": item.place,
            "text": item.finding.text,
            "alternative": item.finding.alternative,
            "kind": item.finding.kind,
            "kind_label": KIND_LABELS[item.finding.kind],
            "count": item.finding.count,
            "comment": item.finding.comment,
        }
        for item in summary.gendered
    ]
    rows = [
        {
            "key": row.factor.key,
            "label": row.factor.label,
            "short": row.factor.short,
            "criteria": list(row.criteria),
            "aspects": [{"label": aspect.label, "criterion": value.criterion, "element": value.element}
                        for aspect, value in row.family_aspects if aspect.key != "general"],
        }
        for row in summary.rows
    ]
    return {
        "mapped": summary.mapped,
        "gendered": gendered,
        "notes": [g for g in gendered if g["kind"] == "note"],
        "forms": [g for g in gendered if g["kind"] != "note"],
        "rows": rows,
        "unvalued": [f.label for f in summary.unvalued],
        "unvalued_short": [f.short.lower() for f in summary.unvalued],
        "soft": [{"label": aspect.label, "place": place} for aspect, place in summary.soft_in_texts_only],
        "sources": rules.sources,
    }


def family_summary_cached(family: JobFamily) -> dict:
    key = catalogue_cache_key("neutrality-summary", family.slug)
    summary = cache.get(key)
    if summary is None:
        summary = family_summary(family)
        cache.set(key, summary, SUMMARY_CACHE_SECONDS)
    return summary


def neutrality_overview() -> list[dict]:
    """One row per family for the functional administrator's overview page."""
    rows = []
    for family in family_full_queryset().order_by("name"):
        summary = family_summary_cached(family)
        rows.append(
            {
                "family": family,
                "forms": len(summary["forms"]),
                "notes": len(summary["notes"]),
                "mapped": summary["mapped"],
                "factors": [{"label": r["short"], "valued": bool(r["criteria"])} for r in summary["rows"]],
                "unvalued": summary["unvalued_short"],
                "soft": summary["soft"],
            }
        )
    return rows


# --- the employee's page of criteria (article 7) ----------------------------------------------


def salary_range(grade: Grade | None) -> dict | None:
    """A grade's pay range, only when a source is stored with it (articles 5 and 6)."""
    if grade is None or not grade.salary_source or grade.salary_min is None:
        return None
    return {
        "min": grade.salary_min,
        "max": grade.salary_max,
        "period": grade.salary_period,
        "source": grade.salary_source,
        "url": grade.salary_source_url,
        "date": grade.salary_date,
    }


def family_criteria(*, slug: str) -> dict | None:
    """Per level: its grade, what it asks per criterion, and what the next level adds."""
    family = family_full_queryset().filter(slug=slug).first()
    if family is None:
        return None
    matrix = level_matrix(family)
    levels = []
    for index, row in enumerate(matrix):
        level = row["level"]
        above = matrix[index + 1] if index + 1 < len(matrix) else None
        asks = [
            {"criterion": cell["criterion"].name, "elements": [e for e in cell["elements"]]}
            for cell in row["cells"]
            if cell["elements"]
        ]
        adds = []
        if above is not None:
            for cell in above["cells"]:
                own = [e for e in cell["elements"] if not e["inherited"] and e["added"]]
                if own:
                    adds.append({"criterion": cell["criterion"].name, "elements": own})
        levels.append(
            {
                "level": level,
                "grade": level.grade if level.grade_id else None,
                "salary": salary_range(level.grade if level.grade_id else None),
                "asks": asks,
                "next": above["level"] if above else None,
                "adds": adds,
            }
        )
    return {"family": family, "levels": levels, "sources": neutrality.load_rules().sources}
