"""Querysets compiled to SQL once, then run with new values: for the few reads a hot page
makes on every request (a thread page's question, answers, comments and the viewer's marks).

Compiling a queryset (joins, the visibility rule, selected columns, ordering) took about as
long as running it: 1–3 ms a query in Python, where PostgreSQL answered in a fraction of a
millisecond. The queryset stays the one source of the query: `build` makes it from stand-in
values (placeholders no real id takes), it is compiled once per shape and per thread, and
each placeholder found among the compiled parameters is swapped for the request's value.
Rows come back as the queryset would return them: model instances (with `select_related`
objects and annotations) or `values_list` tuples.

A shape is everything that changes the SQL's text rather than its parameters: which kind of
viewer (the visibility rule differs for readers, members and moderators), a slice's bounds
(inlined as LIMIT/OFFSET), how many ids an `__in` list holds, whether a value is NULL. The
caller names it; values are ids and the like, compared for equality, or the parameters of a
raw SQL column the queryset carries (lists, times), passed as they are. A value that is never
found among the parameters (it was inlined, or the caller forgot it in the shape) is an
error at the first compile, never a wrong query.
"""

import operator
import threading

from django.db import connections, router
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

# Placeholders: negative, far from any id or count a row holds (the same idea as
# forum/core/reversing.py's placeholder arguments), yet inside a 32-bit integer column's range:
# Django drops a comparison with a value outside the column's range as always true or false,
# which would leave the placeholder out of the parameters (refused below).
_BASE = -1_987_654_000
_MAX_SHAPES = 512
_MIN, _MAX = -(2**63), 2**63 - 1


def stand_in(n: int) -> int:
    """The placeholder for the `n`-th value."""
    return _BASE - n


class _Compiled:
    def __init__(self, queryset, arity: int):
        self.db = queryset.db
        self.compiler = compiler = queryset.query.get_compiler(using=self.db)
        self.sql, params = compiler.as_sql()
        placeholders = {stand_in(n): n for n in range(arity)}
        # (index into the values, the type to pass it as) or (None, a constant parameter).
        # PostgreSQL's backend passes some integers typed (psycopg's Int4): kept so.
        self.slots = [
            (placeholders[p], type(p))
            if isinstance(p, int) and not isinstance(p, bool) and p in placeholders
            else (None, p)
            for p in params
        ]
        unused = set(range(arity)) - {index for index, _ in self.slots if index is not None}
        if unused:
            raise ValueError(f"values {sorted(unused)} are not parameters of {self.sql!r}")
        # The columns' converters (from_db_value and the backend's), found once, not per run.
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise TypeError("composite fields are not supported")
        self.converters = compiler.get_converters(fields)
        self.iterable = queryset._iterable_class
        if self.iterable is ModelIterable:
            self._prepare_models(queryset)
        elif self.iterable is ValuesListIterable:
            self._prepare_tuples(queryset)
        elif self.iterable is not FlatValuesListIterable:
            raise TypeError(f"{self.iterable.__name__} is not supported")

    def _prepare_models(self, queryset):
        # As ModelIterable does, once instead of on every run.
        select, klass_info = self.compiler.select, self.compiler.klass_info
        fields = klass_info["select_fields"]
        self.span = (fields[0], fields[-1] + 1)
        self.model = klass_info["model"]
        self.init_list = [f[0].target.attname for f in select[self.span[0] : self.span[1]]]
        self.related = get_related_populators(klass_info, select, self.db)
        self.annotations = list(self.compiler.annotation_col_map.items())
        if queryset._known_related_objects:
            raise TypeError("known related objects are not supported")

    def _prepare_tuples(self, queryset):
        # As ValuesListIterable does: columns come in the query's order, fields as asked.
        query, self.reorder = queryset.query, None
        if queryset._fields:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            fields = [
                *queryset._fields,
                *(f for f in query.annotation_select if f not in queryset._fields),
            ]
            if fields != names:
                index = {name: n for n, name in enumerate(names)}
                self.reorder = operator.itemgetter(*[index[f] for f in fields])

    def run(self, values: tuple) -> list:
        params = [
            fixed if index is None else _as(fixed, values[index])  # `fixed` is then the type
            for index, fixed in self.slots
        ]
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        rows = fetched
        if self.converters:
            rows = map(tuple, self.compiler.apply_converters(rows, self.converters))
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.iterable is ValuesListIterable:
            return [self.reorder(row) for row in rows] if self.reorder else list(rows)
        return [self._instance(row) for row in rows]

    def _instance(self, row):
        start, end = self.span
        obj = self.model.from_db(self.db, self.init_list, row[start:end])
        for populator in self.related:
            populator.populate(row, obj)
        for name, position in self.annotations:
            setattr(obj, name, row[position])
        return obj


def _as(kind: type, value):
    """An integer as the compiled parameter it replaces was typed; anything else (a raw SQL
    column's list or time) as it is."""
    return kind(value) if isinstance(value, int) else value


class Prepared:
    """`build(shape, *values)` → a queryset of `model`; `run(shape, *values)` → its rows,
    compiled once per shape, database and thread (compilers are not shared between threads)."""

    def __init__(self, model, build):
        self.model, self.build = model, build
        self._local = threading.local()

    def run(self, shape: tuple, *values) -> list:
        if any(isinstance(value, int) and not _MIN <= value <= _MAX for value in values):
            # No row holds a number no 64-bit column can (a URL's id of 30 digits): Django
            # answers such a lookup without asking the database, and so does this.
            return []
        compiled = getattr(self._local, "compiled", None)
        if compiled is None:
            compiled = self._local.compiled = {}
        # The database the router picks now (a replica or the primary), and its connection
        # object: a compiler is tied to one.
        alias = router.db_for_read(self.model)
        key = (shape, len(values), alias, id(connections[alias]))
        entry = compiled.get(key)
        if entry is None:
            if len(compiled) >= _MAX_SHAPES:  # shapes are few; never let them grow unbounded
                compiled.clear()
            placeholders = [stand_in(n) for n in range(len(values))]
            queryset = self.build(shape, *placeholders).using(alias)
            entry = compiled[key] = _Compiled(queryset, len(values))
        return entry.run(values)
