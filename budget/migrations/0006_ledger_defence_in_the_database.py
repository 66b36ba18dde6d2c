"""A second line of defence in PostgreSQL, behind the services' row locks.

1. Deferred constraint triggers refuse a commit that leaves a Smederij's korte
   klap share, the lange klap pot or a grant overspent, or the shares above the
   korte klap pot. They mirror budget/selectors.py exactly:
   - share: granted − released of the year's korte klap grants of the Smederij
     ≤ share amount + reallocated in − reallocated out;
   - lange klap: granted − released of the year's lange klap grants ≤ lange pot;
   - grant: 0 ≤ paid − refunded ≤ amount − released (spent never negative,
     never above what is committed);
   - year: the shares add up to at most the korte klap pot.
   Checked at commit (DEFERRABLE INITIALLY DEFERRED), so that a service can
   write first and refuse readably: the services' locks stay the first line,
   and these triggers only ever fire when a lock is missing (a bug, a script).
   Each check first locks the row it guards (FOR NO KEY UPDATE), so that two
   commits without the services' lock are checked one after the other, each
   seeing the other's rows; with the services' lock the row is already held.
2. TRUNCATE of a ledger table is refused (BEFORE TRUNCATE, per statement).
3. The maintenance switch of 0005 (`SET LOCAL smederijen.ledger_maintenance =
   'on'`) is honoured only for the role `smederijen_ledger_maintenance` (its
   members, and superusers, who can drop any trigger anyway). Anybody can set
   a custom setting; what matters is who the trigger listens to. The
   application's own role must be neither (docs/decisions/0021).

SQLite, for a laptop's quick start, gets none of this.
"""

import importlib

from django.db import migrations

MAINTENANCE_ROLE = "smederijen_ledger_maintenance"
LEDGER_TABLES = (
    "budget_grant",
    "budget_payment",
    "budget_release",
    "budget_refund",
    "budget_reallocation",
    "budget_budgetyearchange",
    "budget_sharechange",
)
# (table, events, name of the constraint trigger)
CHECKED = (
    ("budget_grant", "INSERT", "budget_grant_within_budget"),
    ("budget_payment", "INSERT", "budget_payment_within_grant"),
    ("budget_release", "INSERT", "budget_release_within_grant"),
    ("budget_refund", "INSERT", "budget_refund_within_grant"),
    ("budget_reallocation", "INSERT", "budget_reallocation_within_budget"),
    ("budget_smederijshare", "INSERT OR UPDATE", "budget_share_within_budget"),
    ("budget_budgetyear", "UPDATE", "budget_year_within_budget"),
)

ROLE = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{MAINTENANCE_ROLE}') THEN
        CREATE ROLE {MAINTENANCE_ROLE} NOLOGIN;
    END IF;
EXCEPTION
    -- Roles belong to the cluster: another database may have made it a moment ago.
    WHEN duplicate_object OR unique_violation THEN NULL;
    -- Without CREATEROLE only superusers can maintain the ledger; the triggers still work.
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'role {MAINTENANCE_ROLE} not created: only superusers may maintain the ledger';
END
$$;
"""

MAINTAINER = f"""
CREATE OR REPLACE FUNCTION budget_ledger_maintainer() RETURNS boolean
LANGUAGE sql STABLE AS $$
    -- current_user, not session_user: SET ROLE to the application's role gives up maintenance.
    SELECT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
        OR COALESCE(
            (SELECT pg_has_role(current_user, oid, 'MEMBER')
             FROM pg_roles WHERE rolname = '{MAINTENANCE_ROLE}'),
            false)
$$;
"""

APPEND_ONLY = f"""
CREATE OR REPLACE FUNCTION budget_ledger_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('smederijen.ledger_maintenance', true) = 'on' THEN
        IF budget_ledger_maintainer() THEN
            RETURN COALESCE(NEW, OLD);
        END IF;
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
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'Maintenance needs the role {MAINTENANCE_ROLE} and '
                     'SET LOCAL smederijen.ledger_maintenance = ''on''.';
