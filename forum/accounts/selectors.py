"""Reads for profile pages."""

from django.shortcuts import get_object_or_404

from forum.answers.models import Answer
from forum.questions.models import Question

from .models import User


def get_member(username: str) -> User:
    return get_object_or_404(User, username=username)


def list_questions_by(member: User, *, viewer):
    return (
        Question.objects.visible_to(viewer)
        .filter(author=member)
        .select_related("author")
        .order_by("-created_at")
    )


def list_answers_by(member: User, *, viewer):
    return (
        Answer.objects.visible_to(viewer)
        .filter(author=member)
        .select_related("question")
        .order_by("-created_at")
    )
