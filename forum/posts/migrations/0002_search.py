from django.db import migrations

from forum.posts import search


class Migration(migrations.Migration):
    """Full-text search: a generated tsvector column and GIN index on PostgreSQL, an FTS5
    table kept by triggers on SQLite (see forum/posts/search.py); and the index that lets a
    tag page read its questions in posting order straight from the tag link table."""

    dependencies = [("posts", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX post_tags_by_tag ON posts_post_tags (tag_id, post_id)",
            "DROP INDEX post_tags_by_tag",
        ),
        migrations.RunPython(search.install, search.uninstall),
    ]
