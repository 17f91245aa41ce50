from django.contrib import admin

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["pk", "question", "author", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["body"]
    raw_id_fields = ["author", "question", "answer"]
    # Status changes go through the moderation queue so they reach the audit log.
    readonly_fields = ["status", "status_reason", "spam_score", "spam_reasons", "moderated_at"]
