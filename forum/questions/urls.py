from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("questions/ask/", views.ask, name="ask"),
    path("questions/<int:question_id>/", views.question_detail, name="detail_short"),
    # No trailing slash, so never read as a slug: feed readers keep the address they are given.
    path("questions/<int:question_id>/feed.rss", views.thread_feed["rss"], name="thread_rss"),
    path("questions/<int:question_id>/feed.atom", views.thread_feed["atom"], name="thread_atom"),
    # Before the slug pattern, so "edit" is never read as a slug.
    path("questions/<int:post_id>/edit/", views.edit, name="edit"),
    path("questions/<int:question_id>/<str:slug>/", views.question_detail, name="detail"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<tag:name>/", views.tag_detail, name="tag"),
    path("search/", views.search, name="search"),
    path("feeds/questions.rss", views.newest_feed["rss"], name="feed_rss"),
    path("feeds/questions.atom", views.newest_feed["atom"], name="feed_atom"),
    path("feeds/tags/<tag:name>.rss", views.tag_feed["rss"], name="tag_rss"),
    path("feeds/tags/<tag:name>.atom", views.tag_feed["atom"], name="tag_atom"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("users/", views.member_list, name="users"),
    path("users/<username:username>/", views.profile, name="profile"),
]
