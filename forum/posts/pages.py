"""Page flows shared by answers and comments: writing a new reply and editing a post.

The services that save are passed in, so this module needs nothing above `posts`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render

from forum.accounts.reputation import markup_allowed
from forum.core import resubmit
from forum.core.limits import client_ip, limit_refusal
from forum.core.markdown import render_markdown

from .models import Post, PostRefused, Status


@dataclass(frozen=True)
class ReplyPage:
    """How one kind of reply is written: its form, its page, and the service that saves it,
    called as `submit(author=, parent=, body=, ip=)`."""

    form_class: type
    submit: Callable[..., Post]
    template: str


def tell_author(request, post: Post, *, edited: bool = False) -> None:
    """Say what became of the post just written, truthfully: published, held, or hidden."""
    noun = post.rules.noun
    done = "saved" if edited else "posted"
    if post.status == Status.VISIBLE and post.is_chatter and post.rules.folds_as_chatter:
        messages.success(
            request,
            f"Your {noun} is {done}. Short replies such as thanks and +1 are shown folded "
            "under the post, one click away.",
        )
    elif post.status == Status.VISIBLE:
        messages.success(request, f"Your {noun} is {done}.")
    elif post.status == Status.HELD:
        messages.info(
            request,
            f"Your {noun} is {done} and waits for a moderator's review; readers will see it "
            "once it is approved.",
        )
    else:
        messages.warning(
            request,
            f"Your {noun} was hidden as spam. If that is a mistake, appeal under the post.",
        )


def reply_page(request, page: ReplyPage, *, parent: Post):
    """Preview, or save the reply under `parent` and go to it (telling its author when it
    waits for review). Errors, refusals and previews re-render the page with the text kept;
    the same form sent twice saves once (forum/core/resubmit.py)."""
    if previous := resubmit.earlier(request):
        return resubmit.already_sent(request, previous)
    form = page.form_class(request.POST)
    preview, status = None, 400
    if form.is_valid():
        body = form.cleaned_data["body"]
        if (refusal := limit_refusal(request)) is not None:
            form.add_error(None, refusal.message)  # the text stays in the form
            status = 429
        elif "preview" in request.POST:
            preview, status = render_markdown(body, **markup_allowed(request.user)), 200
        else:
            submit = partial(
                page.submit, author=request.user, parent=parent, body=body, ip=client_ip(request)
            )
            try:
                sent = resubmit.save_once(request, submit, address=Post.get_absolute_url)
            except PostRefused as refusal:
                form.add_error(None, str(refusal))
                status = refusal.status_code
            else:
                if response := after_sending(request, sent, form):
                    return response
                status = 409
    context = {"form": form, "parent": parent, "question": parent.thread or parent}
    return render(request, page.template, {**context, "preview": preview}, status=status)


def after_sending(request, sent: resubmit.Sent, form, *, edited: bool = False):
    """Go to what was saved, or to what an earlier sending saved; else None, with the
    reason nothing was saved added to the form (its text kept)."""
    if sent.saved is not None:
        tell_author(request, sent.saved, edited=edited)
        return redirect(sent.saved)
    if sent.previous:
        return resubmit.already_sent(request, sent.previous, edited=edited)
    form.add_error(None, resubmit.refusal_message(sent))
    return None


def edit_page(request, *, post: Post, form_class, revise: Callable[..., Post]):
    """Preview, or save through `revise(editor=, post=, body=)` and go back to the post."""
    if previous := resubmit.earlier(request):
        return resubmit.already_sent(request, previous, edited=True)
    form = form_class(request.POST or None, initial={"body": post.body})
    preview, status = None, 200
    if request.method == "POST" and (refusal := limit_refusal(request)) is not None:
        form.add_error(None, refusal.message)  # the text stays in the form
    elif request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if "preview" not in request.POST:
            save = partial(revise, editor=request.user, post=post, body=body)
            try:
                sent = resubmit.save_once(request, save, address=Post.get_absolute_url)
            except PostRefused as refusal:
                form.add_error(None, str(refusal))  # the text stays in the form
                status = refusal.status_code
            else:
                if response := after_sending(request, sent, form, edited=True):
                    return response
                status = 409
        else:
            preview = render_markdown(body, **markup_allowed(request.user))
    context = {"form": form, "post": post, "question": post.thread, "preview": preview}
    return render(request, "posts/edit.html", context, status=status)
