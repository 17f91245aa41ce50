"""Reads on members."""

from forum.core.pagination import Window, page_of

from .models import User

MEMBER_LIST_FIELDS = ("username", "display_name", "reputation", "date_joined")


def list_members(*, number: int, per_page: int) -> Window:
    """Page `number` of members, highest reputation first (the earlier member first on a
    tie), in one query.

    Accounts waiting for their e-mail confirmation are left out: nobody has met them yet,
    and a bot's sign-ups would otherwise fill the list.
    """
    members = (
        User.objects.filter(is_active=True).order_by("-reputation", "pk").only(*MEMBER_LIST_FIELDS)
    )
    return page_of(members, number, per_page)
