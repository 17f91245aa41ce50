"""DTL pages using Jinja2 templates (forum/core/jinja.py), so each template has one source.

`{% jinja_layout %}…{% endjinja_layout %}` is templates/base.html: the blocks inside it are
rendered by DTL, child templates overriding them as usual, and handed as finished HTML to
the Jinja2 layout (templates/jinja2/layout.html, through templates/jinja2/dtl_page.html).

`{% jinja_include "core/_pagination.html" with page=results %}` is `{% include %}` for a
Jinja2 partial that the thread page shares with DTL pages.

Both give the Jinja2 template the DTL page's whole context, context processors included.
"""

from django import template
from django.template import engines
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe

register = template.Library()


def _render(name: str, context, **extra) -> str:
    values = context.flatten()
    values.update(extra)
    # Jinja2 escaped what needed it; its output is a plain str.
    return mark_safe(engines["jinja2"].env.get_template(name).render(values))


class _Block:
    """A DTL block, rendered when the layout prints it: in the layout's order, and not at
    all where the layout leaves it out (the canonical link on a page without a request)."""

    def __init__(self, node: BlockNode, context):
        self.node, self.context = node, context

    def __html__(self) -> str:
        return self.node.render(self.context)


class LayoutNode(template.Node):
    # Where {% extends %} looks for the {% block %}s a child template may override.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.blocks = [node for node in nodelist if isinstance(node, BlockNode)]

    def render(self, context):
        blocks = {node.name: _Block(node, context) for node in self.blocks}
        return _render("dtl_page.html", context, dtl_blocks=blocks)


@register.tag
def jinja_layout(parser, token):
    nodelist = parser.parse(("endjinja_layout",))
    parser.delete_first_token()
    return LayoutNode(nodelist)


class IncludeNode(template.Node):
    def __init__(self, name, extra):
        self.name, self.extra = name, extra

    def render(self, context):
        extra = {key: value.resolve(context) for key, value in self.extra.items()}
        return _render(self.name.resolve(context), context, **extra)


@register.tag
def jinja_include(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or (len(bits) > 2 and bits[2] != "with"):
        raise template.TemplateSyntaxError(f'{bits[0]} takes "name.html" [with a=b ...]')
    extra = template.base.token_kwargs(bits[3:], parser)
    if len(extra) != len(bits[3:]):
        raise template.TemplateSyntaxError(f"{bits[0]}: write the values after with as a=b")
    return IncludeNode(parser.compile_filter(bits[1]), extra)
