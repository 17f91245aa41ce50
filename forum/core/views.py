"""View pieces shared by every kind of post."""

from collections.abc import Callable

from django.shortcuts import redirect, render

from .markdown import render_markdown


def edit_body_page(request, *, post, kind: str, form, save: Callable[[str], object]):
    """The edit page of an answer or comment: Markdown preview, or save and back to the post.

    `form` is bound to the request; `save` receives the cleaned body.
    """
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" not in request.POST:
            save(form.cleaned_data["body"])
            return redirect(post)
        preview = render_markdown(form.cleaned_data["body"])
    context = {
        "form": form,
        "post": post,
        "kind": kind,
        "question": post.question,
        "preview": preview,
    }
    return render(request, "core/edit_post.html", context)
