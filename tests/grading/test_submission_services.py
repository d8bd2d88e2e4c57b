import pytest
from django.core.exceptions import ValidationError

from grading.models import GradingSnapshot, Submission, SubmissionEvent
from grading.services import submissions
from grading.services.submissions import (
    ALREADY_SETTLED,
    FAMILY_REQUIRED,
    GRADE_NOT_IN_FAMILY,
    GRADE_REQUIRED,
    MOTIVATION_REQUIRED,
    NOT_AUTHOR,
    NOT_EDITABLE,
    NOT_IN_REVIEW,
    NOT_RETURNABLE,
    NOT_SUBMITTABLE,
    NOT_SUBMITTED,
    QUESTION_REQUIRED,
    SETTLED_IS_FINAL,
    STALE_VERSION,
    TEXT_REQUIRED,
    TEXT_TOO_LONG,
    TEXT_WITHOUT_WORDS,
    TITLE_REQUIRED,
    UNKNOWN_CRITERION,
    UNKNOWN_LEVEL,
    ConflictError,
)
from profiles.models import Grade, JobFamily, Level
from tests.factory import ROLE_TEXT, make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status
K = SubmissionEvent.Kind


@pytest.fixture
def secretary(catalogue):
    return JobFamily.objects.get(slug="ambtelijk-secretaris")


@pytest.fixture
def fg50():
    return Grade.objects.get(system__code="fwg", code="FG50")


def kinds(submission):
    return [(e.kind, e.from_status, e.to_status) for e in submission.events.order_by("id")]


def test_create_stores_a_graded_concept_with_a_snapshot_and_a_history_line(manager, secretary):
    submission = submissions.submission_create(title="Secretaris", text=ROLE_TEXT, author=manager, family=secretary)
    assert submission.status == S.DRAFT and submission.version == 1
    snapshot = submission.snapshots.get()
    assert snapshot.text == ROLE_TEXT and snapshot.family_slug == "ambtelijk-secretaris"
    assert snapshot.result["family"] == "ambtelijk-secretaris" and snapshot.engine_version
    assert submission.indicative_family == secretary
    assert kinds(submission) == [(K.CREATED, "", S.DRAFT)]
    assert submission.events.get().snapshot == snapshot


def test_create_writes_the_request_once_and_reads_only_the_catalogue_key(manager, django_assert_max_num_queries):
    submissions.submission_create(title="Eerste", text=ROLE_TEXT, author=manager)  # fills the caches
    # the key; a savepoint around three inserts (submission, snapshot, history line)
    with django_assert_max_num_queries(6):
        submission = submissions.submission_create(title="Tweede", text=ROLE_TEXT, author=manager)
    level = Level.objects.get(family=submission.indicative_family, rank=submission.latest_snapshot().result["level_rank"])
    assert submission.indicative_grade == level.grade


def test_the_indicative_grade_follows_a_catalogue_change(manager, secretary):
    first = submissions.submission_create(title="Eerste", text=ROLE_TEXT, author=manager, family=secretary)
    rank = first.latest_snapshot().result["level_rank"]
    level = Level.objects.get(family=secretary, rank=rank)
    other = Grade.objects.filter(system=level.grade.system).exclude(pk=level.grade_id).first()
    level.grade = other
    level.save()  # moves the data version
    second = submissions.submission_create(title="Tweede", text=ROLE_TEXT, author=manager, family=secretary)
    assert second.latest_snapshot().result["level_rank"] == rank
    assert Submission.objects.get(pk=second.pk).indicative_grade == other
    assert Submission.objects.get(pk=first.pk).indicative_grade != other


def test_create_passes_the_answers_to_the_engine(manager, secretary):
    submission = submissions.submission_create(
        title="Secretaris", text=ROLE_TEXT, author=manager, family=secretary, answers={"kerntaken": 2}
    )
    criteria = {c["key"]: c for c in submission.latest_snapshot().result["criteria"]}
    assert submission.answers == {"kerntaken": 2}
    assert criteria["kerntaken"]["answered"] is True


def test_create_normalizes_line_ends_and_control_characters(manager):
    submission = submissions.submission_create(title="  Secretaris \x00", text="Notuleert.\r\nArchiveert.\x07 ", author=manager)
    assert submission.title == "Secretaris" and submission.text == "Notuleert.\nArchiveert."


