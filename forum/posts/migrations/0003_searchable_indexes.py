from django.db import migrations

from forum.posts import search


class Migration(migrations.Migration):
    """Indexes of the searchable posts alone, from the newest and by thread, that search reads
    (PostgreSQL; see forum/posts/search.py)."""

    dependencies = [("posts", "0002_search")]

    operations = [
        migrations.RunPython(search.install_searchable_indexes, search.uninstall_searchable_indexes)
    ]
