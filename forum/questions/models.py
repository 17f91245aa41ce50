from forum.posts.models import Kind, Post, PostManager


class Question(Post):
    """The question kind of post: `Question.objects` holds questions only."""

    objects = PostManager(kind=Kind.QUESTION)

    class Meta:
        proxy = True
