"""An administrator's upload: read within bounds, validate as import_families does, preview the
change, and import and publish it only on confirmation.

An upload is a family YAML file, the grading systems YAML file, a zip as /beheer/export/ gives
it, or the spreadsheet template. It is read in memory only. Between preview and confirmation
the validated data waits in the database (`PendingUpload`), so any application process can
confirm it; it is removed on confirmation and after `PendingUpload.KEEP_HOURS` hours.
"""

import io
import time
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from profiles.catalogue import error_list, spreadsheet
from profiles.catalogue.changes import lock_catalogue
from profiles.catalogue.diff import FamilyDiff, catalogue_diff
from profiles.catalogue.exporting import family_data, system_data
from profiles.catalogue.files import (
    Catalogue,
    FamilyFileError,
    family_from_data,
    parse_yaml,
    systems_from_data,
)
from profiles.catalogue.importing import import_catalogue
from profiles.catalogue.versions import release_publish
from profiles.models import CatalogueRelease, CatalogueVersion, JobFamily, PendingUpload
from profiles.selectors import family_full_queryset

MAX_UPLOAD_BYTES = 2_621_440  # as a role description's file (FILE_UPLOAD_MAX_MEMORY_SIZE)
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # all members of a zip or spreadsheet together, as read
MAX_MEMBERS = 200
MAX_SECONDS = 20.0  # reading and validating one upload

TOO_LARGE = "Het bestand is groter dan 2,5 MB."
EMPTY = "Het bestand is leeg."
NOT_UTF8 = "Het bestand is geen UTF-8-tekst en geen spreadsheet (.xlsx)."
ZIP_BROKEN = "Het bestand lijkt een zip of spreadsheet, maar is beschadigd."
ZIP_BOMB = "Het bestand pakt uit tot meer dan 40 MB of bevat te veel onderdelen; het is niet gelezen."
ZIP_EMPTY = "De zip bevat geen grading_systems.yaml en geen families/*.yaml."
TOO_SLOW = "Het lezen van het bestand duurde te lang (meer dan 20 seconden); het is niet gelezen."
NOT_A_FAMILY = "Het bestand is geen familiebestand (een verzameling sleutels) en geen lijst waarderingssystemen."
DUPLICATE = "Familie '{slug}' staat twee keer in het bestand."
UNKNOWN_UPLOAD = "Deze upload bestaat niet (meer): bevestig binnen {hours} uur of laad het bestand opnieuw."
CATALOGUE_MOVED_ON = (
    "De catalogus is gewijzigd sinds deze voorvertoning ({what}). Er is niets opgeslagen; "
    "laad het bestand opnieuw om te zien wat het nu zou veranderen."
)
STILL_REFERRED = "Het bestand haalt iets weg waar nog naar verwezen wordt ({names}). Er is niets opgeslagen."


class UploadError(Exception):
    """A file that cannot be read at all; the message names the file and is in Dutch."""

    def __init__(self, name: str, message: str):
        self.name, self.message = name, message
        super().__init__(f"Fout in {name}: {message}")


@dataclass
class Preview:
    pending: PendingUpload
    families: list[FamilyDiff]
    systems_changed: bool

    @property
    def changed(self) -> bool:
        return self.systems_changed or any(f.changed for f in self.families)


class _Deadline:
    def __init__(self, name: str):
        self.name, self.end = name, time.monotonic() + MAX_SECONDS

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise UploadError(self.name, TOO_SLOW)


