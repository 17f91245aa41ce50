from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("drafts/<str:draft_id>/", views.resume_draft, name="resume_draft"),
]
