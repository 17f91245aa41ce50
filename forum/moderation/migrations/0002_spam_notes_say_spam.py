"""Posts hidden as spam whose stored note told their author the post was "held" (issue 17):
the spam filter and watched patterns wrote the same words for both. Rewrite those notes as
the filter and the watchlist now write them; the reasons after "because" are kept."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr

FILTER_HELD = "Our spam check held it because "
FILTER_SPAM = "Our spam check took it for spam because "
WATCH_HELD = "It contains a word, link or address the moderators review before publishing."
WATCH_SPAM = "It contains a word, link or address that is not allowed here."


def rewrite_spam_notes(apps, schema_editor):
    Post = apps.get_model("posts", "Post")
    spam = Post.objects.filter(status="spam")
    spam.filter(status_reason__startswith=FILTER_HELD).update(
        status_reason=Substr(
            Concat(Value(FILTER_SPAM), Substr("status_reason", len(FILTER_HELD) + 1)), 1, 300
        )
    )
    spam.filter(status_reason=WATCH_HELD).update(status_reason=WATCH_SPAM)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial"), ("posts", "0002_search")]

    operations = [migrations.RunPython(rewrite_spam_notes, migrations.RunPython.noop)]