def unpack_zip(content: bytes, name: str) -> dict[str, bytes]:
    """Every member, read with a running cap: the sizes a zip declares are not trusted."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UploadError(name, ZIP_BOMB)
        members, total = {}, 0
        for info in infos:
            if info.is_dir():
                continue
            chunks = []
            with archive.open(info) as member:
                while chunk := member.read(65_536):
                    total += len(chunk)
                    if total > MAX_UNPACKED_BYTES:
                        raise UploadError(name, ZIP_BOMB)
                    chunks.append(chunk)
            members[info.filename] = b"".join(chunks)
        return members
    # RuntimeError: a member that is encrypted
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError, RuntimeError):
        raise UploadError(name, ZIP_BROKEN) from None


def _text(content: bytes, name: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadError(name, NOT_UTF8) from None


def current_systems() -> list[dict]:
    return systems_from_data(system_data(), Path("catalogus"))


def current_families(slugs: list[str] | None = None) -> dict[str, dict]:
    """The families in the database in their validated (read) form, to compare with an upload."""
    systems = {s["code"]: s for s in current_systems()}
    families = family_full_queryset().order_by("slug")
    if slugs is not None:
        families = families.filter(slug__in=slugs)
    return {f.slug: family_from_data(family_data(f), Path(f"{f.slug} (catalogus)"), systems) for f in families}


def upload_read(*, name: str, content: bytes) -> dict[str, Any]:
    """Read and validate an upload; returns {"systems": [...] | None, "families": [...]}.

    Raises UploadError, FamilyFileError (a file that cannot be read at all) or FileErrors (every
    problem found, up to error_list.MAX_ERRORS, each with the file, sheet or YAML path, row and field).
    """
    name = Path(name).name or "upload"
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError(name, TOO_LARGE)
    if not content.strip():
        raise UploadError(name, EMPTY)
    deadline = _Deadline(name)
    raw_systems, raw_families = None, []  # raw_families: (parsed, path for errors, locate)
    book = None
    if content[:4] == b"PK\x03\x04":
        members = unpack_zip(content, name)
        deadline.check()
        if "[Content_Types].xml" in members:
            book = spreadsheet.workbook_read(content, name, deadline=deadline.check)
            raw_systems = book.systems
            raw_families = [(family, Path(name), book.locate(i)) for i, family in enumerate(book.families)]
        else:
            for member, data in sorted(members.items()):
                member_path = Path(f"{name}/{member}")
                if member.endswith("grading_systems.yaml"):
                    raw_systems = parse_yaml(_text(data, member_path.as_posix()), member_path)
                elif member.endswith((".yaml", ".yml")):
                    raw_families.append((parse_yaml(_text(data, member_path.as_posix()), member_path), member_path, None))
                deadline.check()
            if raw_systems is None and not raw_families:
                raise UploadError(name, ZIP_EMPTY)
    else:
        parsed = parse_yaml(_text(content, name), Path(name))
        if isinstance(parsed, list):
            raw_systems = parsed
        elif isinstance(parsed, dict):
            raw_families.append((parsed, Path(name), None))
        else:
            raise UploadError(name, NOT_A_FAMILY)
    errors = list(book.errors) if book is not None else []
    try:
        systems = systems_from_data(raw_systems, Path(name)) if raw_systems is not None else None
    except FamilyFileError as error:
        raise error_list.FileErrors([*errors, error]) from None
    by_code = {s["code"]: s for s in (systems if systems is not None else current_systems())}
    families, slugs = [], set()
    for raw, path, locate in raw_families:
        family, problems = error_list.family_errors(
            raw, lambda data: family_from_data(data, path, by_code), limit=error_list.MAX_ERRORS + 1 - len(errors)
        )
        errors += [locate(problem) if locate else problem for problem in problems]
        deadline.check()
        if family is None:
            if len(errors) > error_list.MAX_ERRORS:
                break
            continue
        if family["slug"] in slugs:
            raise UploadError(name, DUPLICATE.format(slug=family["slug"]))
        slugs.add(family["slug"])
        families.append(family)
    if errors:
        raise error_list.FileErrors(errors)
    if systems is not None:
        # New systems must still fit every family that stays as it is.
        for family in family_full_queryset().exclude(slug__in=slugs):
            family_from_data(family_data(family), Path(f"{family.slug} (in de catalogus)"), by_code)
            deadline.check()
    return {"systems": systems, "families": families}


def pending_prune() -> int:
    cutoff = timezone.now() - timedelta(hours=PendingUpload.KEEP_HOURS)
    return PendingUpload.objects.filter(uploaded_at__lt=cutoff).delete()[0]


def upload_preview_create(*, name: str, content: bytes, by) -> PendingUpload:
    """Validate an upload and keep it for confirmation; nothing in the catalogue changes."""
    catalogue = upload_read(name=name, content=content)
    pending_prune()
    number, token = CatalogueVersion.key()
    return PendingUpload.objects.create(
        uploaded_by=by, file_name=Path(name).name[:200], catalogue=catalogue, base_version=number, base_token=token
    )


def pending_get(*, pk, by) -> PendingUpload | None:
    cutoff = timezone.now() - timedelta(hours=PendingUpload.KEEP_HOURS)
    return PendingUpload.objects.filter(pk=pk, uploaded_by=by, uploaded_at__gte=cutoff).first()


def upload_preview(*, pending: PendingUpload) -> Preview:
    families = {f["slug"]: f for f in pending.catalogue["families"]}
    systems = pending.catalogue["systems"]
    return Preview(
        pending=pending,
        families=catalogue_diff(current_families(list(families)), families),
        systems_changed=systems is not None and systems != current_systems(),
    )


@transaction.atomic
def upload_confirm(*, pending: PendingUpload, by, comment: str) -> CatalogueRelease | None:
    """Import and publish the upload in one transaction; refused when the catalogue moved on."""
    lock_catalogue()  # a second administrator waits here, then sees the first one's change
    if CatalogueVersion.key() != (pending.base_version, pending.base_token):
        latest = CatalogueRelease.objects.select_related("published_by").order_by("-number").first()
        what = f"versie {latest.number}, {latest.published_by or latest.get_origin_display()}" if latest else "gewijzigde gegevens"
        raise ValidationError(CATALOGUE_MOVED_ON.format(what=what), code="moved_on")
    systems = pending.catalogue["systems"]
    catalogue = Catalogue(systems=systems if systems is not None else current_systems(), families=pending.catalogue["families"])
    try:
        import_catalogue(catalogue)
    except ProtectedError as error:
        names = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
        raise ValidationError(STILL_REFERRED.format(names=names), code="protected") from None
    release = release_publish(by=by, comment=comment, origin=CatalogueRelease.Origin.UPLOAD)
    pending.delete()
    return release


def family_count() -> int:
    return JobFamily.objects.count()
