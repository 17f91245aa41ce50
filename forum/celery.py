"""The Celery application: `celery -A forum worker` runs the forum's background jobs, and
`celery -A forum beat` their schedule (settings CELERY_BEAT_SCHEDULE).

Configured from Django's settings under the CELERY_ prefix (forum/settings/base.py): the
broker comes from the environment's CELERY_BROKER_URL; without one every task runs eagerly
in the process that asks for it, so `make run` and the tests need no broker.
"""

import os

from celery import Celery

# The worker runs beside the app servers, on the same settings as wsgi.py's; a developer's
# worker says DJANGO_SETTINGS_MODULE=forum.settings.dev. manage.py and the tests set theirs
# before `forum` is imported, so this default never overrides them.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings.production")

app = Celery("forum")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks.py.
app.autodiscover_tasks()
