from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("questions/ask/", views.ask, name="ask"),
    path("questions/<int:question_id>/", views.question_detail, name="detail_short"),
    # Before the slug pattern, so "edit" is never read as a slug.
    path("questions/<int:post_id>/edit/", views.edit, name="edit"),
    path("questions/<int:question_id>/<str:slug>/", views.question_detail, name="detail"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<tag:name>/", views.tag_detail, name="tag"),
    path("search/", views.search, name="search"),
    path("users/", views.member_list, name="users"),
    path("users/<username:username>/", views.profile, name="profile"),
]
