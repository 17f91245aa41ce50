from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.core.limits import client_browser, client_ip, rate_limited, remember_browser
from forum.posts.decorators import with_post

from .permissions import can_vote_down, can_vote_on
from .services import VoteRefused, cast_vote

VALUES = {"up": 1, "down": -1, "retract": None}


@login_required
@require_POST
@with_post(
    permission=can_vote_on,
    denied="You cannot vote on your own posts, on comments or on hidden ones.",
)
@rate_limited("vote")
def vote(request, post):
    choice = request.POST.get("value", "")
    if choice not in VALUES:
        return render(
            request, "core/refused.html", {"message": "Choose up, down or retract."}, status=400
        )
    if choice == "down" and not can_vote_down(request.user, post):
        return render(
            request,
            "core/refused.html",
            {"message": "Voting down needs more reputation.", "back": post},
            status=403,
        )
    try:
        cast_vote(
            user=request.user,
            post=post,
            value=VALUES[choice],
            address=client_ip(request),
            browser=client_browser(request),
        )
    except VoteRefused as refusal:
        return render(
            request, "core/refused.html", {"message": str(refusal), "back": post}, status=400
        )
    messages.success(
        request, "Your vote is recorded." if VALUES[choice] else "Your vote is withdrawn."
    )
    return remember_browser(request, redirect(post))
