from django.db import models

from forum.core.models import Post


class Comment(Post):
    """A short remark under a question or, when `answer` is set, under one of its answers."""

    # Always the thread's question, even for comments on answers, so that one query fetches
    # every comment a thread page shows.
    question = models.ForeignKey(
        "questions.Question", on_delete=models.CASCADE, related_name="comments"
    )
    answer = models.ForeignKey(
        "answers.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )

    class Meta:
        indexes = [models.Index(fields=["question", "status", "created_at"])]

    def __str__(self):
        if self.answer_id:
            return f"Comment {self.pk} on answer {self.answer_id}"
        return f"Comment {self.pk} on question {self.question_id}"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#comment-{self.pk}"
