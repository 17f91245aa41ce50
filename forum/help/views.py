"""Help pages written from the code and settings they explain, so they cannot drift from it."""

from django.conf import settings
from django.shortcuts import render

from forum.accounts.reputation import has_privilege, list_privileges, list_reputation_events
from forum.core.markdown import ALLOWED_TAGS, render_markdown
from forum.core.pagecache import cached_for_readers

# Each example is rendered by the same function as posts, so the page shows what a post gets.
MARKDOWN_EXAMPLES = [
    ("Emphasis", "*italic* or _italic_, **bold**, ~~struck through~~"),
    ("Code in a sentence", "Call `render_markdown()` first."),
    ("Code block", "```\nfor tank in brigade:\n    tank.advance()\n```"),
    ("Link", "[Khalkhin Gol on Wikipedia](https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol)"),
    ("Bare address", "<https://example.org/>"),
    ("Image (this forum's own)", "![The forum's icon](/static/forum/img/favicon.svg)"),
    ("Quotation", "> The river was the front line."),
    ("Lists", "- first\n- second\n\n1. one\n2. two"),
    ("Heading", "## Sources"),
    ("Table", "| Side | Tanks |\n| --- | ---: |\n| Soviet | 498 |\n| Japanese | 73 |"),
    ("Line break", "First line\\\nsecond line"),
    ("Rule", "Above\n\n---\n\nBelow"),
    ("HTML is shown as text", "<b>not bold</b>"),
]


@cached_for_readers()
def markdown_help(request):
    examples = [(title, source, render_markdown(source)) for title, source in MARKDOWN_EXAMPLES]
    context = {
        "examples": examples,
        "tags": sorted(ALLOWED_TAGS),
        "link_reputation": settings.FORUM_PRIVILEGES["post_links"],
        "image_reputation": settings.FORUM_PRIVILEGES["post_images"],
        "image_hosts": settings.FORUM_IMAGE_HOSTS,
    }
    return render(request, "help/markdown.html", context)


@cached_for_readers()
def privileges(request):
    user = request.user
    rows = [(privilege, has_privilege(user, privilege.key)) for privilege in list_privileges()]
    context = {
        "privileges": rows,
        "events": list_reputation_events(),
        "floor": settings.FORUM_REPUTATION_FLOOR,
    }
    return render(request, "help/privileges.html", context)
