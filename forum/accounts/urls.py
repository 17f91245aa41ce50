from django.contrib.auth import views as auth_views
from django.urls import path

from forum.core.limits import rate_limited

from . import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    # Wrong passwords are counted by django-axes; this bounds attempts of any kind per address.
    path("login/", rate_limited("login")(auth_views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
