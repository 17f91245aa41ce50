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


def form_page(
    request,
    *,
    form,
    save: Callable,
    template: str,
    context: dict,
    edited: bool = False,
    invalid_status: int = 200,
):
    """The one flow of every page that writes a post (ask, answer, comment, every edit).

    A form sent again is answered with what it saved. Otherwise, on a POST: a refusal by the
    rate limits, invalid input or the author's own limits re-render the page with the text
    kept and say why; a preview renders the text as it would be posted; else the form is
    saved once through `save(cleaned_data)` and the author goes to the post, told what
    became of it. `form` is bound whenever the request is a POST, even an empty one.
    Invalid input answers `invalid_status` (400 where a reply is only ever POSTed; 200 on
    the ask and edit pages, which are pages in their own right).
    """
    if previous := resubmit.earlier(request):
        return resubmit.already_sent(request, previous, edited=edited)
    preview, status = None, 200
    if request.method == "POST":
        if (refusal := limit_refusal(request)) is not None:
            form.add_error(None, refusal.message)  # 429, set by the rate_limited decorator
        elif not form.is_valid():
            status = invalid_status
        elif "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"], **markup_allowed(request.user))
        else:
            try:
                sent = resubmit.save_once(
                    request, partial(save, form.cleaned_data), address=Post.get_absolute_url
                )
            except PostRefused as refusal:
                form.add_error(None, str(refusal))
                status = refusal.status_code
            else:
                if response := after_sending(request, sent, form, edited=edited):
                    return response
                status = 409
    return render(request, template, {**context, "form": form, "preview": preview}, status=status)


def bound_on_post(request) -> dict | None:
    """What a page's form is bound to: the POST (even an empty one), else nothing."""
    return request.POST if request.method == "POST" else None


def reply_page(request, page: ReplyPage, *, parent: Post):
    """A new reply under `parent`, through the one form flow."""
    return form_page(
        request,
        form=page.form_class(request.POST),
        save=lambda data: page.submit(
            author=request.user, parent=parent, body=data["body"], ip=client_ip(request)
        ),
        template=page.template,
        context={"parent": parent, "question": parent.thread or parent},
        invalid_status=400,
    )


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
    """An edit of an answer or a comment, through the one form flow."""
    return form_page(
        request,
        form=form_class(bound_on_post(request), initial={"body": post.body}),
        save=lambda data: revise(editor=request.user, post=post, body=data["body"]),
        template="posts/edit.html",
        context={"post": post, "question": post.thread},
        edited=True,
    )
