from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "forum.help"
    label = "help"
