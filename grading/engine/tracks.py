"""Tracks inside a family, and sections that add to a function.

A family such as Medewerker informatiebeheer / ICT / techniek holds parallel tracks: the source
marks them with group headings inside a level's cells ("Informatiebeheer", "ondersteunende ICT
werkzaamheden", "Technische werkzaamheden"), and not every track exists at every level. The
tracks are derived from those headings (headings at different levels that share a word belong to
one track) unless the family's `recognition:` block names them.

A school family's "Mediatheek werkzaamheden" is no track: it is a result area that adds to a
function at whatever level. The recognition block names such sections as `additions`.
"""

import re
from dataclasses import dataclass

from grading.engine.background import compound_vocabulary
from grading.engine.data import FamilyData
from grading.engine.lexicon import Lexicon, family_phrases, tokenize
from grading.engine.terms import text_terms
from grading.engine.text import STOP_STEMS, fold, split_compound

GENERIC_HEADING_WORDS = frozenset({"werkzam", "werkzaamheden", "taken", "taak", "overig", "overige", "algemen", "algemeen"})
PREFIX = 5  # "techniek" and "technische werkzaamheden" name one track


@dataclass(frozen=True)
class TrackIndex:
    name: str
    groups: frozenset[str]  # the element headings of this track
    start_rank: int  # the lowest level that has the track
    ranks: tuple[int, ...]  # the levels that have it
    terms: tuple[tuple[str, ...], ...] = ()  # phrases a role of this track uses


@dataclass(frozen=True)
class AdditionIndex:
    title: str
    items: tuple[frozenset[str], ...]  # the terms of each item of the section
    title_terms: frozenset[str]


def _heading_keys(heading: str) -> set[str]:
    head = heading.split(":", 1)[0]
    keys = set()
    for token in tokenize(head):
        if token.stem in STOP_STEMS or token.stem in GENERIC_HEADING_WORDS or len(token.stem) < 2:
            continue
        keys.add(token.stem[:PREFIX])
        keys.update(part[:PREFIX] for part in split_compound(token.word, compound_vocabulary()))
    return keys


def _heading_name(heading: str) -> str:
    head = " ".join(heading.split(":", 1)[0].split())
    return head[:1].upper() + head[1:]


def derive_tracks(family: FamilyData) -> list[tuple[str, list[str], list[int]]]:
    """(name, headings, ranks) per track, from the group headings inside the cells.

    A family has tracks when some cell holds elements under two or more headings that are not
    one track; headings at different levels that share a word (or its first letters) are one.
    """
    where: dict[str, set[int]] = {}
    parallel = False
    for level in family.levels:
        for cell in level.cells:
            own = [e.group for e in cell.elements if e.group and not e.inherited]
            for group in own:
                where.setdefault(group, set()).add(level.rank)
            if len(set(own)) >= 2:
                parallel = True
    if not parallel:
        return []
    clusters: list[dict] = []
    for heading in sorted(where, key=lambda h: (min(where[h]), h)):
        keys = _heading_keys(heading)
        home = next((c for c in clusters if c["keys"] & keys), None)
        if home is None:
            clusters.append({"keys": set(keys), "headings": [heading], "ranks": set(where[heading])})
        else:
            home["keys"] |= keys
            home["headings"].append(heading)
            home["ranks"] |= where[heading]
    if len(clusters) < 2:
        return []
    return [(_heading_name(c["headings"][0]), c["headings"], sorted(c["ranks"])) for c in clusters]


def family_tracks(family: FamilyData, lexicon: Lexicon) -> tuple[TrackIndex, ...]:
    recognition = family.recognition
    ranks_of: dict[str, set[int]] = {}
    for level in family.levels:
        for cell in level.cells:
            for element in cell.elements:
                if element.group and not element.inherited:
                    ranks_of.setdefault(fold(element.group), set()).add(level.rank)
    if recognition is not None and recognition.tracks is not None:
        tracks = []
        for track in recognition.tracks:
            groups = {g for g in ranks_of_groups(family) if fold(g) in {fold(x) for x in track.groups}}
            ranks = sorted({r for g in groups for r in ranks_of.get(fold(g), ())})
            tracks.append(
                TrackIndex(
                    name=track.name,
                    groups=frozenset(groups),
                    start_rank=ranks[0] if ranks else 1,
                    ranks=tuple(ranks),
                    terms=family_phrases(track.terms, lexicon),
                )
            )
        return tuple(tracks)
    return tuple(
        TrackIndex(name=name, groups=frozenset(headings), start_rank=ranks[0], ranks=tuple(ranks),
                   terms=family_phrases([name], lexicon))
        for name, headings, ranks in derive_tracks(family)
    )


def ranks_of_groups(family: FamilyData) -> set[str]:
    return {e.group for level in family.levels for cell in level.cells for e in cell.elements if e.group}


def family_additions(family: FamilyData, lexicon: Lexicon) -> tuple[AdditionIndex, ...]:
    recognition = family.recognition
    if recognition is None or not recognition.additions:
        return ()
    wanted = {fold(title).strip() for title in recognition.additions}
    additions = []
    for section in family.sections:
        if fold(section.title).strip() not in wanted:
            continue
        title = re.sub(r"\s*werkzaamheden\s*$", "", section.title, flags=re.IGNORECASE) or section.title
        additions.append(
            AdditionIndex(
                title=section.title,
                items=tuple(frozenset(text_terms(lexicon, item)) for item in section.items if item.strip()),
                title_terms=frozenset(text_terms(lexicon, title)),
            )
        )
    return tuple(additions)
