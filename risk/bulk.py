"""Inserting many rows in one statement, whatever their number: a run writes tens of thousands of
assessments, and its query count must not grow with them.

PostgreSQL: one INSERT ... SELECT FROM unnest(array, array, ...), one array per column. SQLite:
one executemany (SQLite runs it in-process; there is no round trip per row to save). Django's
bulk_create would send a statement per batch (SQLite allows 999 parameters a statement)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from django.db import connection, models


def bulk_insert(model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert `rows` (one value per field, in the order of `fields`) into `model`'s table. Values
    are plain Python: dicts for JSON fields, aware datetimes, ids for foreign keys."""
    if not rows:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in columns)
    table = quote(meta.db_table)
    json_columns = {i for i, f in enumerate(columns) if isinstance(f, models.JSONField)}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = [list(values) for values in zip(*rows, strict=True)]
            for index in json_columns:
                arrays[index] = [json.dumps(value) for value in arrays[index]]
            casts = ", ".join(f"%s::{field.db_type(connection)}[]" for field in columns)
            cursor.execute(f"INSERT INTO {table} ({names}) SELECT * FROM unnest({casts})", arrays)  # noqa: S608
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            adapted: dict[dt.datetime, str] = {}  # a run's rows share one timestamp
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608
                [_sqlite_row(row, json_columns, adapted) for row in rows],
            )


def _sqlite_row(row: tuple, json_columns: set[int], adapted: dict) -> tuple:
    values = []
    for index, value in enumerate(row):
        if index in json_columns:
            value = json.dumps(value)
        elif isinstance(value, dt.datetime):
            if value not in adapted:
                adapted[value] = connection.ops.adapt_datetimefield_value(value)
            value = adapted[value]
        values.append(value)
    return tuple(values)
