from django.contrib import admin

from .models import Question, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "score", "answer_count", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "accepted_answer"]
    # Status changes go through the moderation queue so they reach the audit log.
    readonly_fields = ["status", "status_reason", "spam_score", "spam_reasons", "moderated_at"]
