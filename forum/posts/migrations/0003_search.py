from django.db import migrations

from forum.posts import search


class Migration(migrations.Migration):
    """Full-text search: a generated tsvector column and GIN index on PostgreSQL, an FTS5
    table kept by triggers on SQLite (see forum/posts/search.py)."""

    dependencies = [("posts", "0002_list_indexes")]

    operations = [migrations.RunPython(search.install, search.uninstall)]
