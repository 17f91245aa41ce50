"""The forum's URLs plus the bare view every figure is compared with."""

from django.http import HttpResponse
from django.urls import path

from forum.urls import urlpatterns as forum_urlpatterns


def bare(request):
    """The cheapest page Django can serve through the same middleware: the ceiling."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *forum_urlpatterns]
