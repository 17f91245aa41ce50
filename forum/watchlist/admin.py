"""Watched patterns are read-only in the admin: they change on the watch list's page, where
each change is written to the audit log and the cached list gets a new version."""

from django.contrib import admin

from forum.core.admin import ReadOnlyModelAdmin

from .models import WatchedPattern


@admin.register(WatchedPattern)
class WatchedPatternAdmin(ReadOnlyModelAdmin):
    list_display = ["kind", "pattern", "action", "created_by", "created_at"]
    list_filter = ["kind", "action"]
