"""Nobody edits or deletes an audit entry: PostgreSQL refuses it (decision 0029).

Like the budget ledger (budget 0005/0006, decision 0021): a row trigger refuses UPDATE
and DELETE of `auditlog_logentry`, a statement trigger refuses TRUNCATE. Two exceptions:

- maintainers (superusers, members of the NOLOGIN role `smederijen_audit_maintenance`)
  who also throw `SET LOCAL smederijen.audit_maintenance = 'on'` for their transaction,
  and may TRUNCATE (Django's test flush runs as the superuser);
- the one UPDATE Django makes when a user is deleted: `actor_id` to NULL and nothing
  else. `actor_email` keeps who it was, so the entry still names the person.

SQLite, for a laptop's quick start, keeps a plain table.
"""

from django.db import migrations

ROLE = "smederijen_audit_maintenance"

CREATE_ROLE = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ROLE}') THEN
        CREATE ROLE {ROLE} NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'role {ROLE} not created: only superusers may maintain the audit log';
END
$$;
"""

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION smederijen_audit_maintainer() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
        OR COALESCE(
            (SELECT pg_has_role(current_user, oid, 'MEMBER')
             FROM pg_roles WHERE rolname = '{ROLE}'),
            false)
$$;

CREATE OR REPLACE FUNCTION smederijen_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('smederijen.audit_maintenance', true) = 'on'
       AND smederijen_audit_maintainer() THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
           AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'Maintenance needs the role {ROLE} and '
                     'SET LOCAL smederijen.audit_maintenance = ''on''.';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION smederijen_audit_no_truncate() RETURNS trigger AS $$
BEGIN
    IF smederijen_audit_maintainer() THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: TRUNCATE refused'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

TRIGGERS = """
CREATE TRIGGER auditlog_logentry_append_only BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION smederijen_audit_append_only();
CREATE TRIGGER auditlog_logentry_no_truncate BEFORE TRUNCATE ON auditlog_logentry
    FOR EACH STATEMENT EXECUTE FUNCTION smederijen_audit_no_truncate();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (CREATE_ROLE, FUNCTIONS, TRIGGERS):
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS auditlog_logentry_append_only ON auditlog_logentry;"
        "DROP TRIGGER IF EXISTS auditlog_logentry_no_truncate ON auditlog_logentry;"
        "DROP FUNCTION IF EXISTS smederijen_audit_append_only();"
        "DROP FUNCTION IF EXISTS smederijen_audit_no_truncate();"
        "DROP FUNCTION IF EXISTS smederijen_audit_maintainer();",
        params=None,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("smederijen", "0004_formsubmission"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(create, drop)]
