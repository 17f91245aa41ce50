from django.http import Http404

from forum.questions.models import Question

from .models import Comment


def get_comment_for(viewer, comment_id: int) -> Comment:
    """The comment if this viewer may see it and its question, else 404."""
    try:
        return (
            Comment.objects.visible_to(viewer)
            .filter(question__in=Question.objects.visible_to(viewer))
            .select_related("question", "answer", "author")
            .get(pk=comment_id)
        )
    except Comment.DoesNotExist:
        raise Http404("No such comment.") from None
