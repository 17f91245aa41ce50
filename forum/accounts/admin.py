from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class ForumUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Moderation", {"fields": ("suspended_at",)}))
    list_display = ("username", "email", "date_joined", "suspended_at", "is_staff")
