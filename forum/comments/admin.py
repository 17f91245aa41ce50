from django.contrib import admin

from forum.posts.admin import PostAdmin

from .models import Comment

admin.site.register(Comment, PostAdmin)
