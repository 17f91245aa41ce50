"""The edit page shared by answers and comments (questions add a title and tags)."""

from collections.abc import Callable

from django.shortcuts import redirect, render

from forum.core.markdown import render_markdown

from .models import Post


def edit_page(request, *, post: Post, form_class, revise: Callable[..., Post]):
    """Preview, or save through `revise(editor=, post=, body=)` and go back to the post."""
    form = form_class(request.POST or None, initial={"body": post.body})
    preview = None
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if "preview" not in request.POST:
            return redirect(revise(editor=request.user, post=post, body=body))
        preview = render_markdown(body)
    context = {"form": form, "post": post, "question": post.thread, "preview": preview}
    return render(request, "posts/edit.html", context)
