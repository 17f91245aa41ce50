"""Writes on members."""

from .models import User


def get_or_create_imported_member(username: str) -> User:
    """A real member row for an imported author; nobody can log in as it."""
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
