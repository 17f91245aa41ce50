from django.conf import settings
from django.contrib.auth import login
from django.shortcuts import redirect, render

from forum.core.pagination import paginate

from . import selectors
from .forms import SignupForm


def signup(request):
    if request.user.is_authenticated:
        return redirect("questions:list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("questions:list")
    return render(request, "accounts/signup.html", {"form": form})


def profile(request, username):
    member = selectors.get_member(username)
    tab = "answers" if request.GET.get("tab") == "answers" else "questions"
    posts = (
        selectors.list_answers_by(member, viewer=request.user)
        if tab == "answers"
        else selectors.list_questions_by(member, viewer=request.user)
    )
    page = paginate(posts, request.GET.get("page"), settings.FORUM_POSTS_PER_PROFILE_PAGE)
    return render(request, "accounts/profile.html", {"member": member, "tab": tab, "page": page})
