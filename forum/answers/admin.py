from django.contrib import admin

from .models import Answer


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["pk", "question", "author", "status", "score", "created_at"]
    list_filter = ["status"]
    search_fields = ["body"]
    raw_id_fields = ["author", "question"]
    # Status changes go through the moderation queue so they reach the audit log.
    readonly_fields = ["status", "status_reason", "spam_score", "spam_reasons", "moderated_at"]
