"""The moderators' own pages: the queue and acting on it, campaigns, the audit log and undo,
redaction and the dry run. Members' pages are in member_views.py, the tools (watched words,
closing and locking) in tool_views.py."""

from datetime import UTC
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from forum.accounts.permissions import can_moderate
from forum.core.limits import rate_limited
from forum.core.pagination import paginate

from . import campaigns, decisions, jobs, last_action, members, revisions, selectors
from .actions import ACTIONS
from .forms import DryRunForm, ModerationActionForm, ReasonForm
from .models import AuditLogEntry


def moderator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied("Only moderators can do that.")
        return view(request, *args, **kwargs)

    return wrapper


@moderator_required
def queue(request):
    tab = request.GET.get("tab", "held")
    if tab not in selectors.QUEUE_TABS:
        tab = "held"
    before = _parse_before(request.GET.get("before", ""))
    if tab == "campaigns":
        found = campaigns.list_campaigns()
        return render(
            request,
            "moderation/campaigns.html",
            {
                "tab": tab,
                "tabs": selectors.QUEUE_TABS,
                "counts": selectors.count_queue(campaigns=found),
                "campaigns": found,
                **_jobs_context(),
            },
        )
    items = selectors.list_queue(tab, before=before)
    return render(
        request,
        "moderation/queue.html",
        {
            "appeals": selectors.list_open_appeals() if before is None else [],
            # Select-all without JavaScript: the page comes back with every box ticked.
            "select_all": request.GET.get("select") == "all",
            "tab": tab,
            "tabs": selectors.QUEUE_TABS,
            "counts": selectors.count_queue(),
            "items": items,
            **_jobs_context(),
            "next_before": items[-1].post.created_at.isoformat()
            if len(items) == selectors.QUEUE_PAGE_SIZE
            else None,
        },
    )


def _jobs_context() -> dict:
    """The latest moderation jobs and whether one is still going (the page then reloads
    itself every few seconds)."""
    recent = jobs.recent_jobs()
    return {"jobs": recent, "jobs_running": any(not job.finished for job in recent)}


def _parse_before(value: str):
    """The queue's keyset cursor, or None for anything that is not a usable moment: month 13,
    an offset of a day or more, a year the database cannot compare (0001 minus an offset)."""
    try:
        moment = parse_datetime(value)
        if moment is None or not 1900 <= moment.year <= 9000:
            return None
        # In UTC: PostgreSQL refuses offsets it cannot display (+23:59).
        return (
            moment.astimezone(UTC) if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)
        )
    except (ValueError, OverflowError):
        return None


@moderator_required
@require_POST
@rate_limited("moderate")
def act(request):
    form = ModerationActionForm(request.POST)
    tab = request.POST.get("tab", "held")
    back = f"{reverse('moderation:queue')}?tab={tab if tab in selectors.QUEUE_TABS else 'held'}"
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect(back)
    targets = form.cleaned_data["targets"]
    if len(targets) > settings.FORUM_JOB_BATCH:
        # More than one batch: the workers carry it out, a batch (all or nothing) at a time.
        job = jobs.start_bulk_job(
            moderator=request.user,
            action=form.cleaned_data["action"],
            targets=targets,
            reason=form.cleaned_data["reason"],
        )
        last_action.forget(request.session)
        messages.success(request, _job_message(form.cleaned_data["action"].capitalize(), job))
        return redirect(back)
    action = ACTIONS[form.cleaned_data["action"]]
    results = []
    # All or nothing: a refusal part-way leaves every post as it was.
    try:
        with transaction.atomic():
            for post_id, revision in targets:
                post = selectors.get_post_for_moderation(post_id)
                results.append(
                    action(
                        moderator=request.user,
                        post=post,
                        reason=form.cleaned_data["reason"],
                        seen_revision=revision,
                    )
                )
    except (decisions.ActionRefused, Http404) as refusal:
        messages.error(request, f"Nothing was changed: {refusal}")
        return redirect(back)
    done = sum(bool(result) for result in results)
    # The changes just made can be undone from any page until the next action.
    logged = [entry for entry in results if isinstance(entry, AuditLogEntry)]
    changed = [entry for entry in logged if entry.changed_status]
    text = last_action.describe_decision(form.cleaned_data["action"], changed) if changed else ""
    last_action.remember(
        request.session, changed, text, through=max((entry.pk for entry in logged), default=0)
    )
    messages.success(request, last_action.report(form.cleaned_data["action"], done))
    return redirect(_next_or(request, back))


