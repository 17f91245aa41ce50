from django.urls import path

from . import views

app_name = "help"
urlpatterns = [
    path("markdown/", views.markdown_help, name="markdown"),
    path("privileges/", views.privileges, name="privileges"),
]
