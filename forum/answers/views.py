from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.core.markdown import render_markdown
from forum.moderation.intake import PostRefused, revise_post
from forum.posts.editing import edit_page
from forum.posts.models import Kind
from forum.posts.permissions import can_edit_post
from forum.posts.selectors import get_post_for

from . import services
from .forms import AnswerForm
from .permissions import can_accept_answer, can_answer_question


@login_required
@require_POST
def create(request, question_id):
    question = get_post_for(request.user, question_id, kind=Kind.QUESTION)
    if not can_answer_question(request.user, question):
        raise PermissionDenied("You may not answer this question.")
    form = AnswerForm(request.POST)
    status, preview = 400, None
    if form.is_valid():
        if "preview" in request.POST:
            status, preview = 200, render_markdown(form.cleaned_data["body"])
        else:
            try:
                answer = services.post_answer(
                    author=request.user, question=question, body=form.cleaned_data["body"]
                )
            except PostRefused as refusal:
                form.add_error(None, str(refusal))
                status = 429
            else:
                if not answer.is_visible:
                    messages.info(
                        request,
                        "Your answer is held for review; readers will see it once approved.",
                    )
                return redirect(answer)
    # Errors and previews get a page of their own, with the text kept in the form.
    context = {"form": form, "question": question, "preview": preview}
    return render(request, "answers/create.html", context, status=status)


@login_required
def edit(request, answer_id):
    answer = get_post_for(request.user, answer_id, kind=Kind.ANSWER)
    if not can_edit_post(request.user, answer):
        raise PermissionDenied("You can only edit your own answers.")
    return edit_page(
        request,
        post=answer,
        form=AnswerForm(request.POST or None, initial={"body": answer.body}),
        save=lambda body: revise_post(editor=request.user, post=answer, body=body),
    )


@login_required
@require_POST
def accept(request, answer_id):
    answer = get_post_for(request.user, answer_id, kind=Kind.ANSWER)
    if not can_accept_answer(request.user, answer):
        raise PermissionDenied("Only the person who asked can accept an answer.")
    if request.POST.get("undo"):
        services.unaccept_answer(answer=answer)
    else:
        services.accept_answer(answer=answer)
    return redirect(answer)