@moderator_required
def audit_log(request):
    page = paginate(selectors.list_log_entries(), request.GET.get("page"), 50)
    undoable = selectors.undoable_entry_ids(page.object_list)
    return render(request, "moderation/log.html", {"page": page, "undoable": undoable})


@moderator_required
@require_POST
def undo(request):
    """Undo the listed decisions (newest first), all or nothing."""
    raw = request.POST.getlist("entry")
    if not raw or not all(value.isascii() and value.isdigit() for value in raw):
        messages.error(request, "Nothing to undo.")
        return redirect("moderation:log")
    try:
        with transaction.atomic():
            for entry_id in sorted(map(int, raw), reverse=True):
                entry = selectors.get_log_entry(entry_id)
                # A suspension or its lifting is undone whole, with the posts it moved.
                undo_one = (
                    members.undo_suspension_change
                    if entry.post_id is None
                    else decisions.undo_decision
                )
                undo_one(moderator=request.user, entry=entry)
    except (decisions.ActionRefused, Http404) as refusal:
        messages.error(request, f"Nothing was undone: {refusal}")
    else:
        last_action.forget(request.session)
        messages.success(request, f"Undone: {len(raw)} decision{'s' if len(raw) != 1 else ''}.")
    return redirect(_next_or(request, reverse("moderation:log")))


def _next_or(request, default: str) -> str:
    """The page the moderator acted from (a same-site `next`), else `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@moderator_required
def campaign(request, campaign_id):
    """Preview: every post a campaign action will touch, before anything is done."""
    return render(
        request,
        "moderation/campaign.html",
        {"campaign": campaigns.get_campaign(campaign_id), "decisions": CAMPAIGN_DECISIONS},
    )


CAMPAIGN_DECISIONS = {"reject": "Reject all as spam", "hide": "Hide all", "approve": "Publish all"}


@moderator_required
@require_POST
def act_on_campaign(request, campaign_id):
    decision = request.POST.get("decision", "")
    # The posts the preview listed, as one comma-separated field: one field per post would
    # pass Django's limit of 1,000 fields on a large campaign (a 400).
    raw = [value for field in request.POST.getlist("items") for value in field.split(",")]
    if decision not in CAMPAIGN_DECISIONS or not all(v.isascii() and v.isdigit() for v in raw):
        messages.error(request, "Choose what to do with the campaign.")
        return redirect("moderation:campaign", campaign_id=campaign_id)
    # A campaign can hold thousands of posts: the workers handle it a batch at a time and the
    # campaigns tab shows how far they got (no broker: it is done before the page comes back).
    job = jobs.start_campaign_job(
        moderator=request.user,
        decision=decision,
        post_ids=[int(value) for value in raw],
        campaign_id=campaign_id,
    )
    messages.success(request, _job_message(CAMPAIGN_DECISIONS[decision], job))
    return redirect(f"{reverse('moderation:queue')}?tab=campaigns")


def _job_message(what: str, job) -> str:
    job.refresh_from_db()
    if job.state == job.State.DONE:
        return f"{what}: {job.done} posts handled."
    if job.state == job.State.FAILED:
        return f"{what}: {job.done} of {job.total} posts handled, then it stopped: {job.error}"
    return f"{what}: {job.total} posts, handled in the background; progress is shown below."


@moderator_required
@require_POST
@rate_limited("moderate")
def redact(request, revision_id, undo=False):
    revision = selectors.get_revision_for_moderation(revision_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    service = revisions.unredact_revision if undo else revisions.redact_revision
    service(moderator=request.user, revision=revision, reason=reason)
    messages.success(
        request, f"Version {revision.number} is {'public again' if undo else 'redacted'}."
    )
    return redirect("posts:revisions", revision.post_id)


@moderator_required
def dry_run(request):
    """Replay a proposed hold threshold over every scored post before it goes live."""
    current = settings.SPAM_FILTER_THRESHOLDS["low_value"]
    shadow = settings.SPAM_FILTER_SHADOW_LOW_VALUE
    # A threshold in shadow mode is the one to look at first.
    form = DryRunForm(request.GET or ({"low_value": shadow} if shadow is not None else None))
    result = None
    if form.is_valid():
        result = selectors.replay_thresholds(
            low_value=form.cleaned_data["low_value"], current_low_value=current
        )
    context = {"form": form, "current": current, "result": result}
    return render(request, "moderation/dry_run.html", context)
