"""Pages and actions of the moderator tools: the watchlist, closing and locking questions.
Kept apart from views.py, which is about the queue and the audit log."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from forum.core.limits import rate_limited
from forum.watchlist.forms import WatchForm
from forum.watchlist.models import WatchedPattern
from forum.watchlist.selectors import list_patterns
from forum.watchlist.services import PatternRefused

from . import closing, selectors, watching
from .decisions import ActionRefused
from .forms import ReasonForm
from .permissions import can_close_question
from .tool_forms import CloseForm, RequiredReasonForm
from .views import moderator_required


@moderator_required
@rate_limited("moderate")
def watchlist_page(request):
    """The watched patterns, and the form that adds one (errors keep what was typed)."""
    form = WatchForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                watched = watching.watch_pattern(
                    moderator=request.user,
                    kind=form.cleaned_data["kind"],
                    pattern=form.cleaned_data["pattern"],
                    action=form.cleaned_data["action"],
                    note=form.cleaned_data["note"],
                )
            except PatternRefused as refusal:
                form.add_error("pattern", str(refusal))
            else:
                messages.success(request, f"Now watching for {watched}.")
                return redirect("moderation:watchlist")
        status = 400
    return render(
        request,
        "moderation/watchlist.html",
        {"form": form, "patterns": list_patterns()},
        status=status,
    )


@moderator_required
@require_POST
@rate_limited("moderate")
def unwatch(request, pattern_id):
    watched = get_object_or_404(WatchedPattern, pk=pattern_id)
    if watching.unwatch_pattern(moderator=request.user, watched=watched):
        messages.success(request, f"No longer watching for {watched}.")
    return redirect("moderation:watchlist")


def _question(request, question_id):
    question = selectors.get_post_for_moderation(question_id)
    if not can_close_question(request.user, question):
        raise Http404("No such question.")
    return question


@moderator_required
@require_POST
@rate_limited("moderate")
def close(request, question_id):
    question = _question(request, question_id)
    form = CloseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, f"Not closed: {errors[0]}")
        return redirect(question)
    original = None
    if form.cleaned_data["duplicate_of"] is not None:
        try:
            original = selectors.get_post_for_moderation(form.cleaned_data["duplicate_of"])
        except Http404:
            messages.error(request, "Not closed: there is no question with that number.")
            return redirect(question)
    try:
        closing.close_question(
            moderator=request.user,
            question=question,
            reason=form.cleaned_data["reason"],
            duplicate_of=original,
        )
    except ActionRefused as refusal:
        messages.error(request, f"Not closed: {refusal}")
    else:
        messages.success(request, "The question is closed; it takes no new answers.")
    return redirect(question)


# What each thread action needs and says: service, form, and the message when it is done.
THREAD_ACTIONS = {
    "reopen": (closing.reopen_question, None, "The question is open for answers again."),
    "lock": (
        closing.lock_question,
        RequiredReasonForm,
        "The question is locked: members can no longer answer, comment, vote or edit.",
    ),
    "unlock": (closing.unlock_question, None, "The question is unlocked."),
}


@moderator_required
@require_POST
@rate_limited("moderate")
def thread_action(request, question_id, action):
    question = _question(request, question_id)
    service, form_class, done = THREAD_ACTIONS[action]
    form = (form_class or ReasonForm)(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if form_class is not None and not reason:
        messages.error(request, f"Not done: say why (at most 300 characters) to {action} it.")
        return redirect(question)
    try:
        service(moderator=request.user, question=question, reason=reason)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect(question)
