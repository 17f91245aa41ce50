"""Instances made from rows without __init__ (forum/core/loading.py)."""

import pytest
from django.db.models.signals import post_init

from forum.accounts.models import User
from forum.posts.models import Post

pytestmark = pytest.mark.django_db


def test_a_loaded_post_holds_every_column_of_its_row_and_its_author(question):
    loaded = Post.objects.select_related("author").get(pk=question.pk)
    names = [field.attname for field in Post._meta.concrete_fields]
    # Read before any attribute is touched: a field missing here would be fetched later.
    held = {name: loaded.__dict__[name] for name in names if name in loaded.__dict__}
    assert held == Post.objects.values(*names).get(pk=question.pk)
    assert loaded.author.username == question.author.username
    assert (loaded._state.adding, loaded._state.db) == (False, "default")


def test_a_deferred_field_is_read_when_asked_for(question):
    loaded = Post.objects.defer("body").get(pk=question.pk)
    assert "body" not in loaded.__dict__
    assert loaded.body == question.body


def test_a_loaded_instance_saves_as_an_update(question):
    loaded = Post.objects.get(pk=question.pk)
    loaded.score = 7
    loaded.save(update_fields=["score"])
    assert Post.objects.get(pk=question.pk).score == 7
    assert Post.objects.count() == 1


def test_a_model_with_an_init_listener_is_loaded_through_init(member):
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(listener, sender=User)
    try:
        User.objects.get(pk=member.pk)
    finally:
        post_init.disconnect(listener, sender=User)
    assert seen == [member.pk]
