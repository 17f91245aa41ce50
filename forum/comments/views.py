from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.moderation.intake import PostRefused, revise_post
from forum.posts.decorators import with_post
from forum.posts.editing import edit_page
from forum.posts.models import Kind
from forum.posts.permissions import can_edit_post

from . import services
from .forms import CommentForm
from .permissions import can_comment_on


@login_required
@require_POST
@with_post(permission=can_comment_on, denied="You may not comment here.")
def create(request, parent):
    form = CommentForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            comment = services.post_comment(
                author=request.user, parent=parent, body=form.cleaned_data["body"]
            )
        except PostRefused as refusal:
            form.add_error(None, str(refusal))
            status = 429
        else:
            if not comment.is_visible:
                messages.info(request, "Your comment is held for review.")
            return redirect(comment)
    # Errors get a page of their own so the comment form works without JavaScript.
    context = {"form": form, "question": parent.thread or parent, "parent": parent}
    return render(request, "comments/create.html", context, status=status)


@login_required
@with_post(
    kind=Kind.COMMENT, permission=can_edit_post, denied="You can only edit your own comments."
)
def edit(request, comment):
    return edit_page(request, post=comment, form_class=CommentForm, revise=revise_post)
