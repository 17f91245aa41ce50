from forum.posts.models import Kind, Post, PostManager


class Answer(Post):
    """The answer kind of post: `Answer.objects` holds answers only."""

    objects = PostManager(kind=Kind.ANSWER)

    class Meta:
        proxy = True
