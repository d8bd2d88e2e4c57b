"""Writes of submissions: create, edit, grade, submit, review, return and settle.

Every service runs in one transaction, locks the submission row (`select_for_update`), checks the
version the caller's form carried, validates, and only then writes the change together with its
history line. Two HR advisers settling at once therefore never overwrite each other: the second
waits for the lock, then sees a new version (or a settled status) and gets `ConflictError`.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from functiewaardering.numbers import whole_number
from grading import decision_options, engine, matrix_excerpt
from grading.models import GradingSnapshot, Submission, SubmissionEvent
from grading.result_display import decided, decision_words
from grading.selectors import CatalogueRefs, catalogue_refs, engine_index
from grading.services.holder_list import holders_add, holders_replace, holders_words
from profiles.models import Grade, JobFamily
from profiles.catalogue.versions import release_for_data_version
from profiles.selectors import catalogue_key

MAX_WORDS = 20_000
MAX_CHARACTERS = 200_000  # about 20,000 Dutch words with their spaces; 8 MB of long "words" is not a text

TITLE_REQUIRED = "Geef de functie een titel."
TEXT_REQUIRED = "Geef een functiebeschrijving: plak de tekst of kies een bestand."
TEXT_TOO_LONG = "De beschrijving is te lang: ten hoogste 20.000 woorden en 200.000 tekens."
TEXT_WITHOUT_WORDS = (
    "De beschrijving bevat geen woorden, alleen leestekens of symbolen. Plak de tekst van de "
    "functiebeschrijving of kies een bestand."
)
UNKNOWN_CRITERION = "De vragenlijst bevat een criterium dat niet bij deze functiefamilie hoort."
UNKNOWN_LEVEL = "Een antwoord in de vragenlijst noemt een niveau dat deze functiefamilie niet heeft."
NOT_AUTHOR = "Alleen de leidinggevende die de aanvraag maakte, kan haar wijzigen of indienen."
NOT_EDITABLE = "Alleen een concept of een teruggestuurde aanvraag kan worden gewijzigd."
NOT_SUBMITTABLE = "Alleen een concept of een teruggestuurde aanvraag kan worden ingediend."
NOT_SUBMITTED = "Alleen een ingediende aanvraag kan in behandeling worden genomen."
NOT_RETURNABLE = "Alleen een ingediende aanvraag of een aanvraag in behandeling kan worden teruggestuurd."
NOT_IN_REVIEW = "Alleen een aanvraag die in behandeling is, kan worden vastgesteld."
SETTLED_IS_FINAL = "Een vastgestelde aanvraag kan niet opnieuw worden ingedeeld."
WITHDRAWN_IS_FINAL = "Een ingetrokken aanvraag kan niet opnieuw worden ingedeeld."
ANONYMISED_IS_FINAL = (
    "De functiebeschrijving van deze aanvraag is verwijderd (bewaartermijn of verzoek); ze kan niet "
    "opnieuw worden ingedeeld."
)
NOT_YOUR_REVIEW = (
    "Deze aanvraag is in behandeling bij een andere HR-adviseur. Neem haar eerst over als u haar "
    "wilt afhandelen."
)
OWN_REQUEST = (
    "U hebt deze aanvraag zelf ingediend en kunt haar daarom niet zelf behandelen of vaststellen; "
    "een andere HR-adviseur doet dat."
)
QUESTION_REQUIRED = "Schrijf de vraag die u aan de leidinggevende stelt."
MOTIVATION_REQUIRED = "Geef een motivering voor de vastgestelde indeling."
FAMILY_REQUIRED = "Kies de functiefamilie waarin de functie wordt ingedeeld, of „Buiten het functiehuis”."
FAMILY_AND_OUTSIDE = "Kies een functiefamilie óf „Buiten het functiehuis”, niet beide."
GRADE_REQUIRED = "Kies de vastgestelde schaal."
GRADE_NOT_IN_FAMILY = "De gekozen schaal hoort niet bij deze functiefamilie: kies een schaal van haar niveaus."
LEVEL_REQUIRED = "Kies het niveau binnen de functiefamilie; deze familie kent geen schalen."
LEVEL_NOT_IN_FAMILY = "Het gekozen niveau hoort niet bij deze functiefamilie."
GRADE_NOT_OFFERED = "De gekozen schaal hoort niet bij een waarderingssysteem dat hier kan worden gekozen."
GRADE_NOT_OWN = "Kies een schaal van het waarderingssysteem van de organisatie."
FOREIGN_LEVEL_REQUIRED = (
    "Deze functiefamilie hoort bij een ander waarderingssysteem dan dat van de organisatie: kies ook "
    "het niveau binnen de familie."
)
STALE_VERSION = (
    "Deze aanvraag is intussen door iemand anders gewijzigd. Uw wijziging is niet opgeslagen; "
    "bekijk de nieuwe stand hieronder en probeer het zo nodig opnieuw."
)
ALREADY_SETTLED = (
    "Deze aanvraag is intussen al vastgesteld door een andere HR-adviseur. Uw besluit is niet "
    "opgeslagen; het vastgestelde besluit staat hieronder."
)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A character that shows something: not blank space and not an invisible format character
# (zero-width space and joiners, word joiner, byte order mark, soft hyphen, direction marks).
VISIBLE = re.compile(
    r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U000e0000-\U000e0fff]"
)
WORD_CHARACTER = re.compile(r"[^\W_]")  # a letter or a digit, in any script


class ConflictError(ValidationError):
    """Someone else changed the submission first; nothing was written."""


def normalize_text(text: str) -> str:
    """Line ends as \\n, no control characters, no surrounding blank space.

    Done before grading and storing, so the engine's character offsets fit the stored text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub("", text).strip()


