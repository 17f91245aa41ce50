from django.contrib import admin
from django.urls import include, path

from forum.accounts.views import slowed_down
from forum.api import api
from forum.core import converters
from forum.core.views import favicon, healthz, robots_txt

converters.register()

urlpatterns = [
    # Action routes such as questions/<id>/answer/ come before the question's slug route.
    path("", include("forum.answers.urls")),
    path("", include("forum.comments.urls")),
    path("", include("forum.votes.urls")),
    path("", include("forum.posts.urls")),
    path("", include("forum.questions.urls")),
    path("accounts/", include("forum.accounts.urls")),
    path("", include("forum.core.urls")),
    path("moderation/", include("forum.moderation.urls")),
    path("inbox/", include("forum.notifications.urls")),
    path("help/", include("forum.help.urls")),
    # The admin's log-in is slowed down as the forum's is (forum/accounts/lockout.py).
    path("admin/login/", slowed_down(admin.site.login)),
    path("api/", include((api.urls(), "api"))),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
]
