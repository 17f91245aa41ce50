from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from forum.core.models import Post, PostQuerySet

RESERVED_SLUGS = {"answer", "comment", "vote", "edit", "revisions"}


class Tag(models.Model):
    name = models.CharField(max_length=35, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("questions:tag", args=[self.name])


class QuestionQuerySet(PostQuerySet):
    def unanswered(self):
        return self.filter(answer_count=0)


class Question(Post):
    title = models.CharField(max_length=150)
    tags = models.ManyToManyField(Tag, related_name="questions", blank=True)
    score = models.IntegerField(default=0)
    # Counts visible answers only; kept by the services that change an answer's visibility.
    answer_count = models.PositiveIntegerField(default=0)
    accepted_answer = models.ForeignKey(
        "answers.Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["score", "created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.pk, self.slug])

    @property
    def slug(self) -> str:
        slug = slugify(self.title)[:80]
        # A slug equal to an action's path segment would be routed to the action instead.
        return slug if slug and slug not in RESERVED_SLUGS else f"question-{self.pk}"
