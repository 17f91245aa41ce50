from datetime import timedelta
from functools import partial, wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from forum.core import resubmit
from forum.core.limits import (
    client_browser,
    client_ip,
    limit_refusal,
    rate_limited,
    remember_browser,
)

from . import lockout, services, tokens
from .forms import ProfileForm, QueuedPasswordResetForm, SignupForm, TokenForm
from .permissions import can_edit_profile


@rate_limited("signup", keep_form=True)
def signup(request):
    # The browser gets its id with the form, and keeps it for every account made in it.
    client_browser(request)
    return remember_browser(request, _signup(request))


def _signup(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    if resubmit.earlier(request):
        return _already_signed_up(request)
    # A POST is a sent form even with no fields (over a limit it gets the refusal).
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (refusal := limit_refusal(request)) is not None:
        form.add_error(None, refusal.message)
    elif request.method == "POST" and form.is_valid():
        try:
            sent = resubmit.save_once(
                request,
                partial(
                    services.sign_up,
                    form=form,
                    confirm_url=request.build_absolute_uri,
                    address=client_ip(request),
                    browser=client_browser(request),
                ),
                address=lambda user: reverse("accounts:login"),
            )
        except IntegrityError:
            # Another sign-up took this name, or one looking like it, since the form was
            # checked: the unique skeleton refused the second.
            form.add_error("username", "That name was taken a moment ago; please choose another.")
            return render(request, "accounts/signup.html", {"form": form}, status=409)
        if sent.previous:
            return _already_signed_up(request)
        if sent.saved is None:
            form.add_error(None, resubmit.refusal_message(sent))
        elif not sent.saved.is_active:
            return render(request, "accounts/confirm_sent.html", {"email": sent.saved.email})
        else:
            login(request, sent.saved, backend="forum.accounts.usercache.Backend")
            messages.success(request, f"Welcome, {sent.saved.username}! Your account is ready.")
            return redirect(settings.LOGIN_REDIRECT_URL)
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
    login(request, user, backend="forum.accounts.usercache.Backend")
    return redirect(settings.LOGIN_REDIRECT_URL)


def _refused_until(request, seconds: int, why: str):
    """The 429 page for a log-in not tried now: why, and when to try again, in words and in
    Retry-After."""
    at = timezone.now() + timedelta(seconds=seconds)
    message = (
        f"{why} Please try again in {_when(seconds)} (at {at:%H:%M:%S} UTC). A moderator can "
        "lift this if it keeps you out."
    )
    response = render(request, "core/refused.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _when(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{round(seconds / 60)} minutes"


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once this username has had too many failed log-ins from this
    address (or this address from any), on the forum's log-in page and the admin's."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 900
    why = "Too many failed log-ins for this account from your network address."
    return _refused_until(request, seconds, why)


def lockout_username(request, credentials=None) -> str:
    """The username django-axes counts failures under."""
    return lockout.clean_username(
        (credentials or {}).get("username") or request.POST.get("username", "")
    )


def slowed_down(view):
    """A log-in view, slowed down (not locked) for a username being tried from many
    addresses: from an address its owner has not logged in from, wait before trying again.
    The password is not checked meanwhile, and the refusal counts as no failure."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            username = lockout_username(request)
            wait = lockout.slowdown_seconds(username, client_ip(request)) if username else 0
            if wait:
                why = (
                    "This account has had many failed log-ins from other network addresses, "
                    "so log-ins from addresses it has not used before are slowed down."
                )
                return _refused_until(request, wait, why)
        return view(request, *args, **kwargs)

    return wrapper


login_view = slowed_down(auth_views.LoginView.as_view())


@login_required
@rate_limited("profile", keep_form=True)
def edit_profile(request):
    member = request.user
    allowed = can_edit_profile(member)
    if request.method == "POST" and not allowed:
        message = "Your account is suspended, so you cannot change your profile until it ends."
        return render(request, "core/refused.html", {"message": message}, status=403)
    initial = {"display_name": member.display_name, "about": member.about}
    sent = request.POST if request.method == "POST" else None
    form = ProfileForm(sent, member=member, initial=initial)
    if request.method == "POST" and (refusal := limit_refusal(request)) is not None:
        form.add_error(None, refusal.message)  # the text stays in the form
    elif request.method == "POST" and form.is_valid():
        services.edit_profile(member=member, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect(member)
    return render(request, "accounts/settings.html", {"form": form, "can_edit": allowed})


class _LimitedFormMixin:
    """For auth's form views wrapped in `rate_limited(keep_form=True)`: a refused request
    gets its form back with the refusal above it, and nothing is done."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if form.is_bound and (refusal := limit_refusal(self.request)) is not None:
            form.add_error(None, refusal.message)  # the form is then invalid: shown again
        return form


class PasswordResetView(_LimitedFormMixin, auth_views.PasswordResetView):
    """Ask for a reset link. The next page reads the same whether or not a member uses the
    address, and the requests are limited per sender and per e-mail address (settings
    FORUM_RATE_LIMITS["password_reset"]) before that is looked up, so a refusal tells
    nothing either."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = QueuedPasswordResetForm

    @property
    def extra_email_context(self):
        return {"valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(_LimitedFormMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
@rate_limited("token", keep_form=True)
def api_tokens(request):
    """The member's API tokens: make one (its secret is shown on this response only, never
    again) and revoke any. Suspended members keep their tokens, and the API refuses their
    writes as the pages do."""
    # Bound on every POST, even an empty one: a refusal is added to the form as an error.
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and (refusal := limit_refusal(request)) is not None:
        form.add_error(None, refusal.message)
    elif request.method == "POST" and form.is_valid():
        try:
            _token, secret = tokens.create_token(user=request.user, name=form.cleaned_data["name"])
        except tokens.TokenRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            form = TokenForm()
    context = {"form": form, "secret": secret, "tokens": tokens.list_tokens(request.user)}
    response = render(request, "accounts/tokens.html", context)
    if secret is not None:
        # The page holding the secret is kept by no cache and no back button's copy.
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
@rate_limited("token")
def revoke_api_token(request, token_id):
    if tokens.revoke_token(user=request.user, token_id=token_id):
        messages.success(request, "The token is revoked; requests using it are now refused.")
    else:
        messages.info(request, "That token was already revoked.")
    return redirect("accounts:api_tokens")
