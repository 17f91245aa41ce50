from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "forum.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import lockout, usercache

        usercache.connect_signals()

        def failed(sender, credentials, request=None, **kwargs):
            lockout.count_failure(lockout.clean_username(credentials.get("username", "")))

        def logged_in(sender, request, user, **kwargs):
            lockout.remember_address(request, user)

        user_login_failed.connect(
            failed, dispatch_uid="forum.accounts.count_failed_login", weak=False
        )
        user_logged_in.connect(
            logged_in, dispatch_uid="forum.accounts.remember_address", weak=False
        )
