from django.http import Http404

from forum.questions.models import Question

from .models import Answer


def get_answer_for(viewer, answer_id: int) -> Answer:
    """The answer if this viewer may see it and its question, else 404."""
    try:
        return (
            Answer.objects.visible_to(viewer)
            .filter(question__in=Question.objects.visible_to(viewer))
            .select_related("question", "author")
            .get(pk=answer_id)
        )
    except Answer.DoesNotExist:
        raise Http404("No such answer.") from None
