"""Admin: a functional administrator reads and corrects a family in one place.

Cells are edited inside their level, with the elements as one text per line, because Django
admin cannot nest inlines. Every save and delete, single or bulk, recomputes which elements
distinguish a level and bumps the catalogue version (see also `profiles.catalogue.changes`), so pages and
the grading engine rebuild their view of the data. It also publishes a new version of the
catalogue (`profiles.catalogue.versions`) in the same transaction, naming the user and the object,
so an admin edit leaves the same trace in the history as an upload.
"""

from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse

from profiles.additions import recompute_additions
from profiles.catalogue.export_check import export_problem
from profiles.catalogue.files import (
    FamilyFileError,
    _Reader,
    _settings,
    cell_problem,
    read_recognition,
)
from profiles.catalogue.limits import (
    MAX_ELEMENTS_PER_CELL,
    MAX_TEXT_CHARS,
    column_limit,
    text_problem,
)
from profiles.catalogue.versions import release_publish
from profiles.models import (
    CatalogueRelease,
    CatalogueVersion,
    Cell,
    ContextNote,
    Criterion,
    Element,
    FamilyFunction,
    Grade,
    GradingSystem,
    JobFamily,
    Level,
    ObjectionRoute,
    ObjectionTermChange,
    Organisation,
    OrganisationChange,
    Section,
    SectionItem,
)


def validate_words(value) -> None:
    """No word longer than the engine reads (grading.engine.text.MAX_WORD_LENGTH)."""
    if isinstance(value, str) and (problem := text_problem(value, len(value))):
        raise ValidationError(problem[0].upper() + problem[1:] + ".", code="long_word")


class CatalogueForm(forms.ModelForm):
    """Holds every text to the limits an upload is held to (profiles.catalogue.limits): a text longer
    than MAX_TEXT_CHARS, or with a word longer than the engine reads, is a field error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field, (forms.JSONField, forms.URLField)):
                continue
            try:
                self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a form's own field (CellForm.elements_text) checks itself
            field.validators.append(validate_words)
            if field.max_length is None:
                field.validators.append(MaxLengthValidator(MAX_TEXT_CHARS))


class CatalogueChangeRefused(Exception):
    """A change after which the export would no longer load; raised inside the admin's transaction."""


