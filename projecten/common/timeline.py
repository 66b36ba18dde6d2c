"""The sentences of a proposal's timeline, written when they are read.

An event stores what happened as a code (`ProposalEvent.what`) and plain values
(`ProposalEvent.data`: amounts as decimal strings, names, counts, choice codes).
The sentence is made here, with gettext, in the language of whoever reads the
page or the mail: a Dutch reader never sees "Payment: € 20,00." because an
English-speaking gebiedsregisseur recorded it. What a person typed (a reason, a
motivation) is not here: it stays in `ProposalEvent.message`, as typed.

Each code is one small function of the values. A code this module does not know
(a row written by a later release, read by an older one) renders as "", and the
page shows the stored message alone, never an error.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from budget.money import format_euro

# The codes, so that callers and the renderer cannot drift apart by a typo.
ADVANCE_PAID = "advance_paid"
PAYMENT = "payment"
RELEASED = "released"
TO_PAY_BACK = "to_pay_back"
REFUNDED = "refunded"
CO_FUNDING = "co_funding"
ADVICE_GIVEN = "advice_given"
ADVICE_CHANGED = "advice_changed"
VOTE_OPENED = "vote_opened"
VOTED = "voted"
VOTE_CHANGED = "vote_changed"
VOTE_CLOSED = "vote_closed"
APPROVED = "approved"
REJECTED = "rejected"
DEFERRED = "deferred"
TAKEN_UP_AGAIN = "taken_up_again"
ELECTION_OUTCOME = "election_outcome"
HELD_BACK = "held_back"
ACCOUNTING_REFILED = "accounting_refiled"
ATTACHMENT_ADDED = "attachment_added"
ATTACHMENT_REMOVED = "attachment_removed"


def money(value) -> str:
    """An amount as stored in `data`: a decimal string, never a float."""
    return str(Decimal(value).quantize(Decimal("0.01")))


def _euro(data: dict, key: str = "amount") -> str:
    return format_euro(Decimal(data.get(key, "0")))


def _number(value) -> str:
    return formats.number_format(int(value or 0), force_grouping=True)


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _moment(value: str) -> str:
    moment = datetime.datetime.fromisoformat(value)
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def _advance_paid(data: dict) -> str:
    if data.get("over_half"):
        return _("Advance paid: %(amount)s, more than half of the grant.") % {"amount": _euro(data)}
    return _("Advance paid: %(amount)s.") % {"amount": _euro(data)}


def _co_funding(data: dict) -> str:
    from projecten.models import CoFundingStatus

    return _("Co-funding from %(source)s: %(previous)s → %(status)s.") % {
        "source": data.get("source", ""),
        "previous": _label(CoFundingStatus, data.get("previous", "")),
        "status": _label(CoFundingStatus, data.get("status", "")),
    }


def _advice_given(data: dict) -> str:
    from projecten.models import Recommendation

    return _("Advice given: %(recommendation)s.") % {
        "recommendation": _label(Recommendation, data.get("recommendation", ""))
    }


def _advice_changed(data: dict) -> str:
    from projecten.models import Recommendation

    return _("Advice changed: %(previous)s, now %(recommendation)s.") % {
        "previous": _label(Recommendation, data.get("previous", "")),
        "recommendation": _label(Recommendation, data.get("recommendation", "")),
    }


def _vote_opened(data: dict) -> str:
    from projecten.models import VoteBody

    if data.get("body") == VoteBody.STUURGROEP:
        text = _("On the agenda of the stuurgroep; the vote closes on %(moment)s.")
    else:
        text = _("The initiatiefgroep votes; the vote closes on %(moment)s.")
    return text % {"moment": _moment(data["closes_at"])}


def _vote_closed(data: dict) -> str:
    from projecten.models import VoteOutcome

    return _(
        "The vote is closed. For: %(for)s, against: %(against)s, abstentions: %(abstain)s, "
        "of %(eligible)s who could vote. Result: %(outcome)s."
    ) % {
        "for": _number(data.get("for")),
        "against": _number(data.get("against")),
        "abstain": _number(data.get("abstain")),
        "eligible": _number(data.get("eligible")),
        "outcome": _label(VoteOutcome, data.get("outcome", "")),
    }


def _election_outcome(data: dict) -> str:
    from projecten.election.services import outcome_reason_text

    return _("Smederij election: %(votes)s votes. %(reason)s") % {
        "votes": _number(data.get("votes")),
        "reason": str(outcome_reason_text(data.get("reason", ""))),
    }


RENDERERS: dict[str, Callable[[dict], str]] = {
    ADVANCE_PAID: _advance_paid,
    PAYMENT: lambda data: _("Payment: %(amount)s.") % {"amount": _euro(data)},
    RELEASED: lambda data: _("Released to the pot: %(amount)s.") % {"amount": _euro(data)},
    TO_PAY_BACK: lambda data: (
        _("To be paid back by the initiators: %(amount)s.") % {"amount": _euro(data)}
    ),
    REFUNDED: lambda data: (
        _("Paid back and returned to the pot: %(amount)s.") % {"amount": _euro(data)}
    ),
    CO_FUNDING: _co_funding,
    ADVICE_GIVEN: _advice_given,
    ADVICE_CHANGED: _advice_changed,
    VOTE_OPENED: _vote_opened,
    VOTED: lambda data: _("Voted."),
    VOTE_CHANGED: lambda data: _("Changed their vote."),
    VOTE_CLOSED: _vote_closed,
    APPROVED: lambda data: _("Approved: %(amount)s granted.") % {"amount": _euro(data)},
    REJECTED: lambda data: _("Rejected."),
    DEFERRED: lambda data: _("Deferred to %(year)s.") % {"year": data.get("year", "")},
    TAKEN_UP_AGAIN: lambda data: _("Taken up again for %(year)s.") % {"year": data.get("year", "")},
    ELECTION_OUTCOME: _election_outcome,
    HELD_BACK: lambda data: _("Held back from the ballot of the Smederij election."),
    ACCOUNTING_REFILED: lambda data: _(
        "The verantwoording was filed again with the information asked for."
    ),
    ATTACHMENT_ADDED: lambda data: _("Attachment added: %(name)s") % {"name": data.get("name", "")},
    ATTACHMENT_REMOVED: lambda data: (
        _("Attachment removed: %(name)s") % {"name": data.get("name", "")}
    ),
}


def describe(what: str, data: dict | None) -> str:
    """The sentence for `what` with `data`, in the active language; "" for no or an unknown
    code, or values that do not fit it (the stored message is then shown alone)."""
    render = RENDERERS.get(what or "")
    if render is None:
        return ""
    try:
        return render(data or {})
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return ""


# For a mail: the sentence is made when the mail is rendered, in the recipient's language
# (smederijen.notifications.email_after_commit resolves it), not in the actor's.
describe_lazy = lazy(describe, str)
