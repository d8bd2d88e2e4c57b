"""Send hostile inputs down the paths they attack: what each answers, and the CPU, wall time and
memory it took.

- "submit": the form of POST /indelen/ (it extracts a file's text and validates it) and, for a
  text it accepts, the engine's grading of it, as the submit does;
- "search": the family list's filter form and search, as GET /profielen/?zoek= runs them;
- "catalogue": reading and validating an upload of /beheer/importeren/ (before its preview);
- "engine": indexing the catalogue with the input's text added to one element, then grading.

Nothing is stored, so this runs against any database, production's included.
"""

import dataclasses
import time
import tracemalloc
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from benchmarks.hostile_files import HostileInput, hostile_inputs
from grading import engine
from grading.forms import SubmissionForm

CPU_TARGET_SECONDS = 2.0  # every hostile input is answered within this much CPU time
SEARCH_CPU_TARGET_SECONDS = 0.2  # ... and a search within this much
ROLE = (
    "Als secretaris van de ondernemingsraad bereid je de vergaderingen voor, notuleer je ze en "
    "bewaak je de voortgang van de besluiten. Je beheert het archief en de correspondentie."
)


@dataclass(frozen=True)
class Measurement:
    name: str
    description: str
    size: int  # bytes posted
    refused: bool
    code: str  # the ValidationError's code, or "accepted"
    message: str  # the Dutch message the form shows
    cpu_seconds: float
    wall_seconds: float
    peak_bytes: int | None  # Python allocations at their peak, when measured
    target: str = "submit"
    expect_refusal: bool = True

    def within_target(self) -> bool:
        limit = SEARCH_CPU_TARGET_SECONDS if self.target == "search" else CPU_TARGET_SECONDS
        return self.refused == self.expect_refusal and self.cpu_seconds < limit


def submit_form(item: HostileInput) -> SubmissionForm:
    data = QueryDict(mutable=True)
    data["title"] = "Secretaris"
    data["text"] = item.text if item.text is not None else ""
    files = MultiValueDict()
    if item.content is not None:
        files["file"] = SimpleUploadedFile(item.filename, item.content)
    form = SubmissionForm(data, files)
    form.is_valid()
    return form


def submit(item: HostileInput) -> ValidationError | None:
    """The form's first error; a text it accepts is graded."""
    from grading.selectors import engine_index

    form = submit_form(item)
    errors = [error for field in ("file", "text", "title") for error in form.errors.as_data().get(field, [])]
    if not errors:
        engine.grade(form.cleaned_data["text"], engine_index())
    return errors[0] if errors else None


def search(item: HostileInput) -> ValidationError | None:
    from profiles.filters import family_filterset

    query = QueryDict(mutable=True)
    query["zoek"] = item.text
    filterset = family_filterset(query)
    if not filterset.is_valid():
        return filterset.form.errors.as_data()["zoek"][0]
    list(filterset.qs)
    return None


def catalogue(item: HostileInput) -> ValidationError | None:
    from profiles.catalogue.files import FamilyFileError
    from profiles.catalogue.uploads import UploadError, upload_read

    try:
        upload_read(name=item.filename, content=item.content)
    except (UploadError, FamilyFileError) as error:
        return ValidationError(str(error), code=type(error).__name__)
    return None


def index_and_grade(item: HostileInput) -> ValidationError | None:
    """The first family's last element gets the input's text, as if the family had been stored so."""
    from grading.selectors import family_engine_data

    first, *others = family_engine_data()
    top = first.levels[-1]
    cell = top.cells[0]
    last = dataclasses.replace(cell.elements[-1], text=f"{cell.elements[-1].text} {item.text}")
    cells = (dataclasses.replace(cell, elements=(*cell.elements[:-1], last)), *top.cells[1:])
    poisoned = dataclasses.replace(first, levels=(*first.levels[:-1], dataclasses.replace(top, cells=cells)))
    engine.grade(ROLE, engine.build_index([poisoned, *others]))
    return None


PATHS = {"submit": submit, "search": search, "catalogue": catalogue, "engine": index_and_grade}


def measure(item: HostileInput, *, memory: bool = True) -> Measurement:
    """Time one input without tracing, then, if asked, run it again to trace its peak memory."""
    run = PATHS[item.target]
    cpu, wall = time.process_time(), time.perf_counter()
    first = run(item)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = None
    if memory:
        tracemalloc.start()
        try:
            run(item)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return Measurement(
        name=item.name,
        description=item.description,
        size=item.size(),
        refused=first is not None,
        code=(first.code or "invalid") if first else "accepted",
        message=first.messages[0] if first else "",
        cpu_seconds=cpu,
        wall_seconds=wall,
        peak_bytes=peak,
        target=item.target,
        expect_refusal=item.expect_refusal,
    )


def warm_up() -> None:
    """Build what a production process builds once, before its first request (gunicorn's master
    does it at start): the engine's index and the search index are not the inputs' cost."""
    from grading.selectors import engine_index
    from profiles.selectors import search_index

    engine_index()
    search_index()


def benchmark_hostile_inputs(*, memory: bool = True, only: list[str] | None = None) -> list[Measurement]:
    items = [item for item in hostile_inputs() if not only or item.name in only]
    warm_up()
    return [measure(item, memory=memory) for item in items]
