from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.answers.selectors import get_answer_for
from forum.core.views import edit_body_page
from forum.moderation.services import ReplyRefused
from forum.questions.selectors import get_question_for

from . import services
from .forms import CommentForm
from .permissions import can_comment_on, can_edit_comment
from .selectors import get_comment_for


@login_required
@require_POST
def create_on_question(request, question_id):
    question = get_question_for(request.user, question_id)
    return _create(request, question=question, answer=None)


@login_required
@require_POST
def create_on_answer(request, answer_id):
    answer = get_answer_for(request.user, answer_id)
    return _create(request, question=answer.question, answer=answer)


def _create(request, *, question, answer):
    parent = answer or question
    if not can_comment_on(request.user, parent):
        raise PermissionDenied("You may not comment here.")
    form = CommentForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            comment = services.post_comment(
                author=request.user,
                question=question,
                answer=answer,
                body=form.cleaned_data["body"],
            )
        except ReplyRefused as refusal:
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
        {"form": form, "question": question, "parent": parent},
        status=status,
    )


@login_required
def edit(request, comment_id):
    comment = get_comment_for(request.user, comment_id)
    if not can_edit_comment(request.user, comment):
        raise PermissionDenied("You can only edit your own comments.")
    return edit_body_page(
        request,
        post=comment,
        kind="comment",
        form=CommentForm(request.POST or None, initial={"body": comment.body}),
        save=lambda body: services.edit_comment(editor=request.user, comment=comment, body=body),
    )
