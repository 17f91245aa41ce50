"""Moderation records are read-only in the admin: they are written by the moderation
services alone, and nothing here may be deleted."""

from django.contrib import admin

from forum.core.admin import ReadOnlyModelAdmin

from .models import AuditLogEntry, Flag, TrainingExample


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "actor", "action", "post", "member"]
    list_filter = ["action"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "user", "reason", "post", "resolved_at"]
    list_filter = ["reason"]


@admin.register(TrainingExample)
class TrainingExampleAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "is_spam", "decided_by", "revoked_at"]
    list_filter = ["is_spam"]
