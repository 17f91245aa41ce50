"""Posts are read-only in the admin: edits and status changes go through the forum's own
pages, which render Markdown, keep revisions, re-screen and write the audit log. Each kind's
app registers its proxy with `PostAdmin`."""

from django.contrib import admin

from forum.core.admin import ReadOnlyModelAdmin

from .models import Tag


class PostAdmin(ReadOnlyModelAdmin):
    list_display = ["__str__", "author", "status", "score", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    list_select_related = ["author"]
    exclude = ["body_html"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False
