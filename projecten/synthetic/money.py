"""Grants, payments, refunds and releases as ledger rows, and the verantwoording.

Too many for `grant_create` one by one (a row lock and four aggregates each), so they
are inserted in bulk, but only for proposals that `funding_decide` or the election fitted
into the money left; `checks.py` proves afterwards with the budget selectors that nothing
is overspent, and on PostgreSQL the ledger's deferred triggers (decision 0021) check
every row again at commit. Inserts are all the ledger ever takes, so its append-only
triggers have nothing to refuse.
"""

import datetime
from decimal import Decimal

from budget.models import Grant, Klap, Payment, Refund, Release
from projecten.common import timeline
from projecten.models import Accounting, AccountingLine, AccountingStatus, EventKind
from projecten.workflow import ProposalStatus as S

from .proposals import coded_events_write

HOUR = datetime.timedelta(hours=1)


def money_write(writer, plans, *, years, people) -> None:
    grants, payments, refunds, releases, events = [], [], [], [], []
    funded = [
        p
        for p in plans
        if p.status in (S.APPROVED, S.IN_PROGRESS, S.ACCOUNTED, S.COMPLETED, S.CANCELLED)
    ]
    grant_ids = iter(writer.ids(Grant, len(funded)))
    for plan in funded:
        moments = dict(plan.times)
        regisseur = people.regisseurs[plan.smederij.wijkteam_id]
        pk = next(grant_ids)
        granted_at = moments[S.APPROVED]
        half = (plan.amount / 2).quantize(Decimal("0.01"))
        closed_at = None
        if plan.status == S.CANCELLED:
            # The advance was paid back, and all of the grant released: the grant closes.
            at = moments[S.CANCELLED]
            payments.append((pk, half, regisseur, granted_at + HOUR, True))
            refunds.append((pk, half, regisseur, at - HOUR))
            releases.append((pk, plan.amount, regisseur, at))
            closed_at = at
            events += [
                (plan, timeline.ADVANCE_PAID, half, granted_at + HOUR, regisseur),
                (plan, timeline.REFUNDED, half, at - HOUR, regisseur),
                (plan, timeline.RELEASED, plan.amount, at, regisseur),
            ]
        elif plan.status in (S.IN_PROGRESS, S.ACCOUNTED, S.COMPLETED):
            started = moments[S.IN_PROGRESS]
            payments.append((pk, half, regisseur, started, True))
            events.append((plan, timeline.ADVANCE_PAID, half, started, regisseur))
            if plan.status == S.COMPLETED:
                rest = plan.amount - half
                at = moments[S.COMPLETED]
                payments.append((pk, rest, regisseur, at, False))
                events.append((plan, timeline.PAYMENT, rest, at, regisseur))
        grants.append(
            (
                pk,
                years[plan.year].pk,
                plan.id,
                plan.klap,
                plan.smederij.pk if plan.klap == Klap.KORTE else None,
                plan.amount,
                regisseur,
                granted_at,
                "",
                closed_at,
            )
        )
    writer.write(
        Grant,
        [
            "id",
            "budget_year_id",
            "proposal_id",
            "klap",
            "smederij_id",
            "amount",
            "granted_by_id",
            "granted_at",
            "reason",
            "closed_at",
        ],
        grants,
    )
    record = ["id", "grant_id", "amount", "recorded_by_id", "recorded_at", "reason"]
    writer.write(
        Payment,
        [*record, "is_advance", "override_reason"],
        [
            (pk, g, a, by, at, "", adv, "")
            for pk, (g, a, by, at, adv) in zip(
                writer.ids(Payment, len(payments)), payments, strict=True
            )
        ],
    )
    writer.write(
        Refund,
        record,
        [
            (pk, g, a, by, at, "Project gaat niet door.")
            for pk, (g, a, by, at) in zip(writer.ids(Refund, len(refunds)), refunds, strict=True)
        ],
    )
    writer.write(
        Release,
        record,
        [
            (pk, g, a, by, at, "Project gaat niet door.")
            for pk, (g, a, by, at) in zip(writer.ids(Release, len(releases)), releases, strict=True)
        ],
    )
    coded_events_write(
        writer,
        [
            (plan.id, EventKind.MONEY, actor, what, {"amount": timeline.money(amount)}, at)
            for plan, what, amount, at, actor in events
        ],
    )


def accountings_write(writer, rng, plans) -> None:
    """The verantwoording of each accounted or completed project: approved when completed."""
    rows, lines = [], []
    done = [p for p in plans if p.status in (S.ACCOUNTED, S.COMPLETED)]
    for pk, plan in zip(writer.ids(Accounting, len(done)), done, strict=True):
        moments = dict(plan.times)
        status = (
            AccountingStatus.APPROVED if plan.status == S.COMPLETED else AccountingStatus.SUBMITTED
        )
        rows.append(
            (
                pk,
                plan.id,
                "Het is gelukt; de buurt deed mee.",
                rng.randint(5, 250),
                status,
                plan.submitter,
                moments[S.ACCOUNTED],
                "",
            )
        )
        lines.append((pk, None, plan.idea.lines[0][0], plan.amount))
    writer.write(
        Accounting,
        [
            "id",
            "proposal_id",
            "report",
            "participants",
            "status",
            "submitted_by_id",
            "submitted_at",
            "review_message",
        ],
        rows,
    )
    writer.write(
        AccountingLine,
        ["id", "accounting_id", "budget_line_id", "description", "amount"],
        [
            (pk, *line)
            for pk, line in zip(writer.ids(AccountingLine, len(lines)), lines, strict=True)
        ],
    )
