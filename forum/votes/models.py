from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Vote(models.Model):
    """One member's up or down vote on one question or answer."""

    class Value(models.IntegerChoices):
        UP = 1, "Up"
        DOWN = -1, "Down"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    question = models.ForeignKey(
        "questions.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    answer = models.ForeignKey(
        "answers.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    value = models.SmallIntegerField(choices=Value.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="vote_on_exactly_one_post",
            ),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(question__isnull=False),
                name="one_vote_per_member_per_question",
            ),
            models.UniqueConstraint(
                fields=["user", "answer"],
                condition=Q(answer__isnull=False),
                name="one_vote_per_member_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.get_value_display()} on {self.question_id or self.answer_id}"
