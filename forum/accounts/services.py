"""Writes on members."""

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core import signing
from django.db import transaction
from django.urls import reverse

from forum.core import pagecache
from forum.core.markdown import render_markdown

from .models import User
from .reputation import markup_allowed
from .tasks import mail_after_commit

_CONFIRM_SALT = "forum.accounts.confirm-email"
CONFIRM_MAX_AGE = 3 * 86400


def get_or_create_imported_member(username: str, *, joined_at) -> User:
    """A real member row for an imported author; nobody can log in as it.

    The password is the bare unusable marker rather than Django's random one, so an import
    dumped twice gives byte-identical fixtures.
    """
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"password": UNUSABLE_PASSWORD_PREFIX, "date_joined": joined_at},
    )
    return user


def sign_up(*, form, confirm_url) -> User:
    """Create the member from a valid sign-up form. With FORUM_SIGNUP_CONFIRM_EMAIL the
    account stays inactive until the e-mailed link is opened; `confirm_url(path)` makes
    the link absolute."""
    confirming = settings.FORUM_SIGNUP_CONFIRM_EMAIL
    with transaction.atomic():
        user = form.save(commit=False)
        user.is_active = not confirming
        user.save()
        if user.is_active:
            pagecache.members_changed()  # the members list
        if confirming:
            link = confirm_url(
                reverse("accounts:confirm", args=[signing.dumps(user.pk, salt=_CONFIRM_SALT)])
            )
            # Sent by a worker once the account is committed: a mail server that is down or
            # slow delays the e-mail (it is retried), never the answer to the sign-up.
            mail_after_commit(
                "Confirm your forum account",
                f"Open this link within three days to start posting:\n\n{link}\n",
                [user.email],
            )
    return user


def confirm_email(token: str) -> User | None:
    """Activate the account a confirmation token names; None for a bad or old token."""
    try:
        pk = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None:
        return None
    if not user.is_active:
        User.objects.filter(pk=pk).update(is_active=True)
        user.is_active = True
        pagecache.members_changed()  # the members list
    return user


def edit_profile(*, member: User, display_name: str, about: str) -> User:
    """Save what `member` tells others about themselves, with the about text rendered once,
    its links and images live only if the member has earned them (as in their posts)."""
    member.display_name = display_name
    member.about = about
    member.about_html = render_markdown(about, **markup_allowed(member)) if about else ""
    member.save(update_fields=["display_name", "about", "about_html"])
    pagecache.members_changed()
    return member
