from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render

from forum.accounts import lockout
from forum.accounts.models import User
from forum.accounts.selectors import list_members
from forum.answers.forms import blank_answer_fields
from forum.answers.permissions import can_answer_question
from forum.core.drafts import member_required
from forum.core.limits import client_ip, rate_limited, write_or_preview
from forum.core.pagecache import PAGE_NUMBER, cached_for_readers
from forum.core.pagination import CURSOR, page_number
from forum.moderation.advice import advise_edit, advise_post
from forum.moderation.permissions import (
    can_lift_login_limits,
    can_suspend_member,
    can_warn_member,
)
from forum.posts.decorators import with_post
from forum.posts.models import Kind
from forum.posts.pages import bound_on_post, form_page
from forum.posts.permissions import can_edit_post
from forum.posts.search import Query, search_posts
from forum.posts.selectors import get_post_for

from . import controls, fragments, selectors, services
from .addresses import slug_of
from .feeds import FEEDS
from .forms import QuestionForm, SearchForm, TagFilterForm
from .permissions import can_ask_question
from .rights import Rights
from .sitemaps import SITEMAPS

# A thread with more answers than this many pages shows the best ones; nobody pages further.
MAX_ANSWER_PAGES = 100


LIST_PARAMS = {"page": PAGE_NUMBER, "after": CURSOR, "before": CURSOR}


def _questions_page(request, **filters):
    """The page of questions the request names: by number, or by cursor past the first pages."""
    return selectors.list_questions(
        viewer=request.user,
        number=page_number(request.GET.get("page"), max_pages=selectors.MAX_LIST_PAGES),
        per_page=settings.FORUM_QUESTIONS_PER_PAGE,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        **filters,
    )


@cached_for_readers(params={**LIST_PARAMS, "sort": selectors.SORT_PATTERN})
def question_list(request):
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    sort = sort if sort in selectors.SORTS else selectors.DEFAULT_SORT
    page = _questions_page(request, sort=sort)
    sorts = {key: label for key, (label, _) in selectors.SORTS.items()}
    return render(request, "questions/list.html", {"page": page, "sort": sort, "sorts": sorts})


@cached_for_readers(params=LIST_PARAMS)
def tag_detail(request, name):
    tag = selectors.get_tag_for(request.user, name)
    page = _questions_page(request, tag=tag)
    return render(request, "questions/tag.html", {"tag": tag, "page": page})


@cached_for_readers(params={"page": PAGE_NUMBER, "q": r"[a-z0-9.+#-]{0,35}"})
def tag_list(request):
    form = TagFilterForm(request.GET)
    name = form.cleaned_data["q"] if form.is_valid() else ""
    page = selectors.list_tags(
        viewer=request.user,
        name_contains=name,
        number=page_number(request.GET.get("page"), max_pages=selectors.MAX_LIST_PAGES),
        per_page=settings.FORUM_TAGS_PER_PAGE,
    )
    return render(request, "questions/tags.html", {"form": form, "name": name, "page": page})


@cached_for_readers(params={"page": PAGE_NUMBER})
def member_list(request):
    number = page_number(request.GET.get("page"), max_pages=selectors.MAX_LIST_PAGES)
    page = list_members(number=number, per_page=settings.FORUM_MEMBERS_PER_PAGE)
    return render(request, "questions/users.html", {"page": page})


@cached_for_readers(params={"page": PAGE_NUMBER, "q": r"[^\x00]{0,200}"})
def search(request):
    form = SearchForm(request.GET)
    raw = form.cleaned_data["q"] if form.is_valid() else ""
    query = Query.parse(raw)
    number = page_number(request.GET.get("page"), max_pages=selectors.MAX_LIST_PAGES)
    page = search_posts(
        request.user, query, number=number, per_page=settings.FORUM_QUESTIONS_PER_PAGE
    )
    context = {"form": form, "query": raw, "search": query, "page": page}
    return render(request, "questions/search.html", context)


