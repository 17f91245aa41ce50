from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "forum.moderation"
    label = "moderation"

    def ready(self):
        # The audit log records votes the ring rules discount (forum/votes/rings.py).
        from . import ring_audit  # noqa: F401
