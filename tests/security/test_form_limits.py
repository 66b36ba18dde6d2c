"""Every form field carries the limits of the column it fills (issue 14, item 3).

A value the form lets through must fit its column: a text longer than the column, or a
number beyond the integer range, is otherwise a server error at the database instead of
a Dutch message at the field. ModelForms are compared with their model by field name;
plain forms name their columns in `COLUMNS` (where the names differ, or the model is not
the form's). Every integer field is bounded, whether it fills a column or names an id.
"""

import glob
import importlib
import inspect
from decimal import Decimal
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models

from budget.forms import EuroField
from budget.money import MAX_AMOUNT

# A sensible domain bound below the database's integer range (2**31 - 1 in PostgreSQL).
DB_INTEGER_MAX = 2**31 - 1

# form (module.Class) -> {form field: "app_label.Model.field"}
COLUMNS = {
    "projecten.accounting.forms.AccountingCheckForm": {
        "message": "projecten.Accounting.review_message"
    },
    "projecten.accounting.forms.AccountingForm": {
        "report": "projecten.Accounting.report",
        "participants": "projecten.Accounting.participants",
    },
    "projecten.accounting.forms.SpendingLineForm": {
        "description": "projecten.AccountingLine.description",
        "amount": "projecten.AccountingLine.amount",
    },
    "projecten.decisions.forms.ApproveForm": {
        "amount": "projecten.Decision.amount",
        "conditions": "projecten.Decision.conditions",
        "motivation": "projecten.Decision.motivation",
    },
    "projecten.decisions.forms.DeferForm": {"motivation": "projecten.Decision.motivation"},
    "projecten.decisions.forms.RejectForm": {"motivation": "projecten.Decision.motivation"},
    "projecten.election.forms.HoldBackForm": {"reason": "projecten.ElectionIdea.held_back_reason"},
    "projecten.election.forms.PaperTallyForm": {
        "ballots_handed_in": "projecten.PaperTallyEntry.ballots_handed_in"
    },
    "projecten.election.forms.RoundForm": {
        "year": "projecten.ElectionRound.year",
        "budget": "projecten.ElectionRound.budget",
        "votes_per_voter": "projecten.ElectionRound.votes_per_voter",
        "minimum_age": "projecten.ElectionRound.minimum_age",
    },
    "projecten.money.forms.AdvanceForm": {
        "amount": "budget.Payment.amount",
        "override_reason": "budget.Payment.override_reason",
    },
    "projecten.money.forms.CancelForm": {"reason": "budget.Release.reason"},
    "projecten.money.forms.PaymentForm": {
        "amount": "budget.Payment.amount",
        "reason": "budget.Payment.reason",
    },
    "projecten.money.forms.RefundForm": {
        "amount": "budget.Refund.amount",
        "reason": "budget.Refund.reason",
    },
    "projecten.participation.forms.CommentForm": {"body": "projecten.Comment.body"},
    "projecten.participation.forms.HideCommentForm": {"reason": "projecten.Comment.hidden_reason"},
    "projecten.proposals.forms.BudgetLineForm": {
        "description": "projecten.BudgetLine.description",
        "amount": "projecten.BudgetLine.amount",
    },
    "projecten.proposals.forms.CoFundingForm": {
        "source": "projecten.CoFunding.source",
        "amount": "projecten.CoFunding.amount",
    },
    "projecten.proposals.forms.WithdrawForm": {},
    "projecten.review.forms.AdviceForm": {"motivation": "projecten.Advice.motivation"},
    "projecten.review.forms.DecisionMethodForm": {"year": "projecten.DecisionMethod.year"},
    "projecten.review.forms.RequestChangesForm": {},
    "projecten.shared_goods.forms.BorrowRequestForm": {
        "message": "projecten.BorrowRequest.message",
    },
    "projecten.votes.forms.VoteCastForm": {"motivation": "projecten.VoteCast.motivation"},
    "projecten.votes.forms.VoteOpenForm": {},
    "smederijen.accounts.forms.AreaChangeRequestForm": {
        "reason": "smederijen.AreaChangeRequest.reason"
    },
    "smederijen.accounts.forms.RegistrationForm": {
        "display_name": "smederijen.User.display_name",
        "email": "smederijen.User.email",
    },
    "smederijen.groups.forms.GroupForm": {
        "name": "smederijen.Group.name",
        "description": "smederijen.Group.description",
    },
    "smederijen.groups.forms.InvitationForm": {"email": "smederijen.GroupInvitation.email"},
    "smederijen.groups.forms.JoinRequestForm": {
        "motivation": "smederijen.InitiatiefgroepJoinRequest.motivation"
    },
}


