"""The ledger is append-only in the database too, not only in the services.

On PostgreSQL a trigger refuses UPDATE and DELETE on every money record, so
that not even a manual query or a future bug can rewrite a euro's history.
The one change the ledger allows is closing a grant (`closed_at` from empty to
a moment, once). A maintenance session that must remove rows (the benchmark
cleaning up after itself) says so explicitly with
`SET LOCAL smederijen.ledger_maintenance = 'on'`.
SQLite (a laptop's quick start) gets no trigger.
"""

from django.db import migrations

LEDGER_TABLES = (
    "budget_payment",
    "budget_release",
    "budget_refund",
    "budget_reallocation",
    "budget_budgetyearchange",
    "budget_sharechange",
)

FUNCTION = """
CREATE OR REPLACE FUNCTION budget_ledger_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('smederijen.ledger_maintenance', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    -- Nested: PL/pgSQL may evaluate both sides of an AND, and only grants have closed_at.
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'budget_grant' THEN
        IF (to_jsonb(OLD) ->> 'closed_at') IS NULL
           AND (to_jsonb(NEW) ->> 'closed_at') IS NOT NULL
           AND (to_jsonb(NEW) - 'closed_at') = (to_jsonb(OLD) - 'closed_at') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'The budget ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No parameters: the function body uses % for its own placeholders.
    schema_editor.execute(FUNCTION, params=None)
    for table in (*LEDGER_TABLES, "budget_grant"):
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION budget_ledger_append_only()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in (*LEDGER_TABLES, "budget_grant"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS budget_ledger_append_only()")


class Migration(migrations.Migration):
    dependencies = [("budget", "0004_payment_advance")]

    operations = [migrations.RunPython(create, drop)]
