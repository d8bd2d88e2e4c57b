"""Admin: submissions, engine results, history and objections are shown read-only.

Changes go through the application's services, which keep the history; nobody edits or deletes
a decision trail here.
"""

from django.contrib import admin

from grading.models import FunctionHolder, GradingSnapshot, Submission, SubmissionEvent
from grading.objection_models import Objection, ObjectionStepRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = SubmissionEvent
    fields = ["created_at", "kind", "actor", "from_status", "to_status", "grade", "comment"]
    readonly_fields = fields


class ObjectionInline(ReadOnlyInline):
    model = Objection
    fields = ["received_on", "holder_name", "route", "closed_at"]
    readonly_fields = fields


class StepRecordInline(ReadOnlyInline):
    model = ObjectionStepRecord
    fields = ["step", "filed_on", "decided_on", "outcome", "binding", "changes_decision", "recorded_by"]
    readonly_fields = fields
    show_change_link = False


class SnapshotInline(ReadOnlyInline):
    model = GradingSnapshot
    fields = ["created_at", "engine_version", "family_slug", "created_by"]
    readonly_fields = fields


class HolderInline(ReadOnlyInline):
    model = FunctionHolder
    fields = ["position", "name", "email", "letter_sent_on", "letter_received_on"]
    readonly_fields = fields
    show_change_link = False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["title", "author", "status", "indicative_family", "indicative_grade", "final_grade", "created_at"]
    list_filter = ["status", "indicative_family", "final_grade"]
    search_fields = ["title", "text", "author__username"]
    date_hierarchy = "created_at"
    inlines = [HolderInline, ObjectionInline, EventInline, SnapshotInline]


@admin.register(GradingSnapshot)
class GradingSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["submission", "engine_version", "created_by", "created_at"]
    list_filter = ["engine_version"]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(ReadOnlyAdmin):
    list_display = ["submission", "kind", "actor", "from_status", "to_status", "created_at"]
    list_filter = ["kind"]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "holder_name", "route", "received_on", "adviser", "closed_at"]
    list_filter = ["route", "closed_at"]
    search_fields = ["holder_name", "submission__title"]
    date_hierarchy = "received_on"
    exclude = ["attachment"]  # the file itself is opened on the objection's page, where access is checked
    inlines = [StepRecordInline]
