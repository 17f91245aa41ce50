"""Create the demo moderator the README names, so a fresh local forum can be moderated at once.

Refuses to run with DEBUG off: a known password has no place on a real site.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from forum.accounts.models import User
from forum.accounts.permissions import MODERATORS_GROUP


class Command(BaseCommand):
    help = "Create (or reset) the local demo moderator account."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="moderator")
        parser.add_argument("--password", default="moderate-me")

    def handle(self, *, username, password, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a demo account with a known password: DEBUG is off."
            )
        user, created = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
        verb = "Created" if created else "Reset"
        self.stdout.write(f"{verb} demo moderator: username {username!r}, password {password!r}.")
