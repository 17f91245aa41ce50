from django.urls import path

from . import tool_views, views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("act/", views.act, name="act"),
    path("log/", views.audit_log, name="log"),
    path("undo/", views.undo, name="undo"),
    path("dry-run/", views.dry_run, name="dry_run"),
    path("campaigns/<int:campaign_id>/", views.campaign, name="campaign"),
    path("campaigns/<int:campaign_id>/act/", views.act_on_campaign, name="act_on_campaign"),
    path(
        "members/<username:username>/suspend/",
        views.member_action,
        {"action": "suspend"},
        name="suspend",
    ),
    path(
        "members/<username:username>/unsuspend/",
        views.member_action,
        {"action": "unsuspend"},
        name="unsuspend",
    ),
    path("flag/<int:post_id>/", views.flag, name="flag"),
    path("appeal/<int:post_id>/", views.appeal, name="appeal"),
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
    path("members/<username:username>/warn/", tool_views.warn, name="warn"),
    path("revisions/<int:revision_id>/redact/", views.redact, name="redact"),
    path("revisions/<int:revision_id>/unredact/", views.redact, {"undo": True}, name="unredact"),
]
