from django.contrib import admin

from .models import AuditLogEntry, Flag, TrainingExample


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, written by the moderation services alone."""

    list_display = ["created_at", "actor", "action", "content_type", "object_id", "member"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "reason", "content_type", "object_id", "resolved_at"]
    list_filter = ["reason"]
    raw_id_fields = ["user"]


@admin.register(TrainingExample)
class TrainingExampleAdmin(admin.ModelAdmin):
    list_display = ["created_at", "is_spam", "decided_by", "revoked_at"]
    list_filter = ["is_spam"]
    readonly_fields = ["text", "is_spam", "content_type", "object_id", "decided_by", "created_at"]
