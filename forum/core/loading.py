"""Model instances made from database rows without running `Model.__init__`.

A thread page turns about thirty rows into posts and their authors, and `__init__` cost more
than the query's answer took to arrive: it sends `pre_init` and `post_init`, and sets each
field through `setattr`, foreign keys through a descriptor that checks a cache a new instance
cannot have. A row's values need none of that: they go straight into the instance's
`__dict__`, which is where `__init__` puts them too (a deferred field is left out, and read
when first asked for, as Django does). Django documents `from_db` as the place to customise
loading; when anything listens to `pre_init` or `post_init` for the model, its own is used.
"""

from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


class LoadedFromRows:
    """Mix into a model (before `models.Model`) whose rows are read many at a time."""

    @classmethod
    def from_db(cls, db, field_names, values):
        if pre_init.has_listeners(cls) or post_init.has_listeners(cls):
            return super().from_db(db, field_names, values)
        new = cls.__new__(cls)
        state = new._state = ModelState()
        state.adding, state.db = False, db
        # Django's callers pass the names read (attnames) and their values in one order.
        new.__dict__.update(zip(field_names, values, strict=True))
        return new