@cached_for_readers(
    params={"page": PAGE_NUMBER, "comments": r"[1-9][0-9]{0,17}"}, thread_kwarg="question_id"
)
def question_detail(request, question_id, slug=None):
    number = page_number(request.GET.get("page"), max_pages=MAX_ANSWER_PAGES)
    unfold = request.GET.get("comments", "")

    def read():  # the question, the page's answers, the comments under them and the
        # viewer's marks on them: one query
        return selectors.get_thread_page_and_marks(
            request.user,
            question_id,
            page=number,
            per_page=settings.FORUM_ANSWERS_PER_PAGE,
            unfold=int(unfold) if unfold.isdigit() else None,
        )

    thread, marks = read()
    if slug != slug_of(thread.question):
        return redirect(thread.question, permanent=True)
    # The posts' HTML is shared by every viewer; theirs is spliced in after (fragments.py).
    # Usually every post is cached under the thread's current versions (one round trip).
    if not fragments.attach_current(thread.question, thread.answers):
        versions = fragments.versions(question_id)
        if fragments.shared():
            # What is rendered now is stored: from rows read after the versions it is
            # stored under (forum/core/pagecache.py, `thread_versions`), never before.
            thread, marks = read()
        fragments.attach(thread.question, thread.answers, versions=versions)
    question = thread.question
    rights = Rights.of(request.user)
    may_answer = can_answer_question(request.user, question)
    context = {
        "question": question,
        "thread": thread,
        "page": thread.answers,
        "answer_fields": blank_answer_fields() if may_answer else None,
        "appealed": marks.appeals,
        "original": _original_of(request.user, question),
    }
    csrf_token = None
    if request.user.is_authenticated:
        context["unread_notifications"] = marks.unread  # read with the marks, not again
        # One masked token for every form of the page (the layout's and the posts'):
        # masking one costs more than the page's vote buttons together.
        context["csrf_token"] = csrf_token = get_token(request)
    # A Jinja2 template (forum/core/jinja.py): DTL rendered this page at twice the cost.
    response = render(request, "questions/detail.html", context, using="jinja2")
    parts = controls.viewer_parts(request, rights, marks, question, thread.answers, csrf_token)
    response.content = fragments.fill(response.content.decode(), parts)
    return response


def _original_of(user, question):
    """The question this one duplicates, if the viewer may read it (one query, duplicates only)."""
    if question.duplicate_of_id is None:
        return None
    try:
        return get_post_for(user, question.duplicate_of_id, kind=Kind.QUESTION)
    except Http404:
        return None


@member_required
@rate_limited(write_or_preview("ask"), keep_form=True)
def ask(request):
    if not can_ask_question(request.user):
        if request.user.is_suspended:  # the banner above says why and until when
            message = "Your account is suspended, so you cannot ask a question until it ends."
            return render(request, "core/refused.html", {"message": message}, status=403)
        raise PermissionDenied("Your account may not post right now.")
    return form_page(
        request,
        template="questions/ask.html",
        form=QuestionForm(bound_on_post(request)),
        save=lambda data: services.ask_question(
            author=request.user,
            title=data["title"],
            body=data["body"],
            tag_names=data["tags"],
            ip=client_ip(request),
        ),
        advise=lambda data: advise_post(
            author=request.user,
            kind=Kind.QUESTION,
            title=data["title"],
            body=data["body"],
            ip=client_ip(request),
        ),
        context={},
    )


@member_required
@with_post(
    kind=Kind.QUESTION, permission=can_edit_post, denied="You can only edit your own questions."
)
@rate_limited(write_or_preview("edit"), keep_form=True)
def edit(request, question):
    initial = {
        "title": question.title,
        "body": question.body,
        "tags": " ".join(tag.name for tag in question.tags.all()),
    }
    return form_page(
        request,
        template="posts/edit.html",
        form=QuestionForm(bound_on_post(request), initial=initial),
        save=lambda data: services.edit_question(
            editor=request.user,
            question=question,
            title=data["title"],
            body=data["body"],
            tag_names=data["tags"],
        ),
        advise=lambda data: advise_edit(
            editor=request.user, post=question, title=data["title"], body=data["body"]
        ),
        context={"post": question, "question": question},
        edited=True,
    )


@cached_for_readers(params={"page": PAGE_NUMBER, "tab": "questions|answers"})
def profile(request, username):
    member = get_object_or_404(User, username=username)
    tab = "answers" if request.GET.get("tab") == "answers" else "questions"
    kind = Kind.ANSWER if tab == "answers" else Kind.QUESTION
    number = page_number(request.GET.get("page"), max_pages=selectors.MAX_LIST_PAGES)
    page = selectors.list_posts_by(
        member,
        viewer=request.user,
        kind=kind,
        number=number,
        per_page=settings.FORUM_POSTS_PER_PROFILE_PAGE,
    )
    context = {
        "member": member,
        "tab": tab,
        "page": page,
        "can_suspend": can_suspend_member(request.user, member),
        "can_warn": can_warn_member(request.user, member),
    }
    if can_lift_login_limits(request.user, member):
        failures, addresses, _ = lockout.recent_failures(member.username)
        context["login_failures"] = {"count": failures, "addresses": addresses}
    return render(request, "questions/profile.html", context)


# Feeds, cached like the pages they mirror: the lists' version for the newest and a tag's
# questions, the thread's for its replies (forum/questions/feeds.py says what they read).
newest_feed = {form: cached_for_readers()(feed()) for form, feed in FEEDS["newest"].items()}
tag_feed = {form: cached_for_readers()(feed()) for form, feed in FEEDS["tag"].items()}
thread_feed = {
    form: cached_for_readers(thread_kwarg="question_id")(feed())
    for form, feed in FEEDS["thread"].items()
}


@cached_for_readers()
def sitemap_index(request):
    """/sitemap.xml: the index of the questions' sitemap pages (forum/questions/sitemaps.py)."""
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="questions:sitemap_section")


@cached_for_readers(params={"p": PAGE_NUMBER})
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
