from django.db import migrations, models

from forum.accounts.names import skeleton


def fill_skeletons(apps, schema_editor):
    """Each member's skeleton, earliest member first; a later account that already looks
    like an earlier one keeps none (it stays, and no new look-alike of either can join)."""
    User = apps.get_model("accounts", "User")
    taken = set()
    for pk, username in User.objects.order_by("pk").values_list("pk", "username").iterator():
        value = skeleton(username)
        if value not in taken:
            taken.add(value)
            User.objects.filter(pk=pk).update(username_skeleton=value)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_failed_logins_knownaddress"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(blank=True, editable=False, max_length=600, null=True),
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(
                blank=True, editable=False, max_length=600, null=True, unique=True
            ),
        ),
    ]
