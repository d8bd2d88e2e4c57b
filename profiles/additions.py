"""Which of a level's own elements distinguish it from the level below.

An element is an addition when its text is not in the level below's cell for the same
criterion (that cell's inherited text included). Sources such as the DIV/ICT family repeat the
lower scale's bullets; this makes the new ones stand out without changing the source's words.
"""

from profiles.models import Cell, Element, JobFamily


def normalise(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".;:, ")


def effective_texts(cells_by_rank: dict[int, dict[int, Cell]], rank: int, criterion_id: int) -> list[str]:
    """The texts a cell shows: those it inherits from below followed by its own."""
    cell = cells_by_rank.get(rank, {}).get(criterion_id)
    if cell is None:
        return []
    own = [element.text for element in cell.elements.all()]
    if cell.inherits:
        return effective_texts(cells_by_rank, rank - 1, criterion_id) + own
    return own


def recompute_additions(family: JobFamily) -> None:
    cells = Cell.objects.filter(level__family=family).select_related("level").prefetch_related("elements")
    cells_by_rank: dict[int, dict[int, Cell]] = {}
    for cell in cells:
        cells_by_rank.setdefault(cell.level.rank, {})[cell.criterion_id] = cell
    changed = []
    for rank, by_criterion in cells_by_rank.items():
        for criterion_id, cell in by_criterion.items():
            below = {normalise(t) for t in effective_texts(cells_by_rank, rank - 1, criterion_id)}
            for element in cell.elements.all():
                is_addition = normalise(element.text) not in below
                if element.is_addition != is_addition:
                    element.is_addition = is_addition
                    changed.append(element)
    Element.objects.bulk_update(changed, ["is_addition"])
