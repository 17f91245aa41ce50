"""`{{ page|question_summaries }}` and `{{ page|search_hits }}`: a list page's rows, built in
Python (forum/questions/summaries.py)."""

from django import template

from forum.questions import summaries

register = template.Library()

register.filter("question_summaries", summaries.question_summaries, is_safe=True)
register.filter("search_hits", summaries.search_hits, is_safe=True)
