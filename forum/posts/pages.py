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

from .decorators import NamedPost
from .models import Post, PostRefused, Status


@dataclass(frozen=True)
class ReplyPage:
    """How one kind of reply is written: its form, its page, the service that saves it,
    called as `submit(author=, parent=, body=, ip=)` with a `PostRef` parent (it reads the
    post itself, locked), and the one that says at the preview what sending it would do,
    called the same way with the post read (see `form_page`)."""

    form_class: type
    submit: Callable[..., Post]
    template: str
    advise: Callable[..., object] | None = None


# What an author is told of a folded or held post: after posting, and at the preview before.
FOLDED = "Short replies such as thanks and +1 are shown folded under the post, one click away."
WAITS = "a moderator's review; readers will see it once it is approved"


def tell_author(request, post: Post, *, edited: bool = False) -> None:
    """Say what became of the post just written, truthfully: published, held, or hidden."""
    noun = post.rules.noun
    done = "saved" if edited else "posted"
    if post.status == Status.VISIBLE and post.is_chatter and post.rules.folds_as_chatter:
        messages.success(
            request,
            f"Your {noun} is {done}. {FOLDED}",
        )
    elif post.status == Status.VISIBLE:
        messages.success(request, f"Your {noun} is {done}.")
    elif post.status == Status.HELD:
        messages.info(
            request,
            f"Your {noun} is {done} and waits for {WAITS}.",
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
    context: dict | Callable[[], dict],
    edited: bool = False,
    invalid_status: int = 200,
    advise: Callable | None = None,
):
    """The one flow of every page that writes a post (ask, answer, comment, every edit).

    A form sent again is answered with what it saved. Otherwise, on a POST: a refusal by the
    rate limits, invalid input or the author's own limits re-render the page with the text
    kept and say why; a preview renders the text as it would be posted and, through
    `advise(cleaned_data)`, says whether sending it would fold, hold, hide or refuse it and
    why, in the words the author would read after sending (nothing is written); else the form is
    saved once through `save(cleaned_data)` and the author goes to the post, told what
    became of it. `form` is bound whenever the request is a POST, even an empty one.
    Invalid input answers `invalid_status` (400 where a reply is only ever POSTed; 200 on
    the ask and edit pages, which are pages in their own right). `context` may be a function
    giving it, called only when the page is shown.
    """
    if previous := resubmit.earlier(request):
        return resubmit.already_sent(request, previous, edited=edited)
    preview, advice, status = None, None, 200
    if request.method == "POST":
        if (refusal := limit_refusal(request)) is not None:
            form.add_error(None, refusal.message)  # 429, set by the rate_limited decorator
        elif not form.is_valid():
            status = invalid_status
        elif "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"], **markup_allowed(request.user))
            advice = advise(form.cleaned_data) if advise is not None else None
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
    context = {**(context() if callable(context) else context), "form": form, "preview": preview}
    if advice is not None:
        context["advice"] = advice_sentences(advice, edited=edited)
    return render(request, template, context, status=status)


def advice_sentences(advice, *, edited: bool = False) -> list[str]:
    """What the preview says of a post that sending would not simply publish, in the words
    the author would read after sending: the outcome, then the note the post would carry.
    `advice` has an `outcome` ("fold", "hold", "hide" or "refuse") and a `note`."""
    sent = "Saved" if edited else "Posted"
    if advice.outcome == "fold":
        return [f"{sent} as it is, your post will be shown folded. {FOLDED}"]
    if advice.outcome == "refuse":
        return [f"{sent} as it is, your post will not be saved: {advice.note}."]
    what = f"wait for {WAITS}" if advice.outcome == "hold" else "be hidden as spam"
    said = [f"{sent} as it is, your post will {what}."]
    if advice.note:
        said.append(f"The note under it will say: “{advice.note}”")
    if advice.outcome == "hold":
        said.append("Change that part and preview again, or send it and a moderator will decide.")
    else:
        said.append("Change that part and preview again.")
    return said


def bound_on_post(request) -> dict | None:
    """What a page's form is bound to: the POST (even an empty one), else nothing."""
    return request.POST if request.method == "POST" else None


def reply_page(request, page: ReplyPage, *, parent: NamedPost):
    """A new reply under the post `parent` names, through the one form flow. Saving reads
    that post once, locked, in the service; the page reads it, with the view's checks (404,
    403), only when it is shown: after an error, a refusal or at the preview."""

    def context():
        return {"parent": parent.post, "question": parent.post.thread or parent.post}

    return form_page(
        request,
        form=page.form_class(request.POST),
        save=lambda data: page.submit(
            author=request.user, parent=parent.ref, body=data["body"], ip=client_ip(request)
        ),
        template=page.template,
        context=context,
        invalid_status=400,
        advise=None if page.advise is None else partial(_advise_reply, request, page, parent),
    )


def _advise_reply(request, page: ReplyPage, parent: NamedPost, data: dict):
    return page.advise(
        author=request.user, parent=parent.post, body=data["body"], ip=client_ip(request)
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


def edit_page(
    request,
    *,
    post: Post,
    form_class,
    revise: Callable[..., Post],
    advise: Callable | None = None,
):
    """An edit of an answer or a comment, through the one form flow; `advise(editor=, post=,
    body=)` says at the preview what saving the edit would do."""
    return form_page(
        request,
        form=form_class(bound_on_post(request), initial={"body": post.body}),
        save=lambda data: revise(editor=request.user, post=post, body=data["body"]),
        template="posts/edit.html",
        context={"post": post, "question": post.thread},
        edited=True,
        advise=None if advise is None else partial(_advise_edit, request, advise, post),
    )


def _advise_edit(request, advise: Callable, post: Post, data: dict):
    return advise(editor=request.user, post=post, body=data["body"])
