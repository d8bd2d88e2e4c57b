"""Time the submit form on hostile inputs: what it answers, and the CPU, wall time and memory it took.

The form is the real path of POST /indelen/ up to the database: it extracts the file's text and
validates it. Nothing is stored, so this runs against any database, production's included.
"""

import time
import tracemalloc
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from grading.forms import SubmissionForm
from grading.services.hostile_files import HostileInput, hostile_inputs

CPU_TARGET_SECONDS = 2.0  # every hostile input is refused within this much CPU time


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

    def within_target(self) -> bool:
        return self.refused and self.cpu_seconds < CPU_TARGET_SECONDS


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


def measure(item: HostileInput, *, memory: bool = True) -> Measurement:
    """Time one input without tracing, then, if asked, run it again to trace its peak memory."""
    cpu, wall = time.process_time(), time.perf_counter()
    form = submit_form(item)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = None
    if memory:
        tracemalloc.start()
        try:
            submit_form(item)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    errors = [error for field in ("file", "text", "title") for error in form.errors.as_data().get(field, [])]
    first = errors[0] if errors else None
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
    )


def benchmark_hostile_inputs(*, memory: bool = True, only: list[str] | None = None) -> list[Measurement]:
    items = [item for item in hostile_inputs() if not only or item.name in only]
    return [measure(item, memory=memory) for item in items]
