from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "forum.votes"
    label = "votes"