def word_count(text: str) -> int:
    return len(text.split())


def validate_role_text(text: str) -> str:
    """The normalized text, or a ValidationError with one Dutch message.

    Markup is not refused: "Budget < 5.000 euro" and "<style guide>" are ordinary text, and every
    page and PDF escapes the text it shows. Each check is one linear pass, whatever the input.
    """
    text = normalize_text(text or "")
    if not VISIBLE.search(text):
        raise ValidationError(TEXT_REQUIRED, code="required")
    if len(text) > MAX_CHARACTERS or word_count(text) > MAX_WORDS:
        raise ValidationError(TEXT_TOO_LONG, code="too_long")
    if not WORD_CHARACTER.search(text):
        raise ValidationError(TEXT_WITHOUT_WORDS, code="no_words")
    return text


def validate_title(title: str) -> str:
    title = " ".join(normalize_text(title or "").split())
    if not VISIBLE.search(title):
        raise ValidationError(TITLE_REQUIRED, code="required")
    return title


def validate_answers(*, family: JobFamily | None, answers: dict | None) -> dict[str, int]:
    if not answers:
        return {}
    if family is None:
        raise ValidationError(UNKNOWN_CRITERION)
    criteria = set(family.criteria.values_list("key", flat=True))
    ranks = set(family.levels.values_list("rank", flat=True))
    clean = {}
    for key, rank in answers.items():
        if key not in criteria:
            raise ValidationError(UNKNOWN_CRITERION)
        rank = rank if type(rank) is int else whole_number(rank)
        if rank not in ranks:
            raise ValidationError(UNKNOWN_LEVEL)
        clean[key] = rank
    return clean


def _lock(submission: Submission, version: int | None) -> Submission:
    """The submission's row, locked until the transaction ends, checked against the form's version.

    The no-op UPDATE comes first on purpose. On PostgreSQL it takes the row lock like
    select_for_update; on SQLite it makes the transaction a writer at once, so a second writer
    waits its turn instead of failing with "database is locked" when it upgrades from reading.
    """
    Submission.objects.filter(pk=submission.pk).update(version=F("version"))
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if version is not None and locked.version != version:
        if locked.status == Submission.Status.SETTLED:
            raise ConflictError(ALREADY_SETTLED, code="conflict")
        raise ConflictError(STALE_VERSION, code="conflict")
    return locked


def _save(submission: Submission) -> None:
    """Save the locked row with a new version."""
    submission.version += 1
    submission.full_clean()
    submission.save()


def _log(submission: Submission, *, kind: str, by, from_status: str, comment: str = "",
         grade: Grade | None = None, snapshot: GradingSnapshot | None = None, decision: str = "") -> SubmissionEvent:
    return SubmissionEvent.objects.create(
        submission=submission, kind=kind, actor=by, from_status=from_status,
        to_status=submission.status, comment=comment, grade=grade, snapshot=snapshot, decision=decision,
    )


@dataclass(frozen=True)
class EngineRun:
    """An engine result with what it was graded against: the data version and the matrix rows."""

    result: engine.GradingResult
    matrix_excerpt: dict
    catalogue_version: int
    refs: CatalogueRefs


