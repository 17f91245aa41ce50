from django.urls import path

from . import member_views, tool_views, views

app_name = "moderation"

# The queue, acting on it, and taking an action back.
queue = [
    path("", views.queue, name="queue"),
    path("act/", views.act, name="act"),
    path("undo/", views.undo, name="undo"),
]
# A campaign is previewed whole before one action handles it.
campaigns = [
    path("campaigns/<int:campaign_id>/", views.campaign, name="campaign"),
    path("campaigns/<int:campaign_id>/act/", views.act_on_campaign, name="act_on_campaign"),
]
# What members send the moderators.
from_members = [
    path("flag/<int:post_id>/", member_views.flag, name="flag"),
    path("appeal/<int:post_id>/", member_views.appeal, name="appeal"),
]
# The record, and trying a change before it goes live.
records = [
    path("log/", views.audit_log, name="log"),
    path("dry-run/", views.dry_run, name="dry_run"),
    path("revisions/<int:revision_id>/redact/", views.redact, name="redact"),
    path("revisions/<int:revision_id>/unredact/", views.redact, {"undo": True}, name="unredact"),
]
# Watched words, and decisions on a whole thread.
tools = [
    path("watchlist/", tool_views.watchlist_page, name="watchlist"),
    path("watchlist/<int:pattern_id>/remove/", tool_views.unwatch, name="unwatch"),
    path("questions/<int:question_id>/close/", tool_views.close, name="close"),
    *(
        path(
            f"questions/<int:question_id>/{action}/",
            tool_views.thread_action,
            {"action": action},
            name=action,
        )
        for action in tool_views.THREAD_ACTIONS
    ),
]
# Decisions on members.
members = [
    *(
        path(
            f"members/<username:username>/{action}/",
            member_views.member_action,
            {"action": action},
            name=action,
        )
        for action in ("suspend", "unsuspend")
    ),
    path("members/<username:username>/warn/", member_views.warn, name="warn"),
    path(
        "members/<username:username>/lift-login-limits/",
        member_views.lift_login_limits,
        name="lift_login_limits",
    ),
]

urlpatterns = [*queue, *campaigns, *from_members, *records, *tools, *members]
