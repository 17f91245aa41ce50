"""The one router: reads (reads.py) and writes (writes.py) share paths (GET and POST
/questions), and django-ninja routes a path's methods together only within one router."""

from ninja import Router

router = Router()
