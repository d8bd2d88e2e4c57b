"""Job families as the sources give them: grading systems, levels, criteria, cells, elements.

A cell may inherit the cell of the level below ("Idem", "Idem +"). What a level adds is stored as
that level's own elements, and `Element.is_addition` records whether an own element is new
compared with the level below, so "what distinguishes this level" is a query.
"""

import re
import uuid

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import F
from django.utils import timezone


class CatalogueQuerySet(models.QuerySet):
    """Bulk writes move the data version too, in the same transaction as the write.

    `update()`, `bulk_create()` and `bulk_update()` send no signal, so the signals in
    `profiles.catalogue.changes` miss them; `delete()` sends one per row, and bumps once more here.
    A write that touches no row leaves the version alone."""

    def update(self, **kwargs) -> int:
        with transaction.atomic(using=self.db, savepoint=False):
            count = super().update(**kwargs)
            _bump_if(count)
        return count

    def delete(self) -> tuple[int, dict]:
        with transaction.atomic(using=self.db, savepoint=False):
            deleted = super().delete()
            _bump_if(deleted[0])
        return deleted

    def bulk_create(self, objs, *args, **kwargs) -> list:
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            _bump_if(len(created))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        with transaction.atomic(using=self.db, savepoint=False):
            count = super().bulk_update(objs, fields, *args, **kwargs)
            _bump_if(count)
        return count

    update.alters_data = delete.alters_data = bulk_create.alters_data = bulk_update.alters_data = True
    delete.queryset_only = True  # as Django's: `Model.objects.delete()` would delete every row


def _bump_if(count: int) -> None:
    if count:
        CatalogueVersion.bump()


class GradingSystem(models.Model):
    code = models.SlugField("code", unique=True)
    name = models.CharField("naam", max_length=200)
    description = models.TextField("omschrijving", blank=True)
    # The regulation the grading rests on, as public sources state it ("te verifiëren" where
    # unsure); printed as the legal basis in the decision letter and the report.
    legal_basis = models.TextField("rechtsgrond", blank=True)
    # Where the system applies: [{"name", "terms", "employers"}], validated by
    # profiles/catalogue/files.py. The engine tells from them which system a role's setting uses.
    settings = models.JSONField("settings", default=list, blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "waarderingssysteem"
        verbose_name_plural = "waarderingssystemen"

    def __str__(self) -> str:
        return self.name


class Grade(models.Model):
    system = models.ForeignKey(
        GradingSystem, on_delete=models.CASCADE, related_name="grades", verbose_name="systeem"
    )
    code = models.CharField("code", max_length=20)
    name = models.CharField("naam", max_length=100)
    rank = models.PositiveIntegerField("volgorde")
    entry_requirement = models.CharField("toelatingseis", max_length=200, blank=True)
    # Pay range where a public source gives one (EU pay transparency, articles 5 and 6); shown
    # only with its source and date, never guessed.
    salary_min = models.DecimalField("salaris van", max_digits=10, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField("salaris tot", max_digits=10, decimal_places=2, null=True, blank=True)
    salary_period = models.CharField("per", max_length=20, blank=True)  # "maand" or "jaar"
    salary_source = models.CharField("bron van het salaris", max_length=300, blank=True)
    salary_source_url = models.URLField("adres van die bron", blank=True)
    salary_date = models.CharField("datum van die bron", max_length=20, blank=True)
    # Set in /beheer/organisatie/ for a system whose grades the catalogue lacks (cao Gemeenten):
    # the organisation's data, which a catalogue import leaves alone.
    set_by_organisation = models.BooleanField("door de organisatie ingesteld", default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["system", "rank"]
        verbose_name = "schaal of niveau"
        verbose_name_plural = "schalen en niveaus"
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="grade_code_unique_in_system"),
            models.UniqueConstraint(fields=["system", "rank"], name="grade_rank_unique_in_system"),
        ]

    def __str__(self) -> str:
        return self.name


class JobFamily(models.Model):
    slug = models.SlugField("slug", unique=True)
    name = models.CharField("naam", max_length=200)
    grading_system = models.ForeignKey(
        GradingSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="families",
        verbose_name="waarderingssysteem",
    )
    jurisdiction = models.CharField("land", max_length=50)
    sector = models.CharField("sector", max_length=100)
    core = models.TextField("kern van de functie", blank=True)
    source_file = models.CharField("bronbestand", max_length=200)
    source_title = models.CharField("bron", max_length=300, blank=True)
    source_url = models.URLField("openbaar adres van de bron", blank=True)
    source_date = models.CharField("datum van de bron", max_length=20, blank=True)  # "2019", "2023-05"
    # The YAML `recognition:` block as validated by profiles.catalogue.files.read_recognition:
    # what the grading engine knows about this family beyond its texts. Null when absent.
    recognition = models.JSONField("herkenning", null=True, blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "functiefamilie"
        verbose_name_plural = "functiefamilies"

    def __str__(self) -> str:
        return self.name


class FamilyFunction(models.Model):
    class Kind(models.TextChoices):
        RELATED = "related", "gerelateerde kernfunctie"
        REFERENCE = "reference", "referentiefunctie"

    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="functions")
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    name = models.CharField("naam", max_length=300)
    order = models.PositiveIntegerField("volgorde", default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["family", "kind", "order"]
        verbose_name = "verwante functie"
        verbose_name_plural = "verwante functies"

    def __str__(self) -> str:
        return self.name


class ContextNote(models.Model):
    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="context_notes")
    title = models.CharField("titel", max_length=300)
    text = models.TextField("tekst")
    source_file = models.CharField("bronbestand", max_length=200, blank=True)
    order = models.PositiveIntegerField("volgorde", default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["family", "order"]
        verbose_name = "contextnotitie"
        verbose_name_plural = "contextnotities"

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField("sleutel")
    name = models.CharField("naam", max_length=200)
    order = models.PositiveIntegerField("volgorde", default=0)
    # Which factors of gender-neutral job evaluation (EIGE) the criterion values: any of
    # "skills", "effort", "responsibility", "working_conditions".
    factors = models.JSONField("factoren", default=list, blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["family", "order"]
        verbose_name = "criterium"
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["family", "key"], name="criterion_key_unique_in_family")
        ]

    def __str__(self) -> str:
        return self.name


class LevelQuerySet(CatalogueQuerySet):
    def for_family(self, slug: str) -> "LevelQuerySet":
        return self.filter(family__slug=slug)

    def ordered(self) -> "LevelQuerySet":
        return self.order_by("family__name", "rank")


TYPING_DIGITS = re.compile(r"\d")


class Level(models.Model):
    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveIntegerField("rang")  # 1 = lowest
    name = models.CharField("naam", max_length=300)
    grade = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="levels",
        verbose_name="schaal of niveau",
    )
    description = models.TextField("omschrijving", blank=True)
    requirements = models.TextField("eisen", blank=True)
    typing_code = models.CharField("functietypering", max_length=100, blank=True)
    typing_total = models.PositiveIntegerField("totaal functietypering", null=True, blank=True)

    objects = LevelQuerySet.as_manager()

    class Meta:
        ordering = ["family", "rank"]
        verbose_name = "niveau"
        verbose_name_plural = "niveaus"
        constraints = [
            models.UniqueConstraint(fields=["family", "rank"], name="level_rank_unique_in_family")
        ]

    def __str__(self) -> str:
        return self.name

    def has_grade(self) -> bool:
        return self.grade_id is not None

    @property
    def typing_digit_sum(self) -> int | None:
        if not self.typing_code:
            return None
        return sum(int(digit) for digit in TYPING_DIGITS.findall(self.typing_code))

    @property
    def typing_digit_count(self) -> int:
        return len(TYPING_DIGITS.findall(self.typing_code))

    @property
    def typing_is_consistent(self) -> bool | None:
        """Whether the printed digits add up to the printed total; None without a code."""
        if not self.typing_code or self.typing_total is None:
            return None
        return self.typing_digit_sum == self.typing_total


