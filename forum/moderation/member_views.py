"""Pages about members: what they send the moderators (flags, appeals) and what moderators
decide about them (suspension, reinstatement, warnings), from a post or a profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from forum.accounts.models import User
from forum.core.limits import rate_limited
from forum.posts.decorators import with_post

from . import appeals, decisions, flags, last_action, members
from .forms import AppealForm, FlagForm, ReasonForm
from .models import AuditLogEntry
from .permissions import (
    can_appeal_post,
    can_flag_post,
    can_lift_login_limits,
    can_suspend_member,
    can_warn_member,
)
from .tool_forms import SuspendForm, WarnForm
from .views import moderator_required


@login_required
@require_POST
@with_post(permission=can_flag_post, denied="You cannot flag this post.")
@rate_limited("flag")
def flag(request, post):
    form = FlagForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "core/refused.html",
            {"message": "Choose why you flag it.", "back": post},
            status=400,
        )
    try:
        flags.flag_post(user=request.user, post=post, reason=form.cleaned_data["reason"])
    except flags.FlagRefused as refusal:
        return render(
            request, "core/refused.html", {"message": str(refusal), "back": post}, status=400
        )
    messages.success(request, "Thanks, a moderator will look at it.")
    return redirect(post)


@login_required
@require_POST
@with_post(permission=can_appeal_post, denied="Only the author of a hidden post can appeal.")
@rate_limited("appeal")
def appeal(request, post):
    form = AppealForm(request.POST)
    if not form.is_valid():
        message = f"Appeal not sent: {form.errors['message'][0]}"
        return render(request, "core/refused.html", {"message": message, "back": post}, status=400)
    try:
        appeals.appeal_post(author=request.user, post=post, message=form.cleaned_data["message"])
    except appeals.AppealRefused as refusal:
        context = {"message": str(refusal), "back": post}
        return render(request, "core/refused.html", context, status=409)
    messages.success(request, "Your appeal is with the moderators; you will hear the outcome.")
    return redirect(post)


# What each member action calls, the form it reads, and how it reports what it did.
MEMBER_ACTIONS = {
    "suspend": (
        members.suspend_member,
        SuspendForm,
        "{member} is suspended {term}; {n} of their posts are hidden.",
    ),
    "unsuspend": (
        members.unsuspend_member,
        ReasonForm,
        "{member} is reinstated; {n} of their posts restored.",
    ),
}


@moderator_required
@require_POST
@rate_limited("moderate")
def member_action(request, username, action):
    member = get_object_or_404(User, username=username)
    if not can_suspend_member(request.user, member):
        raise PermissionDenied("You cannot suspend or reinstate this member.")
    service, form_class, report = MEMBER_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        errors = [error for field in form.errors.values() for error in field]
        messages.error(request, f"Nothing was done: {errors[0]}")
        return redirect(member)
    options, term = {}, ""
    if action == "suspend":
        until = form.cleaned_data["ends_at"]
        options = {
            "reason": form.cleaned_data["reason"],
            "until": until,
            "hide_posts": form.cleaned_data["hide_posts"],
        }
        term = f"until {until:%Y-%m-%d %H:%M} UTC" if until else "until you lift it"
    try:
        n = service(moderator=request.user, member=member, **options)
    except decisions.ActionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, report.format(member=member, n=n, term=term))
        # Undone whole from the banner: its entry leads to the posts it moved.
        mine = AuditLogEntry.objects.filter(actor=request.user)
        entry = mine.filter(
            member=member,
            post=None,
            action__in=[AuditLogEntry.Action.SUSPENDED, AuditLogEntry.Action.UNSUSPENDED],
        ).latest("pk")
        last_action.remember(
            request.session,
            [entry],
            last_action.describe_suspension(member, lifted=action == "unsuspend", posts=n),
            through=mine.latest("pk").pk,
        )
    return redirect(member)


@moderator_required
@require_POST
@rate_limited("moderate")
def warn(request, username):
    member = get_object_or_404(User, username=username)
    if not can_warn_member(request.user, member):
        raise PermissionDenied("You cannot warn this member.")
    form = WarnForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Warning not sent: {form.errors['message'][0]}")
        return redirect(member)
    members.warn_member(moderator=request.user, member=member, message=form.cleaned_data["message"])
    messages.success(request, f"Your warning is in {member}'s inbox.")
    return redirect(member)


@moderator_required
@require_POST
@rate_limited("moderate")
def lift_login_limits(request, username):
    member = get_object_or_404(User, username=username)
    if not can_lift_login_limits(request.user, member):
        raise PermissionDenied("You cannot lift this member's log-in limits.")
    forgotten = members.lift_login_limits(moderator=request.user, member=member)
    messages.success(
        request,
        f"{member} can log in from anywhere at once again; {forgotten} failed log-ins forgotten.",
    )
    return redirect(member)
