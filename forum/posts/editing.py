"""The edit page shared by answers and comments (questions add a title and tags)."""

from collections.abc import Callable

from django.shortcuts import redirect, render

from forum.core.markdown import render_markdown

from .models import Post


def edit_page(request, *, post: Post, form, save: Callable[[str], Post]):
    """Preview, or save and go back to the post. `form` is bound to the request; `save`
    receives the cleaned body and returns the saved post."""
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" not in request.POST:
            return redirect(save(form.cleaned_data["body"]))
        preview = render_markdown(form.cleaned_data["body"])
    context = {"form": form, "post": post, "question": post.thread, "preview": preview}
    return render(request, "posts/edit.html", context)
