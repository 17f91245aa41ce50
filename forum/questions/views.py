from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from forum.answers.forms import AnswerForm
from forum.core.markdown import render_markdown
from forum.core.pagination import paginate
from forum.core.selectors import list_revisions

from . import selectors, services
from .forms import QuestionForm, SearchForm
from .permissions import can_ask_question, can_edit_question


def question_list(request):
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    questions = selectors.list_questions(viewer=request.user, sort=sort)
    return render(
        request,
        "questions/list.html",
        {
            "page": paginate(questions, request.GET.get("page"), settings.FORUM_QUESTIONS_PER_PAGE),
            "sort": sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
            "sorts": {key: label for key, (label, _) in selectors.SORTS.items()},
        },
    )


def tag_detail(request, name):
    tag = selectors.get_tag(name)
    questions = selectors.list_questions(viewer=request.user, sort="newest", tag=tag)
    page = paginate(questions, request.GET.get("page"), settings.FORUM_QUESTIONS_PER_PAGE)
    return render(request, "questions/tag.html", {"tag": tag, "page": page})


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    questions = selectors.search_questions(viewer=request.user, query=query) if query else []
    page = paginate(questions, request.GET.get("page"), settings.FORUM_QUESTIONS_PER_PAGE)
    return render(request, "questions/search.html", {"form": form, "query": query, "page": page})


def question_detail(request, question_id, slug=None):
    question = selectors.get_question_for(request.user, question_id)
    if slug != question.slug:
        return redirect(question, permanent=True)
    return render_thread(request, question)


def render_thread(request, question, *, answer_form=None, preview=None, status=200):
    """The thread page; also re-rendered with errors when an answer fails validation."""
    thread = selectors.get_thread(request.user, question)
    context = {
        "thread": thread,
        "question": question,
        "answer_form": answer_form or AnswerForm(),
        "preview": preview,
    }
    return render(request, "questions/detail.html", context, status=status)


@login_required
def ask(request):
    if not can_ask_question(request.user):
        raise PermissionDenied("Your account may not post right now.")
    form = QuestionForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            question = services.ask_question(
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tag_names=form.cleaned_data["tags"],
            )
            return redirect(question)
    return render(request, "questions/ask.html", {"form": form, "preview": preview})


@login_required
def edit(request, question_id):
    question = selectors.get_question_for(request.user, question_id)
    if not can_edit_question(request.user, question):
        raise PermissionDenied("You can only edit your own questions.")
    initial = {
        "title": question.title,
        "body": question.body,
        "tags": " ".join(tag.name for tag in question.tags.all()),
    }
    form = QuestionForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            services.edit_question(
                editor=request.user,
                question=question,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tag_names=form.cleaned_data["tags"],
            )
            return redirect(question)
    return render(
        request, "questions/edit.html", {"form": form, "question": question, "preview": preview}
    )


def revisions(request, question_id):
    question = selectors.get_question_for(request.user, question_id)
    return render(
        request,
        "core/revisions.html",
        {"post": question, "question": question, "revisions": list_revisions(question)},
    )
