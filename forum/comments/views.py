from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.moderation.intake import PostRefused, revise_post
from forum.posts.editing import edit_page
from forum.posts.models import Kind
from forum.posts.permissions import can_edit_post
from forum.posts.selectors import get_post_for

from . import services
from .forms import CommentForm
from .permissions import can_comment_on


@login_required
@require_POST
def create(request, post_id):
    parent = get_post_for(request.user, post_id)
    if not can_comment_on(request.user, parent):
        raise PermissionDenied("You may not comment here.")
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
    return render(
        request,
        "comments/create.html",
        {"form": form, "question": parent.thread or parent, "parent": parent},
        status=status,
    )


@login_required
def edit(request, comment_id):
    comment = get_post_for(request.user, comment_id, kind=Kind.COMMENT)
    if not can_edit_post(request.user, comment):
        raise PermissionDenied("You can only edit your own comments.")
    return edit_page(
        request,
        post=comment,
        form=CommentForm(request.POST or None, initial={"body": comment.body}),
        save=lambda body: revise_post(editor=request.user, post=comment, body=body),
    )
