from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "forum.notifications"
    label = "notifications"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from forum.accounts import lockout

        from . import services

        def logged_in(sender, request, user, **kwargs):
            services.notify_failed_logins(user, lockout.take_failures(user))

        user_logged_in.connect(
            logged_in, dispatch_uid="forum.notifications.failed_logins", weak=False
        )
