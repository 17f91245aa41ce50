from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.core.markdown import render_markdown
from forum.core.selectors import list_revisions
from forum.core.views import edit_body_page
from forum.moderation.services import ReplyRefused
from forum.questions.permissions import can_answer_question
from forum.questions.selectors import get_question_for
from forum.questions.views import render_thread

from . import services
from .forms import AnswerForm
from .permissions import can_accept_answer, can_edit_answer
from .selectors import get_answer_for


@login_required
@require_POST
def create(request, question_id):
    question = get_question_for(request.user, question_id)
    if not can_answer_question(request.user, question):
        raise PermissionDenied("You may not answer this question.")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render_thread(request, question, answer_form=form, status=400)
    if "preview" in request.POST:
        preview = render_markdown(form.cleaned_data["body"])
        return render_thread(request, question, answer_form=form, preview=preview)
    try:
        answer = services.post_answer(
            author=request.user, question=question, body=form.cleaned_data["body"]
        )
    except ReplyRefused as refusal:
        form.add_error(None, str(refusal))
        return render_thread(request, question, answer_form=form, status=429)
    if not answer.is_visible:
        messages.info(request, "Your answer is held for review; readers will see it once approved.")
    return redirect(answer)


@login_required
def edit(request, answer_id):
    answer = get_answer_for(request.user, answer_id)
    if not can_edit_answer(request.user, answer):
        raise PermissionDenied("You can only edit your own answers.")
    return edit_body_page(
        request,
        post=answer,
        kind="answer",
        form=AnswerForm(request.POST or None, initial={"body": answer.body}),
        save=lambda body: services.edit_answer(editor=request.user, answer=answer, body=body),
    )


@login_required
@require_POST
def accept(request, answer_id):
    answer = get_answer_for(request.user, answer_id)
    if not can_accept_answer(request.user, answer):
        raise PermissionDenied("Only the person who asked can accept an answer.")
    if request.POST.get("undo"):
        services.unaccept_answer(answer=answer)
    else:
        services.accept_answer(answer=answer)
    return redirect(answer)


def revisions(request, answer_id):
    answer = get_answer_for(request.user, answer_id)
    return render(
        request,
        "core/revisions.html",
        {"post": answer, "question": answer.question, "revisions": list_revisions(answer)},
    )
