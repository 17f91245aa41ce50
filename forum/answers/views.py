from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.core.drafts import member_required
from forum.core.limits import rate_limited, write_or_preview
from forum.moderation.advice import advise_edit, advise_post
from forum.moderation.intake import revise_post
from forum.posts.decorators import naming_post, with_post
from forum.posts.models import Kind, PostNoLongerAllowed
from forum.posts.pages import ReplyPage, edit_page, reply_page
from forum.posts.permissions import can_edit_post

from . import services
from .forms import AnswerForm
from .permissions import can_accept_answer, can_answer_question

ANSWER_PAGE = ReplyPage(
    form_class=AnswerForm,
    submit=services.post_answer,
    template="answers/create.html",
    advise=partial(advise_post, kind=Kind.ANSWER),
)


@member_required
@require_POST
@naming_post(
    kind=Kind.QUESTION, permission=can_answer_question, denied="You may not answer this question."
)
@rate_limited(write_or_preview("answer"), keep_form=True)
def create(request, question):
    return reply_page(request, ANSWER_PAGE, parent=question)


@member_required
@with_post(kind=Kind.ANSWER, permission=can_edit_post, denied="You can only edit your own answers.")
@rate_limited(write_or_preview("edit"), keep_form=True)
def edit(request, answer):
    return edit_page(
        request, post=answer, form_class=AnswerForm, revise=revise_post, advise=advise_edit
    )


@login_required
@require_POST
@with_post(
    kind=Kind.ANSWER,
    permission=can_accept_answer,
    denied="Only the person who asked can accept an answer.",
)
@rate_limited("vote")
def accept(request, answer):
    if request.POST.get("undo"):
        services.unaccept_answer(answer=answer)
        messages.success(request, "The answer is no longer marked as accepted.")
    else:
        try:
            services.accept_answer(answer=answer, by=request.user)
        except PostNoLongerAllowed as refusal:
            context = {"message": str(refusal), "back": answer}
            return render(request, "core/refused.html", context, status=refusal.status_code)
        messages.success(request, "You accepted this answer; it now comes first.")
    return redirect(answer)
