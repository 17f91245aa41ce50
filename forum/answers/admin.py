from django.contrib import admin

from forum.posts.admin import PostAdmin

from .models import Answer

admin.site.register(Answer, PostAdmin)
