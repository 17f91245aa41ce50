from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from forum.core.pagination import paginate

from . import selectors, services


@login_required
def inbox(request):
    notifications = selectors.list_notifications(request.user)
    page = paginate(notifications, request.GET.get("page"), settings.FORUM_POSTS_PER_PROFILE_PAGE)
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request):
    """Mark one notification read (`notification` = its id), or all without one."""
    raw = request.POST.get("notification")
    if raw is None:
        services.mark_read(user=request.user)
    elif raw.isascii() and raw.isdigit():
        services.mark_read(user=request.user, notification_id=int(raw))
    return redirect("notifications:inbox")
