from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page links; send them to the icon.

    Temporary (302): the icon's static name changes with its content on every deploy.
    """
    return redirect(static("forum/img/favicon.svg"))
