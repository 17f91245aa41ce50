"""The watch list's model now belongs to the watchlist app (its 0001): drop it from
moderation's state only, leaving the table and its rows to the new owner."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_spam_notes_say_spam"), ("watchlist", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WatchedPattern")],
        )
    ]
