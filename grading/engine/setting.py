"""The setting a role text names, and whether it grades by the family's grading system.

Which settings use which grading system is data (fixtures/grading_systems.yaml, `settings:`),
handed to the engine as SystemData on each family. A setting shows in two ways: a phrase that
names it ("cao Gemeenten", "ziekenhuis") or the name of an employer of its kind ("Gemeente
Utrecht"). When the text's setting grades by another system than the family's, the result still
names the family and its level, but the family's grade belongs to the family's system, not to
the role: grades of different systems are never converted.
"""

from dataclasses import dataclass
from functools import lru_cache

from grading.engine.lexicon import find_phrases, phrase_stems
from grading.engine.text import fold


@dataclass(frozen=True)
class SettingData:
    name: str
    terms: tuple[str, ...] = ()  # phrases that name the setting anywhere in a text
    employers: tuple[str, ...] = ()  # kinds of employer whose name shows the setting


@dataclass(frozen=True)
class SystemData:
    code: str
    name: str
    settings: tuple[SettingData, ...] = ()

    @classmethod
    def from_dict(cls, code: str, name: str, settings: list | None) -> "SystemData":
        return cls(code, name, tuple(
            SettingData(s["name"], tuple(s.get("terms") or ()), tuple(s.get("employers") or ()))
            for s in settings or ()
        ))


@dataclass(frozen=True)
class SettingFound:
    system: SystemData
    setting: str  # the setting's name
    words: tuple[str, ...]  # what in the text showed it
    hits: int


@lru_cache(maxsize=1024)
def _setting_words(setting: SettingData) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """A setting's phrases as stems and its employer kinds folded: read once, not per text."""
    return tuple(p for p in (phrase_stems(t) for t in setting.terms) if p), tuple(fold(e) for e in setting.employers)


def settings_named(tokens, employer_kinds: set[str], systems: tuple[SystemData, ...], text: str) -> list[SettingFound]:
    """Per system with any hit, the setting the text names and how strongly (distinct hits)."""
    found = []
    for system in systems:
        best = None
        for setting in system.settings:
            phrases, kinds = _setting_words(setting)
            words = {text[tokens[start].start:tokens[end - 1].end] for _, start, end in find_phrases(tokens, phrases)}
            words |= {kind for kind in kinds if kind in employer_kinds}
            if words and (best is None or len(words) > best.hits):
                best = SettingFound(system, setting.name, tuple(sorted(words)), len(words))
        if best:
            found.append(best)
    return sorted(found, key=lambda f: (-f.hits, f.system.code))


def system_mismatch(family_system: str | None, found: list[SettingFound]) -> SettingFound | None:
    """The setting of another system that the text names more clearly than any setting of the
    family's own system; None when the family has no system or the text agrees with it."""
    if family_system is None or not found:
        return None
    own = next((f.hits for f in found if f.system.code == family_system), 0)
    best = found[0]
    if best.system.code != family_system and best.hits > own:
        return best
    return None


def organisation_system(code: str, systems: tuple[SystemData, ...]) -> SystemData:
    """The grading system the organisation grades by, as the families know it (by code)."""
    return next((s for s in systems if s.code == code), SystemData(code, code))
