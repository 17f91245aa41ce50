from django.db import migrations

from forum.posts import search


class Migration(migrations.Migration):
    """On PostgreSQL, a GIN index of the visible questions' and answers' documents, which
    readers' search reads: the whole index's matches of a word found only in spam or held
    posts (7,300 for "pills discount" at 1 M posts) were each read from the table to be
    dropped, 13 ms warm and 45-77 cold. Nothing on SQLite (see forum/posts/search.py)."""

    dependencies = [("posts", "0003_post_searchable_by_thread")]

    operations = [
        migrations.RunPython(search.install_visible_index, search.uninstall_visible_index),
    ]
