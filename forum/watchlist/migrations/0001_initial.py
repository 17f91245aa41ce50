"""The watch list leaves moderation for an app of its own, and keeps its table.

Only Django's record of the model moves (`SeparateDatabaseAndState`, no SQL): the table
`moderation_watchedpattern` keeps its rows and its constraint (`Meta.db_table`), and
moderation's 0003 drops the model from moderation's state once this has taken it over. The
model's content type is renamed too, so its permissions stay attached to it.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor, *, old="moderation", new="watchlist"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(model="watchedpattern")
    # A type under the new label exists when migrations went back and forth (Django creates
    # types after each run): then the old one is merely stale, as Django leaves them.
    if not types.filter(app_label=new).exists():
        types.filter(app_label=old).update(app_label=new)


def restore_content_type(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="watchlist", new="moderation")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0002_spam_notes_say_spam"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WatchedPattern",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("word", "Word"),
                                    ("phrase", "Phrase"),
                                    ("domain", "Link domain"),
                                    ("email_domain", "Author's e-mail domain"),
                                    ("ip", "Author's network address"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("pattern", models.CharField(max_length=100)),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("hold", "Hold for review"),
                                    ("hide", "Hide as spam"),
                                    ("block", "Refuse the post"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("note", models.CharField(blank=True, max_length=200)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "moderation_watchedpattern",
                        "ordering": ["kind", "pattern"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "pattern"), name="one_watch_per_pattern"
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
