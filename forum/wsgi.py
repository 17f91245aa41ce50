"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE=forum.settings.production."""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings.production")

application = get_wsgi_application()
# What a worker loads once (every view and what they import, by way of the URLconf) lives as
# long as it does: kept out of the garbage collector's full passes, which walked it all and
# took 65-90 ms, now and then inside some reader's request (a search's p99 was one of them).
import_module(settings.ROOT_URLCONF)
gc.freeze()