def _run_engine(*, text: str, family: JobFamily | None, answers: dict) -> EngineRun:
    key = catalogue_key()  # read once: the index, the excerpt and the stored verdict share it
    index = engine_index(key=key)
    refs = catalogue_refs(key=key)
    # The organisation's system is the setting: a family of another system shows no grade as the role's.
    result = engine.grade(
        text, index, family=family.slug if family else None, answers=answers or None, setting=refs.organisation_system,
    )
    graded_family = index.families[result.family].family if result.family in index.families else None
    grade_names = refs.grade_names.get(graded_family.grading_system, {}) if graded_family else {}
    return EngineRun(
        result=result,
        matrix_excerpt=matrix_excerpt.excerpt(family=graded_family, rank=result.level_rank, grade_names=grade_names),
        catalogue_version=key[0],
        refs=refs,
    )


def _apply_verdict(submission: Submission, run: EngineRun) -> None:
    """Copy the run's family, grade and position onto the submission (unsaved), by id.

    The ids come from the same data version as the run, so no catalogue row is read here."""
    result = run.result
    family_id = grade_id = None
    if result.family and result.level_rank:
        if (result.family, result.level_rank) in run.refs.grade_ids:  # else the level is gone: neither
            family_id = run.refs.family_ids.get(result.family)
            # A grade of another system than the role's is never its indication, in no list either.
            grade_id = None if result.system_mismatch else run.refs.grade_ids[(result.family, result.level_rank)]
    elif result.family:
        family_id = run.refs.family_ids.get(result.family)
    submission.indicative_family_id = family_id
    submission.indicative_grade_id = grade_id
    submission.indicative_position = str(result.position)
    submission.indicative_certainty = result.certainty or ""


def _store_result(submission: Submission, run: EngineRun, *, by) -> GradingSnapshot:
    """Keep an engine run as a new snapshot and copy its verdict onto the submission (unsaved)."""
    result = run.result
    snapshot = GradingSnapshot.objects.create(
        submission=submission,
        text=submission.text,
        family_slug=submission.family.slug if submission.family_id else "",
        answers=submission.answers or {},
        result=result.as_dict(),
        engine_version=result.engine_version,
        catalogue_version=run.catalogue_version,
        matrix_excerpt=run.matrix_excerpt,
        created_by=by,
    )
    _apply_verdict(submission, run)
    return snapshot


def _grade(submission: Submission, *, by) -> GradingSnapshot:
    """Run the engine on the submission as it stands and keep the result as a new snapshot."""
    run = _run_engine(text=submission.text, family=submission.family, answers=submission.answers)
    return _store_result(submission, run, by=by)


def _require_author(submission: Submission, by) -> None:
    if submission.author_id != by.pk:
        raise ValidationError(NOT_AUTHOR, code="not_author")


def _require_not_author(submission: Submission, by) -> None:
    """Nobody decides on a request he wrote himself (a manager who is also an HR adviser)."""
    if submission.author_id == by.pk:
        raise ValidationError(OWN_REQUEST, code="own_request")


def _require_reviewer(submission: Submission, by) -> None:
    """A request in review is settled, returned and handed over by the adviser who has it."""
    if submission.status == Submission.Status.IN_REVIEW and submission.reviewer_id != by.pk:
        raise ValidationError(NOT_YOUR_REVIEW, code="not_reviewer")


def submission_create(
    *, title: str, text: str, author: AbstractBaseUser, family: JobFamily | None = None,
    answers: dict | None = None, holders: list[tuple[str, str]] | None = None,
) -> Submission:
    """Store a manager's role description as a concept and grade it at once.

    Validation and the engine run come before the transaction, so the write itself is short.
    """
    submission = Submission(
        title=validate_title(title),
        text=validate_role_text(text),
        author=author,
        family=family,
        answers=validate_answers(family=family, answers=answers),
        status=Submission.Status.DRAFT,
    )
    submission.full_clean(exclude=["author", "family"])  # model instances from the caller, not input
    run = _run_engine(text=submission.text, family=family, answers=submission.answers)
    return _create(submission, run, holders=holders or [])


@transaction.atomic
def _create(submission: Submission, run: EngineRun, *, holders: list[tuple[str, str]]) -> Submission:
    _apply_verdict(submission, run)  # before the insert, so the row is written once
    submission.save()
    holders_add(submission, holders)
    snapshot = _store_result(submission, run, by=submission.author)
    _log(submission, kind=SubmissionEvent.Kind.CREATED, by=submission.author, from_status="", snapshot=snapshot)
    return submission


