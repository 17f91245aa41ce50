from django.shortcuts import render

from forum.core.pagecache import cached_for_readers

from . import selectors


@cached_for_readers()
def revisions(request, post_id):
    post = selectors.get_post_for(request.user, post_id)
    context = {
        "post": post,
        "question": post.thread or post,
        "revisions": selectors.list_revisions(post, viewer=request.user),
    }
    return render(request, "posts/revisions.html", context)
