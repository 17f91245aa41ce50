from functools import partial

from django.views.decorators.http import require_POST

from forum.core.drafts import member_required
from forum.core.limits import rate_limited, write_or_preview
from forum.moderation.advice import advise_edit, advise_post
from forum.moderation.intake import revise_post
from forum.posts.decorators import naming_post, with_post
from forum.posts.models import Kind
from forum.posts.pages import ReplyPage, edit_page, reply_page
from forum.posts.permissions import can_edit_post

from . import services
from .forms import CommentForm
from .permissions import can_comment_on

# Errors get a page of their own, so the comment form works without JavaScript.
COMMENT_PAGE = ReplyPage(
    form_class=CommentForm,
    submit=services.post_comment,
    template="comments/create.html",
    advise=partial(advise_post, kind=Kind.COMMENT),
)


@member_required
@require_POST
@naming_post(permission=can_comment_on, denied="You may not comment here.")
@rate_limited(write_or_preview("comment"), keep_form=True)
def create(request, parent):
    return reply_page(request, COMMENT_PAGE, parent=parent)


@member_required
@with_post(
    kind=Kind.COMMENT, permission=can_edit_post, denied="You can only edit your own comments."
)
@rate_limited(write_or_preview("edit"), keep_form=True)
def edit(request, comment):
    return edit_page(
        request, post=comment, form_class=CommentForm, revise=revise_post, advise=advise_edit
    )
