from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.core.markdown import render_markdown
from forum.moderation.intake import PostRefused, revise_post
from forum.posts.decorators import with_post
from forum.posts.editing import edit_page
from forum.posts.models import Kind
from forum.posts.permissions import can_edit_post

from . import services
from .forms import AnswerForm
from .permissions import can_accept_answer, can_answer_question


@login_required
@require_POST
@with_post(
    kind=Kind.QUESTION, permission=can_answer_question, denied="You may not answer this question."
)
def create(request, question):
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
                        request, "Your answer is held for review until a moderator approves it."
                    )
                return redirect(answer)
    # Errors and previews get a page of their own, with the text kept in the form.
    context = {"form": form, "question": question, "preview": preview}
    return render(request, "answers/create.html", context, status=status)


@login_required
@with_post(kind=Kind.ANSWER, permission=can_edit_post, denied="You can only edit your own answers.")
def edit(request, answer):
    return edit_page(request, post=answer, form_class=AnswerForm, revise=revise_post)


@login_required
@require_POST
@with_post(
    kind=Kind.ANSWER,
    permission=can_accept_answer,
    denied="Only the person who asked can accept an answer.",
)
def accept(request, answer):
    if request.POST.get("undo"):
        services.unaccept_answer(answer=answer)
    else:
        services.accept_answer(answer=answer)
    return redirect(answer)
