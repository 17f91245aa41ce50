from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class ForumUserAdmin(UserAdmin):
    """Members who posted cannot be deleted (their posts protect them); suspension is a
    moderation action with an audit trail, so it is shown here but not editable."""

    fieldsets = (
        *UserAdmin.fieldsets,
        ("Moderation", {"fields": ("suspended_at", "suspended_until", "suspension_reason")}),
    )
    readonly_fields = [
        "suspended_at",
        "suspended_until",
        "suspension_reason",
        "last_login",
        "date_joined",
    ]
    list_display = ("username", "email", "date_joined", "suspended_at", "is_staff")