class CatalogueChangeMixin:
    """Keeps derived data and the catalogue version right after every admin change, and refuses a
    change after which the export would not load back (profiles.catalogue.export_check)."""

    form = CatalogueForm

    def family_of(self, obj) -> JobFamily | None:
        return getattr(obj, "family", None)

    def families_to_check(self, obj) -> list[JobFamily]:
        family = self.family_of(obj)
        return [family] if family is not None and family.pk else []

    def check_export(self, families: list[JobFamily]) -> None:
        if problem := export_problem(families=families):
            raise CatalogueChangeRefused(problem)

    def refused(self, request, view, *args, back: str = "", **kwargs):
        """Run an admin view; a refused change was rolled back, and the page it goes back to says why."""
        try:
            return view(request, *args, **kwargs)
        except CatalogueChangeRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(back or request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self.refused(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, object_id, *args, **kwargs):
        meta = self.model._meta
        back = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[object_id])
        return self.refused(request, super().delete_view, object_id, *args, back=back, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self.refused(request, super().changelist_view, *args, **kwargs)

    def after_change(self, obj, request=None, *, action: str = "gewijzigd") -> None:
        family = self.family_of(obj)
        self.check_export(self.families_to_check(obj))
        if family is not None and family.pk:
            recompute_additions(family)
        CatalogueVersion.bump()
        self.publish(request, f"{obj._meta.verbose_name} '{obj}' {action}")

    def publish(self, request, what: str) -> None:
        release_publish(
            by=getattr(request, "user", None) if getattr(request, "user", None) and request.user.is_authenticated else None,
            comment=f"In de beheeromgeving (admin): {what}",
            origin=CatalogueRelease.Origin.ADMIN,
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.after_change(form.instance, request)

    def delete_model(self, request, obj):
        family = self.family_of(obj)
        label = f"{obj._meta.verbose_name} '{obj}' verwijderd"
        super().delete_model(request, obj)
        self.check_export([family] if family is not None and JobFamily.objects.filter(pk=family.pk).exists() else [])
        if family is not None and family.pk:
            recompute_additions(family)
        CatalogueVersion.bump()
        self.publish(request, label)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        """The list's "delete selected" action: the same bookkeeping as deleting one."""
        families = {family.pk: family for family in map(self.family_of, queryset) if family is not None}
        super().delete_queryset(request, queryset)
        remaining = [family for family in families.values() if JobFamily.objects.filter(pk=family.pk).exists()]
        self.check_export(remaining)
        for family in remaining:
            recompute_additions(family)
        CatalogueVersion.bump()
        self.publish(request, f"{queryset.model._meta.verbose_name_plural} verwijderd")


class GradeInline(admin.TabularInline):
    form = CatalogueForm
    model = Grade
    extra = 0
    readonly_fields = ("set_by_organisation",)  # set in /beheer/organisatie/


SETTINGS_INVALID = "De settings kloppen niet bij {place}: {message}"


class GradingSystemForm(CatalogueForm):
    """The system with its settings as JSON, checked as the importer checks them."""

    def clean_settings(self):
        try:
            return _settings(_Reader(Path("settings")), self.cleaned_data.get("settings"), "settings")
        except FamilyFileError as error:
            raise forms.ValidationError(
                SETTINGS_INVALID.format(place=error.place, message=error.message), code="invalid_settings"
            ) from None


@admin.register(GradingSystem)
class GradingSystemAdmin(CatalogueChangeMixin, admin.ModelAdmin):
    form = GradingSystemForm
    list_display = ["name", "code"]
    inlines = [GradeInline]

    def family_of(self, obj):
        return None

    def families_to_check(self, obj):
        return list(JobFamily.objects.filter(grading_system=obj)) if obj.pk else []


class FamilyFunctionInline(admin.TabularInline):
    form = CatalogueForm
    model = FamilyFunction
    extra = 0


class ContextNoteInline(admin.StackedInline):
    form = CatalogueForm
    model = ContextNote
    extra = 0


class CriterionInline(admin.TabularInline):
    form = CatalogueForm
    model = Criterion
    extra = 0


class LevelInline(admin.TabularInline):
    form = CatalogueForm
    model = Level
    extra = 0
    fields = ["rank", "name", "grade", "typing_code", "typing_total"]
    show_change_link = True


class SectionInline(admin.StackedInline):
    form = CatalogueForm
    model = Section
    extra = 0
    fields = ["order", "kind", "title", "level", "intro"]
    show_change_link = True


RECOGNITION_INVALID = "De herkenning (recognition) klopt niet bij {place}: {message}"


class JobFamilyForm(CatalogueForm):
    """The family with its `recognition:` block as JSON, checked as the importer checks it."""

    recognition = forms.JSONField(
        label="Herkenning (recognition, als JSON)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text="Zelfde sleutels als het blok recognition: in het YAML-bestand van de familie; leeg laten voor geen.",
    )

    class Meta:
        model = JobFamily
        fields = "__all__"

    def clean_recognition(self):
        raw = self.cleaned_data.get("recognition")
        if raw in (None, "", {}):
            return None
        family = self.instance
        levels, sections = [], []
        if family.pk:  # track groups and additions must name this family's own headings and sections
            levels = [
                {"cells": [
                    {"criterion": cell.criterion.key, "elements": [{"group": e.group} for e in cell.elements.all()]}
                    for cell in level.cells.all()
                ]}
                for level in family.levels.prefetch_related("cells__elements", "cells__criterion")
            ]
            sections = [{"title": title} for title in family.sections.values_list("title", flat=True)]
        try:
            return read_recognition(_Reader(Path(f"{family.slug or 'familie'}.yaml")), raw, levels, sections)
        except FamilyFileError as error:
            raise forms.ValidationError(
                RECOGNITION_INVALID.format(place=error.place, message=error.message), code="invalid_recognition"
            ) from None


@admin.register(JobFamily)
class JobFamilyAdmin(CatalogueChangeMixin, admin.ModelAdmin):
    form = JobFamilyForm
    list_display = ["name", "slug", "grading_system", "jurisdiction", "sector"]
    list_filter = ["grading_system", "jurisdiction", "sector"]
    search_fields = ["name", "slug", "core"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FamilyFunctionInline, ContextNoteInline, CriterionInline, LevelInline, SectionInline]

    def family_of(self, obj):
        return obj


class CellForm(CatalogueForm):
    """A cell with its own elements as lines; a line "kop :: tekst" keeps a sub-heading."""

    elements_text = forms.CharField(
        label="Eigen elementen (één per regel; 'kop :: tekst' voor een element onder een kop)",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 90}),
        required=False,
    )

    class Meta:
        model = Cell
        fields = ["criterion", "inherits"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["elements_text"].initial = "\n".join(
                f"{e.group} :: {e.text}" if e.group else e.text for e in self.instance.elements.all()
            )

    def parsed_elements(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data.get("elements_text", "").splitlines():
            if not line.strip():
                continue
            group, _, text = line.rpartition(" :: ")
            rows.append((group.strip(), " ".join(text.split())))
        return rows

    def clean_elements_text(self):
        """Each element as an upload's element: within its columns, no word longer than the
        engine reads, and at most MAX_ELEMENTS_PER_CELL of them."""
        rows = self.parsed_elements()
        if len(rows) > MAX_ELEMENTS_PER_CELL:
            raise forms.ValidationError(
                f"Een cel heeft hoogstens {MAX_ELEMENTS_PER_CELL} elementen; hier staan er {len(rows)}.", code="too_many"
            )
        errors = []
        for number, (group, text) in enumerate(rows, start=1):
            for value, limit in ((group, column_limit(Element, "group")), (text, column_limit(Element, "text"))):
                if problem := text_problem(value, limit):
                    errors.append(forms.ValidationError(f"Element {number}: {problem}.", code="invalid_element"))
        if errors:
            raise forms.ValidationError(errors)
        return self.cleaned_data["elements_text"]

    def clean(self):
        """The family reader's rule for a cell (profiles.catalogue.files.cell_problem), so what is
        saved here exports to a file that loads back."""
        cleaned = super().clean()
        level = getattr(self.instance, "level", None) if self.instance.level_id else None
        is_lowest = level is not None and level.pk and not level.family.levels.filter(rank__lt=level.rank).exists()
        deleting = self.cleaned_data.get("DELETE")
        problem = None if deleting else cell_problem(cleaned.get("inherits"), bool(self.parsed_elements()), is_lowest=bool(is_lowest))
        if problem:
            field = "inherits" if problem[0] == "inherits" else "elements_text"
            self.add_error(field, forms.ValidationError(problem[1][0].upper() + problem[1][1:] + ".", code="cell_rule"))
        return cleaned

    def save(self, commit=True):
        cell = super().save(commit=commit)
        if commit:
            self.save_elements(cell)
        return cell

    def save_elements(self, cell: Cell) -> None:
        wanted = self.parsed_elements()
        current = [(e.group, e.text) for e in cell.elements.all()]
        if wanted != current:
            cell.elements.all().delete()
            Element.objects.bulk_create(
                Element(cell=cell, group=group, text=text, order=order)
                for order, (group, text) in enumerate(wanted)
            )


class CellInline(admin.StackedInline):
    model = Cell
    form = CellForm
    extra = 0


@admin.register(Level)
class LevelAdmin(CatalogueChangeMixin, admin.ModelAdmin):
    list_display = ["name", "family", "rank", "grade"]
    list_filter = ["family"]
    search_fields = ["name", "description"]
    inlines = [CellInline]
    readonly_fields = ["typing_check"]

    @admin.display(description="Controle functietypering")
    def typing_check(self, obj: Level) -> str:
        if obj.typing_is_consistent is None:
            return "geen functietypering"
        if obj.typing_is_consistent:
            return f"{obj.typing_digit_count} cijfers, som {obj.typing_digit_sum}: klopt met het totaal"
        return (
            f"{obj.typing_digit_count} cijfers, som {obj.typing_digit_sum}, maar het vermelde totaal is "
            f"{obj.typing_total}: de code is onvolledig of onjuist in de bron (niet gerepareerd)"
        )


class SectionItemInline(admin.TabularInline):
    form = CatalogueForm
    model = SectionItem
    extra = 0


@admin.register(Section)
class SectionAdmin(CatalogueChangeMixin, admin.ModelAdmin):
    list_display = ["title", "family", "kind", "level"]
    list_filter = ["family", "kind"]
    inlines = [SectionItemInline]


@admin.register(Element)
class ElementAdmin(CatalogueChangeMixin, admin.ModelAdmin):
    list_display = ["text", "cell", "is_addition"]
    list_filter = ["cell__level__family", "is_addition"]
    search_fields = ["text"]
    readonly_fields = ["is_addition"]

    def family_of(self, obj):
        return obj.cell.level.family


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here: /beheer/organisatie/ changes it and keeps who, when and why."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ("name", "grading_system", "changed_at", "changed_by")


@admin.register(OrganisationChange)
class OrganisationChangeAdmin(ReadOnlyAdmin):
    list_display = ("at", "by", "name", "system_name", "motivation")


@admin.register(ObjectionRoute)
class ObjectionRouteAdmin(ReadOnlyAdmin):
    """Shown only: /beheer/bezwaarroutes/ sets a term and keeps who, when and why."""

    list_display = ("name", "staff_category", "to_verify")


@admin.register(ObjectionTermChange)
class ObjectionTermChangeAdmin(ReadOnlyAdmin):
    list_display = ("at", "by", "step", "before", "after", "motivation")