@transaction.atomic
def submission_update(
    *, submission: Submission, by: AbstractBaseUser, title: str, text: str,
    family: JobFamily | None = None, answers: dict | None = None, version: int | None = None,
    holders: list[tuple[str, str]] | None = None,
) -> Submission:
    """The manager changes a concept or a returned request; it is graded again. `holders` None
    leaves the function holders as they are."""
    locked = _lock(submission, version)
    _require_author(locked, by)
    if not locked.is_editable():
        raise ValidationError(NOT_EDITABLE, code="status")
    locked.title = validate_title(title)
    locked.text = validate_role_text(text)
    locked.family = family
    locked.answers = validate_answers(family=family, answers=answers)
    snapshot = _grade(locked, by=by)
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.EDITED, by=by, from_status=locked.status, snapshot=snapshot)
    if holders is not None and holders_replace(locked, holders):
        _log(locked, kind=SubmissionEvent.Kind.HOLDERS, by=by, from_status=locked.status, comment=holders_words(holders))
    submission.refresh_from_db()
    return submission


def _catalogue_moved(previous: GradingSnapshot | None, current: GradingSnapshot) -> str:
    """A sentence for the history when the published catalogue changed between two gradings."""
    before = release_for_data_version(previous.catalogue_version) if previous else None
    after = release_for_data_version(current.catalogue_version)
    if before is None or after is None or before.number == after.number:
        return ""
    return f" De catalogus is sinds de vorige indeling gewijzigd: versie {before.number} is nu versie {after.number}."


@transaction.atomic
def submission_regrade(
    *, submission: Submission, by: AbstractBaseUser, version: int | None = None
) -> GradingSnapshot:
    """Grade the same text again (e.g. after an engine update); the earlier results are kept."""
    locked = _lock(submission, version)
    if locked.status == Submission.Status.SETTLED:
        raise ValidationError(SETTLED_IS_FINAL, code="status")
    if locked.status == Submission.Status.WITHDRAWN:
        raise ValidationError(WITHDRAWN_IS_FINAL, code="status")
    if locked.anonymised_at is not None:
        raise ValidationError(ANONYMISED_IS_FINAL, code="anonymised")
    previous = locked.latest_snapshot()
    snapshot = _grade(locked, by=by)
    _save(locked)
    comment = f"Engineversie {snapshot.engine_version}." + _catalogue_moved(previous, snapshot)
    _log(locked, kind=SubmissionEvent.Kind.REGRADED, by=by, from_status=locked.status,
         comment=comment, snapshot=snapshot)
    submission.refresh_from_db()
    return snapshot


@transaction.atomic
def submission_submit(
    *, submission: Submission, by: AbstractBaseUser, comment: str = "", version: int | None = None
) -> Submission:
    """The manager hands the request to HR (again, with an answer, after a question)."""
    locked = _lock(submission, version)
    _require_author(locked, by)
    if not locked.is_editable():
        raise ValidationError(NOT_SUBMITTABLE, code="status")
    from_status = locked.status
    locked.status = Submission.Status.SUBMITTED
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.SUBMITTED, by=by, from_status=from_status,
         comment=normalize_text(comment))
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_take_in_review(
    *, submission: Submission, by: AbstractBaseUser, version: int | None = None
) -> Submission:
    locked = _lock(submission, version)
    if locked.status != Submission.Status.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="status")
    _require_not_author(locked, by)
    locked.status = Submission.Status.IN_REVIEW
    locked.reviewer = by
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.TAKEN, by=by, from_status=Submission.Status.SUBMITTED)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_return(
    *, submission: Submission, by: AbstractBaseUser, question: str, version: int | None = None
) -> Submission:
    """Send the request back to its manager with a question."""
    locked = _lock(submission, version)
    if locked.status not in (Submission.Status.SUBMITTED, Submission.Status.IN_REVIEW):
        raise ValidationError(NOT_RETURNABLE, code="status")
    _require_reviewer(locked, by)
    question = normalize_text(question or "")
    if not question:
        raise ValidationError(QUESTION_REQUIRED, code="required")
    from_status = locked.status
    locked.status = Submission.Status.RETURNED
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.RETURNED, by=by, from_status=from_status, comment=question)
    submission.refresh_from_db()
    return submission


@dataclass(frozen=True)
class Decision:
    """What the adviser chose, checked: the family (None outside the functiehuis), the grade, and
    for a family without grades its level with the family's number of levels."""

    family: JobFamily | None
    outside: bool
    grade: Grade | None
    level_rank: int | None
    level_count: int | None