@pytest.mark.parametrize(
    "title, text, message",
    [
        ("Secretaris", "   \n ", TEXT_REQUIRED),
        ("", ROLE_TEXT, TITLE_REQUIRED),
        ("Secretaris", "woord " * 20_001, TEXT_TOO_LONG),
        ("Secretaris", "<<< >>>", TEXT_WITHOUT_WORDS),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(manager, title, text, message):
    with pytest.raises(ValidationError) as error:
        submissions.submission_create(title=title, text=text, author=manager)
    assert error.value.messages == [message]
    assert not Submission.objects.exists() and not GradingSnapshot.objects.exists()


def test_harmless_angle_brackets_are_kept_as_text(manager):
    text = "Werkt met <b>vet</b> gedrukte notulen en budgetten < 5000 euro."
    assert submissions.submission_create(title="Secretaris", text=text, author=manager).text == text


@pytest.mark.parametrize("answers, message", [
    ({"bestaat-niet": 1}, UNKNOWN_CRITERION), ({"kerntaken": 9}, UNKNOWN_LEVEL),
    ({"kerntaken": "\u0661"}, UNKNOWN_LEVEL), ({"kerntaken": " 1"}, UNKNOWN_LEVEL), ({"kerntaken": True}, UNKNOWN_LEVEL),
])
def test_create_refuses_answers_that_do_not_fit_the_family(manager, secretary, answers, message):
    with pytest.raises(ValidationError) as error:
        submissions.submission_create(title="S", text=ROLE_TEXT, author=manager, family=secretary, answers=answers)
    assert error.value.messages == [message]


def fg50_family():
    return JobFamily.objects.get(slug="ambtelijk-secretaris")


def test_the_whole_road_writes_a_history_line_for_every_transition(manager, adviser, secretary, fg50):
    submission = make_submission(author=manager, family=secretary)
    submissions.submission_submit(submission=submission, by=manager)
    submissions.submission_return(submission=submission, by=adviser, question="Wie stuurt de secretaris aan?")
    submissions.submission_update(submission=submission, by=manager, title="Secretaris OR", text=ROLE_TEXT + " Zij stuurt niemand aan.", family=secretary)
    submissions.submission_submit(submission=submission, by=manager, comment="De voorzitter.")
    submissions.submission_take_in_review(submission=submission, by=adviser)
    submissions.submission_regrade(submission=submission, by=adviser)
    submissions.submission_settle(submission=submission, by=adviser, family=secretary, grade=fg50, motivation="Past bij FG 50.")
    assert kinds(submission) == [
        (K.CREATED, "", S.DRAFT),
        (K.SUBMITTED, S.DRAFT, S.SUBMITTED),
        (K.RETURNED, S.SUBMITTED, S.RETURNED),
        (K.EDITED, S.RETURNED, S.RETURNED),
        (K.SUBMITTED, S.RETURNED, S.SUBMITTED),
        (K.TAKEN, S.SUBMITTED, S.IN_REVIEW),
        (K.REGRADED, S.IN_REVIEW, S.IN_REVIEW),
        (K.SETTLED, S.IN_REVIEW, S.SETTLED),
    ]
    events = list(submission.events.order_by("id"))
    assert [e.actor for e in events] == [manager, manager, adviser, manager, manager, adviser, adviser, adviser]
    assert events[2].comment == "Wie stuurt de secretaris aan?" and events[4].comment == "De voorzitter."
    assert events[7].comment == "Past bij FG 50." and events[7].grade == fg50
    assert submission.status == S.SETTLED and submission.final_grade == fg50 and submission.final_family == secretary
    assert submission.settled_by == adviser and submission.reviewer == adviser and submission.version == 8


def test_a_regrade_adds_a_snapshot_and_keeps_the_earlier_one(manager, adviser):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    first = submission.latest_snapshot()
    second = submissions.submission_regrade(submission=submission, by=adviser)
    assert list(submission.snapshots.order_by("id")) == [first, second]
    first.refresh_from_db()
    assert first.result and second.created_by == adviser
    assert submission.events.filter(kind=K.REGRADED, snapshot=second).exists()


def test_an_edit_adds_a_snapshot_of_the_new_text(manager):
    submission = make_submission(author=manager)
    submissions.submission_update(submission=submission, by=manager, title="Nieuw", text="Beheert het archief.")
    assert [s.text for s in submission.snapshots.order_by("id")] == [ROLE_TEXT, "Beheert het archief."]


@pytest.mark.parametrize(
    "status, service, message",
    [
        (S.SUBMITTED, "submit", NOT_SUBMITTABLE),
        (S.IN_REVIEW, "edit", NOT_EDITABLE),
        (S.DRAFT, "take", NOT_SUBMITTED),
        (S.IN_REVIEW, "take", NOT_SUBMITTED),
        (S.DRAFT, "return", NOT_RETURNABLE),
        (S.SETTLED, "return", NOT_RETURNABLE),
        (S.DRAFT, "settle", NOT_IN_REVIEW),
        (S.SUBMITTED, "settle", NOT_IN_REVIEW),
        (S.SETTLED, "regrade", SETTLED_IS_FINAL),
    ],
)
def test_a_transition_from_the_wrong_status_is_refused_and_changes_nothing(manager, adviser, fg50, status, service, message):
    submission = make_submission(author=manager, status=status, by=adviser)
    before = (submission.status, submission.version, submission.events.count(), submission.snapshots.count())
    calls = {
        "submit": lambda: submissions.submission_submit(submission=submission, by=manager),
        "edit": lambda: submissions.submission_update(submission=submission, by=manager, title="x", text="y"),
        "take": lambda: submissions.submission_take_in_review(submission=submission, by=adviser),
        "return": lambda: submissions.submission_return(submission=submission, by=adviser, question="?"),
        "settle": lambda: submissions.submission_settle(submission=submission, by=adviser, grade=fg50, motivation="m"),
        "regrade": lambda: submissions.submission_regrade(submission=submission, by=adviser),
    }
    with pytest.raises(ValidationError) as error:
        calls[service]()
    assert error.value.messages == [message]
    submission.refresh_from_db()
    assert before == (submission.status, submission.version, submission.events.count(), submission.snapshots.count())


def test_only_the_author_submits_or_edits(manager, other_manager):
    submission = make_submission(author=manager)
    for call in (
        lambda: submissions.submission_submit(submission=submission, by=other_manager),
        lambda: submissions.submission_update(submission=submission, by=other_manager, title="x", text="y"),
    ):
        with pytest.raises(ValidationError) as error:
            call()
        assert error.value.messages == [NOT_AUTHOR]


def test_returning_needs_a_question(manager, adviser):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        submissions.submission_return(submission=submission, by=adviser, question="  ")
    assert error.value.messages == [QUESTION_REQUIRED]


def test_settling_needs_a_motivation(manager, adviser, fg50):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    with pytest.raises(ValidationError) as error:
        submissions.submission_settle(submission=submission, by=adviser, grade=fg50, motivation=" \n")
    assert error.value.messages == [MOTIVATION_REQUIRED]


def test_settling_refuses_a_grade_of_another_system(manager, adviser, secretary):
    submission = make_submission(author=manager, family=secretary, status=S.IN_REVIEW, by=adviser)
    schaal_8 = Grade.objects.get(code="schaal-8")
    with pytest.raises(ValidationError) as error:
        submissions.submission_settle(submission=submission, by=adviser, family=secretary, grade=schaal_8, motivation="m")
    assert error.value.messages == [GRADE_NOT_IN_FAMILY]


def test_settling_needs_a_grade_where_the_family_has_a_system(manager, adviser, secretary):
    submission = make_submission(author=manager, family=secretary, status=S.IN_REVIEW, by=adviser)
    with pytest.raises(ValidationError) as error:
        submissions.submission_settle(submission=submission, by=adviser, family=secretary, grade=None, motivation="m")
    assert error.value.messages == [GRADE_REQUIRED]


def test_settling_in_a_family_without_grades_needs_no_grade(manager, adviser, catalogue):
    school = JobFamily.objects.get(slug="secretariele-ondersteuning-vo")
    submission = make_submission(author=manager, family=school, status=S.IN_REVIEW, by=adviser)
    submissions.submission_settle(submission=submission, by=adviser, family=school, level_rank=2, motivation="Niveau 2 van de bron.")
    assert submission.status == S.SETTLED and submission.final_grade is None and submission.final_family == school
    assert (submission.final_level_rank, submission.final_level_count) == (2, 4)


def test_settling_without_any_family_asks_for_one(manager, adviser, fg50):
    submission = make_submission(author=manager, text="Vrachtwagenchauffeur met rijbewijs CE.", status=S.IN_REVIEW, by=adviser)
    assert submission.effective_family() is None
    with pytest.raises(ValidationError) as error:
        submissions.submission_settle(submission=submission, by=adviser, grade=fg50, motivation="m")
    assert error.value.messages == [FAMILY_REQUIRED]


def test_a_stale_version_is_a_conflict_and_nothing_is_written(manager, adviser, fg50):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    seen = submission.version
    submissions.submission_return(submission=submission, by=adviser, question="Klopt het budget?", version=seen)
    with pytest.raises(ConflictError) as error:
        submissions.submission_settle(submission=submission, by=adviser, grade=fg50, motivation="m", version=seen)
    assert error.value.messages == [STALE_VERSION]
    submission.refresh_from_db()
    assert submission.status == S.RETURNED and submission.final_grade is None


def test_the_second_of_two_settles_is_a_conflict_and_the_first_decision_stays(manager, adviser, second_adviser, fg50):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    seen = submission.version
    first_view = Submission.objects.get(pk=submission.pk)
    second_view = Submission.objects.get(pk=submission.pk)
    submissions.submission_settle(submission=first_view, by=adviser, family=fg50_family(), grade=fg50, motivation="Eerste besluit.", version=seen)
    fg45 = Grade.objects.get(system__code="fwg", code="FG45")
    for version in (seen, None):  # with the form's version, and without one
        with pytest.raises(ConflictError) as error:
            submissions.submission_settle(submission=second_view, by=second_adviser, family=fg50_family(), grade=fg45, motivation="Tweede.", version=version)
        assert error.value.messages == [ALREADY_SETTLED]
    submission.refresh_from_db()
    assert submission.final_grade == fg50 and submission.motivation == "Eerste besluit." and submission.settled_by == adviser
    assert submission.events.filter(kind=K.SETTLED).count() == 1
