"""Test data: make_* functions that build users, submissions and engine results."""

from itertools import count

from django.contrib.auth import get_user_model

from grading import engine
from grading.models import Submission
from grading.roles import HR_ADVISER, MANAGER, ensure_roles
from grading.services import submissions

PASSWORD = "een-lang-testwachtwoord-42"
ROLE_TEXT = (
    "De ambtelijk secretaris ondersteunt de ondernemingsraad. Zij bereidt de vergaderingen voor, "
    "notuleert en bewaakt de voortgang van de besluiten. Zij beheert het archief en verzorgt de "
    "correspondentie van de raad. Zij adviseert de voorzitter over procedures en de WOR."
)
_numbers = count(1)


def make_user(*, role: str | None = None, username: str | None = None, **fields):
    username = username or f"gebruiker{next(_numbers)}"
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    if role is not None:
        user.groups.add(ensure_roles()[role])
    return user


def make_manager(**fields):
    return make_user(role=MANAGER, **fields)


def make_adviser(**fields):
    return make_user(role=HR_ADVISER, **fields)


def make_submission(*, author, title: str = "Ambtelijk secretaris OR", text: str = ROLE_TEXT,
                    family=None, answers=None, status: str = Submission.Status.DRAFT, by=None) -> Submission:
    """A submission created through the services and moved on to `status` the way users would."""
    submission = submissions.submission_create(title=title, text=text, author=author, family=family, answers=answers)
    order = [Submission.Status.SUBMITTED, Submission.Status.IN_REVIEW, Submission.Status.SETTLED]
    if status == Submission.Status.DRAFT:
        return submission
    submissions.submission_submit(submission=submission, by=author)
    if status == Submission.Status.SUBMITTED:
        return submission
    adviser = by or make_adviser()
    if status == Submission.Status.RETURNED:
        submissions.submission_return(submission=submission, by=adviser, question="Wie is de leidinggevende?")
        return submission
    submissions.submission_take_in_review(submission=submission, by=adviser)
    if status == Submission.Status.IN_REVIEW:
        return submission
    assert status in order
    family_obj = submission.effective_family()
    grade = family_obj.levels.exclude(grade=None).order_by("rank").first().grade
    submissions.submission_settle(submission=submission, by=adviser, grade=grade, family=family_obj,
                                  motivation="Past bij de matrix.")
    return submission


def make_result(*, family: str | None = "ambtelijk-secretaris", family_name: str = "Ambtelijk secretaris",
                level_rank: int | None = 2, grade: str | None = "FG50", position: str = "in_range",
                confidence: float = 0.7, text: str = ROLE_TEXT, criteria=None,
                certainty: str | None = None) -> engine.GradingResult:
    """A GradingResult built by hand, so a test does not depend on the engine's verdicts."""
    if criteria is None and family is not None:
        sentence = text.split(". ")[1] + "."
        start = text.index(sentence)
        criteria = (
            engine.CriterionResult(
                key="kerntaken", name="Kerntaken", level_rank=level_rank, grade=grade,
                evidence=(engine.Evidence(sentence, start, start + len(sentence), "Notuleert vergaderingen.", level_rank or 1, 0.8),),
                missing_for_next=("Adviseert gevraagd en ongevraagd.",),
            ),
            engine.CriterionResult(
                key="vaardigheden", name="Vaardigheden", level_rank=None, grade=None, evidence=(),
                missing_for_next=("Onderhandelt met de bestuurder.",),
            ),
        )
    return engine.GradingResult(
        engine_version="test", position=engine.Position(position), family=family, family_name=family_name if family else None,
        level_rank=level_rank if family else None, level_name="Ambtelijk secretaris FG 50" if family else None,
        grade=grade if family else None, confidence=confidence, family_scores=(), criteria=criteria or (), signals=(),
        next_level_rank=None, next_grade=None, missing_for_next=(), explanation="Zo kwam de indicatie tot stand.",
        certainty=(certainty or ("firm" if confidence >= 0.6 else "uncertain")) if family else None,
    )


def make_snapshot(*, submission: Submission, result: engine.GradingResult, by=None):
    """Store a hand-built result as the submission's newest engine run."""
    from grading.models import GradingSnapshot

    return GradingSnapshot.objects.create(
        submission=submission, text=submission.text, result=result.as_dict(),
        engine_version=result.engine_version, created_by=by or submission.author,
    )


def make_docx(paragraphs: list[str], *, table: list[list[str]] | None = None) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(text: str) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    return HTML(string=f"<p>{escape(text)}</p>").write_pdf()


def make_encrypted_pdf(text: str, *, user_password: str = "geheim") -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(text))))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def reopen_after_objection(*, submission: Submission, by) -> Submission:
    """Reopen a settled request the one way there is: an objection whose outcome changes the
    decision (on the first route of its system), after which the holder goes no further."""
    from django.core.management import call_command
    from django.utils import timezone

    from grading.objection_models import ObjectionStepRecord
    from grading.objection_selectors import routes_for
    from grading.services import objections
    from profiles.models import ObjectionRoute

    if not ObjectionRoute.objects.exists():
        call_command("load_objection_routes", verbosity=0)
    today = timezone.localdate()
    route = routes_for(submission=submission)[0][0]
    objection = objections.objection_register(
        submission=submission, by=by, route=route, holder_name="Functiehouder", received_on=today,
        grounds="Bezwaar.", decision_sent_on=today,
    )
    Outcome = ObjectionStepRecord.Outcome
    objections.objection_step_record(objection=objection, by=by, decided_on=today, outcome=Outcome.UPHELD,
                                     changes_decision=True)
    if objection.route.steps.count() > 1:
        objections.objection_step_record(objection=objection, by=by, decided_on=today, outcome=Outcome.NOT_PURSUED)
    submission.refresh_from_db()
    return submission