def project_forms():
    """Every form class defined in a forms module of our apps."""
    root = Path(settings.BASE_DIR)
    for path in sorted(glob.glob(str(root / "*" / "**" / "*forms*.py"), recursive=True)):
        relative = Path(path).relative_to(root)
        if relative.parts[0] in ("tests", ".venv", "var"):
            continue
        module_name = ".".join(relative.with_suffix("").parts)
        module = importlib.import_module(module_name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module_name:
                yield f"{module_name}.{cls.__name__}", cls


def column(dotted: str) -> models.Field:
    app_label, model_name, field_name = dotted.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name)


def columns_of(name, form_class) -> dict:
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    found = {}
    if model is not None:
        names = {f.name for f in model._meta.get_fields() if f.concrete}
        found = {f: model._meta.get_field(f) for f in form_class.base_fields if f in names}
    found.update({f: column(d) for f, d in COLUMNS.get(name, {}).items()})
    return found


def differences(name, form_class) -> list[str]:
    out = []
    cols = columns_of(name, form_class)
    for field_name, field in form_class.base_fields.items():
        where = f"{name}.{field_name}"
        col = cols.get(field_name)
        if isinstance(field, EuroField):
            if col is not None and not (
                isinstance(col, models.DecimalField)
                and col.decimal_places == 2
                and Decimal(10) ** (col.max_digits - 2) > MAX_AMOUNT
            ):
                out.append(f"{where}: € {MAX_AMOUNT} and cents do not fit {col}")
        elif isinstance(field, forms.IntegerField):
            # Every number a form takes is bounded, mapped to a column or not (an id too):
            # beyond the integer range the database fails, not the form.
            if field.max_value is None or field.min_value is None:
                out.append(f"{where}: an integer without min_value/max_value")
            elif field.max_value > DB_INTEGER_MAX:
                out.append(f"{where}: max_value {field.max_value} beyond the integer column")
            elif (
                isinstance(col, models.PositiveIntegerField | models.PositiveSmallIntegerField)
                and field.min_value < 0
            ):
                out.append(f"{where}: min_value {field.min_value} below the positive column")
        elif isinstance(field, forms.CharField) and col is not None:
            limit = col.max_length
            if limit is not None and (field.max_length is None or field.max_length > limit):
                out.append(f"{where}: max_length {field.max_length}, the column holds {limit}")
    return out


def test_every_form_field_fits_its_column():
    found = dict(project_forms())
    assert len(found) > 30, "the walk over the forms modules found too few forms"
    problems = [p for name, cls in found.items() for p in differences(name, cls)]
    assert problems == []


def test_every_mapped_form_exists():
    assert set(COLUMNS) - dict(project_forms()).keys() == set()


def test_the_comparison_sees_a_field_longer_than_its_column():
    class TooLong(forms.Form):
        email = forms.EmailField(max_length=320)
        number = forms.IntegerField()

    COLUMNS["tests.TooLong"] = {"email": "smederijen.User.email"}
    try:
        problems = differences("tests.TooLong", TooLong)
    finally:
        del COLUMNS["tests.TooLong"]
    assert any("email: max_length 320, the column holds 254" in p for p in problems)
    assert any("number: an integer without" in p for p in problems)
