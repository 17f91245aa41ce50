from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy

from forum.core import resubmit
from forum.core.limits import limit_refusal, rate_limited

from . import services
from .forms import ProfileForm, QueuedPasswordResetForm, SignupForm
from .permissions import can_edit_profile


@rate_limited("signup", keep_form=True)
def signup(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
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
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(settings.LOGIN_REDIRECT_URL)


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


@login_required
@rate_limited("profile", keep_form=True)
def edit_profile(request):
    member = request.user
    allowed = can_edit_profile(member)
    if request.method == "POST" and not allowed:
        message = "Your account is suspended, so you cannot change your profile until it ends."
        return render(request, "core/refused.html", {"message": message}, status=403)
    initial = {"display_name": member.display_name, "about": member.about}
    form = ProfileForm(request.POST or None, member=member, initial=initial)
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
