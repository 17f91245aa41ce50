"""Writes on members."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from .models import User


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
