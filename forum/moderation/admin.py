"""Moderation records are read-only in the admin: they are written by the moderation
services alone, and nothing here may be deleted."""

from django.contrib import admin

from .models import AuditLogEntry, Flag, TrainingExample


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "post", "member"]
    list_filter = ["action"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "reason", "post", "resolved_at"]
    list_filter = ["reason"]


@admin.register(TrainingExample)
class TrainingExampleAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "is_spam", "decided_by", "revoked_at"]
    list_filter = ["is_spam"]