END;
$$ LANGUAGE plpgsql;
"""

NO_TRUNCATE = f"""
CREATE OR REPLACE FUNCTION budget_ledger_no_truncate() RETURNS trigger AS $$
BEGIN
    -- Maintainers may (Django's test database is emptied with TRUNCATE, as a superuser).
    IF budget_ledger_maintainer() THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The budget ledger is append-only: TRUNCATE of % refused', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation',
              HINT = 'Only the role {MAINTENANCE_ROLE} may empty a ledger table.';
END;
$$ LANGUAGE plpgsql;
"""

CHECKS = """
CREATE OR REPLACE FUNCTION budget_check_share(p_year bigint, p_smederij bigint) RETURNS void AS $$
DECLARE
    pot numeric;
    committed numeric;
BEGIN
    -- Two commits of the same share wait for each other here; the sums below are a
    -- new snapshot (READ COMMITTED), taken after the other one committed.
    PERFORM 1 FROM budget_smederijshare
        WHERE budget_year_id = p_year AND smederij_id = p_smederij FOR NO KEY UPDATE;
    -- Without a share there is no share balance to overspend (the selectors show none);
    -- the service refuses such a grant, but test fixtures of projecten make them directly.
    IF NOT FOUND THEN
        RETURN;
    END IF;
    pot := (SELECT amount FROM budget_smederijshare
            WHERE budget_year_id = p_year AND smederij_id = p_smederij)
         + COALESCE((SELECT sum(amount) FROM budget_reallocation
                     WHERE budget_year_id = p_year AND to_smederij_id = p_smederij), 0)
         - COALESCE((SELECT sum(amount) FROM budget_reallocation
                     WHERE budget_year_id = p_year AND from_smederij_id = p_smederij), 0);
    committed := COALESCE((SELECT sum(amount) FROM budget_grant
                           WHERE budget_year_id = p_year AND klap = 'korte'
                             AND smederij_id = p_smederij), 0)
               - COALESCE((SELECT sum(r.amount) FROM budget_release r
                           JOIN budget_grant g ON g.id = r.grant_id
                           WHERE g.budget_year_id = p_year AND g.klap = 'korte'
                             AND g.smederij_id = p_smederij), 0);
    IF committed > pot THEN
        RAISE EXCEPTION 'Budget overspent: korte klap share of Smederij % in %: % committed, pot %',
            p_smederij, (SELECT year FROM budget_budgetyear WHERE id = p_year), committed, pot
            USING ERRCODE = 'check_violation';
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION budget_check_lange(p_year bigint) RETURNS void AS $$
DECLARE
    pot numeric;
    committed numeric;
BEGIN
    PERFORM 1 FROM budget_budgetyear WHERE id = p_year FOR NO KEY UPDATE;
    pot := (SELECT lange_klap_pot FROM budget_budgetyear WHERE id = p_year);
    committed := COALESCE((SELECT sum(amount) FROM budget_grant
                           WHERE budget_year_id = p_year AND klap = 'lange'), 0)
               - COALESCE((SELECT sum(r.amount) FROM budget_release r
                           JOIN budget_grant g ON g.id = r.grant_id
                           WHERE g.budget_year_id = p_year AND g.klap = 'lange'), 0);
    IF committed > pot THEN
        RAISE EXCEPTION 'Budget overspent: lange klap pot of %: % committed, pot %',
            (SELECT year FROM budget_budgetyear WHERE id = p_year), committed, pot
            USING ERRCODE = 'check_violation';
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION budget_check_shares_fit(p_year bigint) RETURNS void AS $$
DECLARE
    pot numeric;
    shared numeric;
BEGIN
    PERFORM 1 FROM budget_budgetyear WHERE id = p_year FOR NO KEY UPDATE;
    pot := (SELECT korte_klap_pot FROM budget_budgetyear WHERE id = p_year);
    shared := COALESCE((SELECT sum(amount) FROM budget_smederijshare
                        WHERE budget_year_id = p_year), 0);
    IF shared > pot THEN
        RAISE EXCEPTION 'Budget overspent: the shares of % add up to %, the korte klap pot is %',
            (SELECT year FROM budget_budgetyear WHERE id = p_year), shared, pot
            USING ERRCODE = 'check_violation';
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION budget_check_grant(p_grant bigint) RETURNS void AS $$
DECLARE
    committed numeric;
    spent numeric;
BEGIN
    PERFORM 1 FROM budget_grant WHERE id = p_grant FOR NO KEY UPDATE;
    committed := (SELECT amount FROM budget_grant WHERE id = p_grant)
               - COALESCE((SELECT sum(amount) FROM budget_release WHERE grant_id = p_grant), 0);
    spent := COALESCE((SELECT sum(amount) FROM budget_payment WHERE grant_id = p_grant), 0)
           - COALESCE((SELECT sum(amount) FROM budget_refund WHERE grant_id = p_grant), 0);
    IF spent > committed OR spent < 0 THEN
        RAISE EXCEPTION 'Budget overspent: grant %: % paid (less refunds) on % committed',
            p_grant, spent, committed
            USING ERRCODE = 'check_violation';
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION budget_within_budget() RETURNS trigger AS $$
BEGIN
    -- One branch per table: NEW has only that table's columns.
    IF TG_TABLE_NAME = 'budget_grant' THEN
        IF NEW.klap = 'korte' THEN
            PERFORM budget_check_share(NEW.budget_year_id, NEW.smederij_id);
        ELSE
            PERFORM budget_check_lange(NEW.budget_year_id);
        END IF;
    ELSIF TG_TABLE_NAME IN ('budget_payment', 'budget_release', 'budget_refund') THEN
        PERFORM budget_check_grant(NEW.grant_id);
    ELSIF TG_TABLE_NAME = 'budget_reallocation' THEN
        PERFORM budget_check_share(NEW.budget_year_id, NEW.from_smederij_id);
    ELSIF TG_TABLE_NAME = 'budget_smederijshare' THEN
        PERFORM budget_check_share(NEW.budget_year_id, NEW.smederij_id);
        PERFORM budget_check_shares_fit(NEW.budget_year_id);
    ELSIF TG_TABLE_NAME = 'budget_budgetyear' THEN
        PERFORM budget_check_lange(NEW.id);
        PERFORM budget_check_shares_fit(NEW.id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

FUNCTIONS = (
    "budget_within_budget()",
    "budget_check_grant(bigint)",
    "budget_check_shares_fit(bigint)",
    "budget_check_lange(bigint)",
    "budget_check_share(bigint, bigint)",
    "budget_ledger_no_truncate()",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No parameters: the bodies use % for their own placeholders.
    for sql in (ROLE, MAINTAINER, APPEND_ONLY, NO_TRUNCATE, CHECKS):
        schema_editor.execute(sql, params=None)
    for table in LEDGER_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION budget_ledger_no_truncate()"
        )
    for table, events, name in CHECKED:
        schema_editor.execute(
            f"CREATE CONSTRAINT TRIGGER {name} AFTER {events} ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION budget_within_budget()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _events, name in CHECKED:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for table in LEDGER_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    for function in FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}")
    # Back to 0005's switch, which anybody could throw. The role stays: it belongs to the
    # cluster, and other databases may use it.
    previous = importlib.import_module("budget.migrations.0005_append_only_ledger")
    schema_editor.execute(previous.FUNCTION, params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS budget_ledger_maintainer()")


class Migration(migrations.Migration):
    dependencies = [("budget", "0005_append_only_ledger")]

    operations = [migrations.RunPython(create, drop)]
