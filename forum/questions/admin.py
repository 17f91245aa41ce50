from django.contrib import admin

from forum.posts.admin import PostAdmin

from .models import Question

admin.site.register(Question, PostAdmin)
