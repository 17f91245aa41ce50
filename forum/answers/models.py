from django.db import models

from forum.core.models import Post


class Answer(Post):
    question = models.ForeignKey(
        "questions.Question", on_delete=models.CASCADE, related_name="answers"
    )
    score = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["question", "status", "score"])]

    def __str__(self):
        return f"Answer {self.pk} to {self.question_id}"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"
