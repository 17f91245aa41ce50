from forum.posts.models import Kind, Post, PostManager


class Comment(Post):
    """The comment kind of post: `Comment.objects` holds comments only."""

    objects = PostManager(kind=Kind.COMMENT)

    class Meta:
        proxy = True
