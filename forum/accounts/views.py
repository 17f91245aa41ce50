from functools import partial

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse

from forum.core import resubmit
from forum.core.limits import limit_refusal, rate_limited

from . import services
from .forms import SignupForm


@rate_limited("signup", keep_form=True)
def signup(request):
    if request.user.is_authenticated:
        return redirect("questions:list")
    if resubmit.earlier(request):
        return _already_signed_up(request)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and (refusal := limit_refusal(request)) is not None:
        form.add_error(None, refusal.message)
    elif request.method == "POST" and form.is_valid():
        sent = resubmit.save_once(
            request,
            partial(services.sign_up, form=form, confirm_url=request.build_absolute_uri),
            address=lambda user: reverse("accounts:login"),
        )
        if sent.previous:
            return _already_signed_up(request)
        if sent.saved is None:
            form.add_error(None, resubmit.refusal_message(sent))
        elif not sent.saved.is_active:
            return render(request, "accounts/confirm_sent.html", {"email": sent.saved.email})
        else:
            login(request, sent.saved, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {sent.saved.username}! Your account is ready.")
            return redirect("questions:list")
    return render(request, "accounts/signup.html", {"form": form})


def _already_signed_up(request):
    """A double click: the first sending made the account; it may not have logged it in."""
    messages.info(
        request,
        "Your account was already created from this form. Log in with it (if we e-mailed you "
        "a confirmation link, open it first).",
    )
    return redirect("accounts:login")


def confirm(request, token):
    user = services.confirm_email(token)
    if user is None:
        return render(
            request,
            "core/refused.html",
            {"message": "This confirmation link is invalid or has expired."},
            status=400,
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("questions:list")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once an account or an address has had too many failed log-ins,
    on the forum's log-in page and the admin's alike."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 900
    message = (
        "Too many failed log-ins for this account or from your network address. "
        f"Please try again in {max(1, round(seconds / 60))} minutes."
    )
    response = render(request, "core/refused.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def lockout_username(request, credentials=None) -> str:
    """The username django-axes counts failures under: at most 150 characters (Django's
    username length; axes stores 255) and no NUL bytes, which PostgreSQL refuses."""
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(name).replace("\x00", "")[:150]