def validate_decision(*, family: JobFamily | None, outside: bool, grade: Grade | None,
                      level_rank: int | None, systems=None, organisation_system=None) -> Decision:
    """The decision exactly as chosen, or a ValidationError: nothing is filled in for the adviser.
    `organisation_system` is the organisation's own (`decision_options.decision_system`): outside
    the functiehuis and in a family of another system, the grade is one of its grades."""
    if family is not None and outside:
        raise ValidationError(FAMILY_AND_OUTSIDE, code="family")
    if organisation_system is not None and outside:
        systems = [organisation_system]
    if decision_options.is_foreign(family, organisation_system):
        return _foreign_decision(family, grade, level_rank, organisation_system)
    if outside:
        if grade is None:
            raise ValidationError(GRADE_REQUIRED, code="required")
        if not decision_options.outside_grades(systems=systems).filter(pk=grade.pk).exists():
            raise ValidationError(GRADE_NOT_OFFERED, code="grade")
        if level_rank is not None:
            raise ValidationError(LEVEL_NOT_IN_FAMILY, code="level")
        return Decision(None, True, grade, None, None)
    if family is None:
        raise ValidationError(FAMILY_REQUIRED, code="required")
    levels = decision_options.family_levels(family)
    if levels.has_grades:
        if grade is None:
            raise ValidationError(GRADE_REQUIRED, code="required")
        level = levels.level_with_grade(grade)
        if level is None or (level_rank is not None and level_rank != level.rank):
            raise ValidationError(GRADE_NOT_IN_FAMILY, code="grade")
        return Decision(family, False, grade, level.rank, len(levels.levels))
    if grade is not None:
        raise ValidationError(GRADE_NOT_IN_FAMILY, code="grade")
    if level_rank is None:
        raise ValidationError(LEVEL_REQUIRED, code="required")
    if levels.level(level_rank) is None:
        raise ValidationError(LEVEL_NOT_IN_FAMILY, code="level")
    return Decision(family, False, None, level_rank, len(levels.levels))


def _foreign_decision(family: JobFamily, grade: Grade | None, level_rank: int | None, organisation_system) -> Decision:
    """A family of another system: its level, and a grade of the organisation's own system."""
    if grade is None:
        raise ValidationError(GRADE_REQUIRED, code="required")
    if grade.system_id != organisation_system.pk:
        raise ValidationError(GRADE_NOT_OWN, code="grade")
    if level_rank is None:
        raise ValidationError(FOREIGN_LEVEL_REQUIRED, code="required")
    levels = decision_options.family_levels(family)
    if levels.level(level_rank) is None:
        raise ValidationError(LEVEL_NOT_IN_FAMILY, code="level")
    return Decision(family, False, grade, level_rank, len(levels.levels))


@transaction.atomic
def submission_settle(
    *, submission: Submission, by: AbstractBaseUser, motivation: str, grade: Grade | None = None,
    family: JobFamily | None = None, outside: bool = False, level_rank: int | None = None,
    effective_date: datetime.date | None = None, version: int | None = None,
) -> Submission:
    """An HR adviser settles the grade, with a motivation and the date it takes effect.

    What is stored is exactly what the adviser chose (`validate_decision`): a family is never taken
    from the engine or the manager. The decision stands until an adviser reopens it after a bezwaar
    (see `review`)."""
    locked = _lock(submission, version)
    if locked.status == Submission.Status.SETTLED:
        raise ConflictError(ALREADY_SETTLED, code="conflict")
    if locked.status != Submission.Status.IN_REVIEW:
        raise ValidationError(NOT_IN_REVIEW, code="status")
    _require_not_author(locked, by)
    _require_reviewer(locked, by)
    motivation = normalize_text(motivation or "")
    if not motivation:
        raise ValidationError(MOTIVATION_REQUIRED, code="required")
    decision = validate_decision(family=family, outside=outside, grade=grade, level_rank=level_rank,
                                 organisation_system=decision_options.decision_system())
    # The form makes the adviser choose; a caller without a date settles as of today.
    locked.effective_date = effective_date or timezone.localdate()
    locked.status = Submission.Status.SETTLED
    locked.final_family = decision.family
    locked.final_outside = decision.outside
    locked.final_grade = decision.grade
    locked.final_level_rank = decision.level_rank  # the level of the grade, or the level itself
    locked.final_level_count = decision.level_count
    locked.motivation = motivation
    locked.settled_by = by
    if locked.settled_at is not None:  # a new decision after an objection: its letters are still to go out
        locked.holders.update(letter_sent_on=None, letter_received_on=None)  # the history keeps the earlier
    locked.settled_at = timezone.now()
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.SETTLED, by=by, from_status=Submission.Status.IN_REVIEW,
         comment=motivation, grade=decision.grade, decision=decision_words(decided(locked)))
    submission.refresh_from_db()
    return submission