class Cell(models.Model):
    class Inherits(models.TextChoices):
        NONE = "", "eigen tekst"
        IDEM = "idem", "Idem"
        IDEM_PLUS = "idem+", "Idem +"

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="cells")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="cells")
    inherits = models.CharField(
        "erft van niveau eronder", max_length=10, choices=Inherits.choices, blank=True
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["level", "criterion__order"]
        verbose_name = "cel"
        verbose_name_plural = "cellen"
        constraints = [
            models.UniqueConstraint(fields=["level", "criterion"], name="cell_unique_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.level} — {self.criterion}"


class Element(models.Model):
    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="elements")
    text = models.TextField("tekst")
    group = models.CharField("kop", max_length=300, blank=True)
    order = models.PositiveIntegerField("volgorde", default=0)
    # True when the text is not in the level below's cell: what distinguishes this level.
    is_addition = models.BooleanField("onderscheidend", default=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["cell", "order"]
        verbose_name = "element"
        verbose_name_plural = "elementen"

    def __str__(self) -> str:
        return self.text[:80]


class Section(models.Model):
    class Kind(models.TextChoices):
        RESULTS = "results", "Resultaten"
        BEHAVIOUR = "behaviour", "Gedragsindicatoren"
        COMPETENCES = "competences", "Competenties"
        QUALITY_PROFILE = "quality_profile", "Kwaliteitenprofiel"
        RESULT_AREA = "result_area", "Resultaatgebied"
        FOOTNOTE = "footnote", "Voetnoot"

    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="sections")
    level = models.ForeignKey(
        Level, on_delete=models.CASCADE, null=True, blank=True, related_name="sections"
    )
    kind = models.CharField("soort", max_length=30, choices=Kind.choices)
    title = models.CharField("titel", max_length=300)
    intro = models.TextField("inleiding", blank=True)
    order = models.PositiveIntegerField("volgorde", default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["family", "order"]
        verbose_name = "familiebrede sectie"
        verbose_name_plural = "familiebrede secties"

    def __str__(self) -> str:
        return self.title


class SectionItem(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    group = models.CharField("kop", max_length=300, blank=True)
    text = models.TextField("tekst")
    order = models.PositiveIntegerField("volgorde", default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["section", "order"]
        verbose_name = "punt"
        verbose_name_plural = "punten"

    def __str__(self) -> str:
        return self.text[:80]


class CatalogueVersion(models.Model):
    """One row that changes whenever family data changes: the data version that keys the caches.

    Every process compares its caches with `key()`, so several application processes stay
    consistent without sharing memory. The number alone can repeat (a flushed database starts
    again at 1), so every change also sets a new random token; the pair never repeats. This is a
    cache counter, not a published version of the functiehuis.
    """

    number = models.PositiveBigIntegerField(default=0)
    token = models.CharField(max_length=32, default="", editable=False)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dataversie"
        verbose_name_plural = "dataversies"

    @classmethod
    def current(cls) -> int:
        row = cls.objects.filter(pk=1).values_list("number", flat=True).first()
        return row or 0

    @classmethod
    def key(cls) -> tuple[int, str]:
        """The (number, token) pair that identifies the catalogue's state.

        Asked on nearly every request, so in plain SQL: the ORM spends several times longer
        composing this one-row read than the database spends answering it."""
        with connections[router.db_for_read(cls)].cursor() as cursor:
            cursor.execute(f"SELECT number, token FROM {cls._meta.db_table} WHERE id = %s", [1])
            row = cursor.fetchone()
        return (row[0], row[1]) if row else (0, "")

    @classmethod
    def bump(cls) -> None:
        token = uuid.uuid4().hex
        updated = cls.objects.filter(pk=1).update(number=F("number") + 1, token=token, changed_at=timezone.now())
        if not updated:
            cls.objects.create(pk=1, number=1, token=token)


class CatalogueRelease(models.Model):
    """A published version of the functiehuis: who published it, when and why.

    Beside the data version (`CatalogueVersion`, a cache key that moves on every write) this is
    the version people name: "graded against versie 7". Each release keeps the families it
    changed as `FamilyRevision`s, so any family can be shown as it was in any release.
    """

    class Origin(models.TextChoices):
        IMPORT = "import", "import_families"
        UPLOAD = "upload", "upload in /beheer/"
        ADMIN = "admin", "beheeromgeving (admin)"

    number = models.PositiveIntegerField("versie", unique=True)
    origin = models.CharField("herkomst", max_length=10, choices=Origin.choices)
    published_at = models.DateTimeField("gepubliceerd op", default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="gepubliceerd door",
    )
    comment = models.TextField("toelichting")
    # The data version right after this release was written: maps a snapshot's data version
    # to the release it was graded against.
    data_version = models.PositiveBigIntegerField("dataversie")
    systems = models.JSONField("waarderingssystemen", default=list)  # as exported, whole

    class Meta:
        ordering = ["-number"]
        verbose_name = "gepubliceerde versie"
        verbose_name_plural = "gepubliceerde versies"
        permissions = [("manage_catalogue", "Kan het functiehuis beheren: uploaden, publiceren, exporteren")]

    def __str__(self) -> str:
        return f"versie {self.number}"


class FamilyRevision(models.Model):
    """A family as it was published in one release (its YAML form), or its removal."""

    release = models.ForeignKey(CatalogueRelease, on_delete=models.CASCADE, related_name="revisions")
    slug = models.SlugField("slug")
    name = models.CharField("naam", max_length=200)
    data = models.JSONField("gegevens", null=True, blank=True)  # null: removed in this release
    summary = models.CharField("wijziging", max_length=300, blank=True)

    class Meta:
        ordering = ["slug", "-release__number"]
        verbose_name = "familieversie"
        verbose_name_plural = "familieversies"
        constraints = [models.UniqueConstraint(fields=["release", "slug"], name="revision_unique_per_release")]

    def __str__(self) -> str:
        return f"{self.name} ({self.release})"


class PendingUpload(models.Model):
    """An upload between preview and confirmation, kept in the database (never on disk), so any
    application process can confirm it. Removed on confirmation and after `KEEP_HOURS`."""

    KEEP_HOURS = 24

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    # The validated catalogue part ({"systems": [...], "families": [...]}) and the data version
    # the preview was made against: a confirmation over a catalogue that moved on is refused.
    catalogue = models.JSONField()
    base_version = models.PositiveBigIntegerField()
    base_token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "upload in afwachting"
        verbose_name_plural = "uploads in afwachting"


from profiles.organisation_models import Organisation, OrganisationChange  # noqa: E402,F401  (models of this app)
from profiles.objection_route_models import ObjectionRoute, ObjectionStep, ObjectionTermChange  # noqa: E402,F401  (models of this app)
