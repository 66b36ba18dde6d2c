"""Bulk inserts for the synthetic history: PostgreSQL COPY, or bulk_create elsewhere.

Every row gets its primary key from the writer, not from the database, so that the
phases can link rows (a payment to its grant, a choice to its ballot) without reading
anything back; the sequences are moved past the new keys at the end. COPY goes
through psycopg 3 (`cursor.copy`), which adapts Decimal, datetime and UUID itself;
dicts for JSON columns are wrapped in `Jsonb`.
"""

import time
from collections.abc import Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max, Model

BATCH = 5000


class Writer:
    def __init__(self, log):
        self.log = log
        self.counts: dict[str, int] = {}
        self._next: dict[type[Model], int] = {}
        self.postgres = connection.vendor == "postgresql"

    def ids(self, model: type[Model], n: int) -> range:
        """`n` fresh primary keys for `model`, above every key it has."""
        if model not in self._next:
            self._next[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        start = self._next[model]
        self._next[model] = start + n
        return range(start, start + n)

    def write(self, model: type[Model], attnames: Sequence[str], rows: Iterable[tuple]) -> int:
        """Insert `rows` (tuples in the order of `attnames`, model attribute names)."""
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return 0
        if self.postgres:
            self._copy(model, attnames, rows)
        else:
            objs = [model(**dict(zip(attnames, row, strict=True))) for row in rows]
            model.objects.bulk_create(objs, batch_size=BATCH)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(rows)
        return len(rows)

    def _copy(self, model, attnames, rows):
        from psycopg.types.json import Jsonb

        fields = {f.attname: f for f in model._meta.concrete_fields}
        columns = [fields[name].column for name in attnames]
        json_at = [
            i for i, name in enumerate(attnames) if fields[name].get_internal_type() == "JSONField"
        ]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN"
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                if json_at:
                    row = list(row)
                    for i in json_at:
                        row[i] = Jsonb(row[i]) if row[i] is not None else None
                copy.write_row(row)

    def reset_sequences(self) -> None:
        """Move each sequence past the keys written, so that the site's own inserts go on."""
        if not self.postgres:
            return  # SQLite takes max(rowid) + 1 by itself.
        # Django's own statements, the ones `manage.py sqlsequencereset` prints.
        statements = connection.ops.sequence_reset_sql(no_style(), list(self._next))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def analyze(self) -> None:
        """Fresh statistics for the planner, and the visibility map: a bulk load leaves
        neither until autovacuum comes round, and a benchmark must see the plans a settled
        database would use (without the map no index-only scan: the ballots export read
        every ballot). VACUUM cannot run in a transaction: inside one (a test) only ANALYZE."""
        if not self.postgres:
            return
        tables = ", ".join(
            connection.ops.quote_name(t) for t in sorted({m._meta.db_table for m in self._next})
        )
        command = "ANALYZE " if connection.in_atomic_block else "VACUUM (ANALYZE) "
        with connection.cursor() as cursor:
            cursor.execute(command + tables)


class Phase:
    """Times a phase and prints its rows and seconds."""

    def __init__(self, writer: Writer, name: str):
        self.writer, self.name = writer, name

    def __enter__(self):
        self.started = time.monotonic()
        self.before = sum(self.writer.counts.values())
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            rows = sum(self.writer.counts.values()) - self.before
            seconds = time.monotonic() - self.started
            self.writer.log(f"{self.name}: {rows:,} rows in {seconds:.1f} s")
        return False
