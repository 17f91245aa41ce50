from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.posts.selectors import get_post_for

from .permissions import can_vote_on
from .services import VoteRefused, cast_vote

VALUES = {"up": 1, "down": -1, "retract": None}


@login_required
@require_POST
def vote(request, post_id):
    post = get_post_for(request.user, post_id)
    if not can_vote_on(request.user, post):
        raise PermissionDenied("You cannot vote on your own posts, on comments or on hidden ones.")
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
