from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.answers.selectors import get_answer_for
from forum.questions.selectors import get_question_for

from .permissions import can_vote_on
from .services import VoteRefused, cast_vote

VALUES = {"up": 1, "down": -1, "retract": None}


@login_required
@require_POST
def vote_on_question(request, question_id):
    return _vote(request, get_question_for(request.user, question_id))


@login_required
@require_POST
def vote_on_answer(request, answer_id):
    return _vote(request, get_answer_for(request.user, answer_id))


def _vote(request, post):
    if not can_vote_on(request.user, post):
        raise PermissionDenied("You cannot vote on your own posts or on hidden ones.")
    choice = request.POST.get("value", "")
    if choice not in VALUES:
        return render(
            request, "core/refused.html", {"message": "Choose up, down or retract."}, status=400
        )
    try:
        cast_vote(user=request.user, post=post, value=VALUES[choice])
    except VoteRefused as refusal:
        return render(
            request, "core/refused.html", {"message": str(refusal), "back": post}, status=400
        )
    return redirect(post)
