"""Pages of the verantwoording: filing it, reading it, checking it, and who is late.

Thin: parse, call one service or selector, turn a domain error into a form
error, redirect. A proposal the user may not see answers 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from projecten.accounting import selectors as selectors_accounting
from projecten.accounting.forms import AccountingCheckForm, AccountingForm, SpendingLineFormSet
from projecten.accounting.selectors import accounting_due_date
from projecten.accounting.services import (
    accounting_approve,
    accounting_request_more,
    accounting_submit,
)
from projecten.common.views import ProposalPermissionMixin
from smederijen.form_errors import add_service_errors
from smederijen.models import Smederij


def _errors_to_form(error: ValidationError, form, formset) -> None:
    add_service_errors(
        form, error, fields={"uploads": "receipts"}, elsewhere={"lines": formset.service_errors}
    )


class AccountingFormView(ProposalPermissionMixin, View):
    """File the verantwoording: the spending lines start from the proposal's budget."""

    permission_required = "projecten.file_accounting"
    template_name = "projecten/accounting/accounting_form.html"

    def _initial(self, proposal, accounting):
        if accounting is not None:
            form_initial = {"report": accounting.report, "participants": accounting.participants}
            lines = [
                {
                    "budget_line": line.budget_line_id,
                    "description": line.description,
                    "amount": line.amount,
                }
                for line in accounting.lines.all()
            ]
        else:
            form_initial = {}
            lines = [
                {"budget_line": line.pk, "description": line.description}
                for line in proposal.budget_lines.all()
            ]
        return form_initial, lines

    def _render(self, proposal, accounting, form, formset, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "accounting": accounting,
                "due_date": accounting_due_date(proposal),
                "form": form,
                "formset": formset,
                "budget_lines": {line.pk: line for line in proposal.budget_lines.all()},
            },
            status=status,
        )

    def _forms(self, data=None, files=None):
        proposal = self.get_permission_object()
        accounting = selectors_accounting.accounting_detail(proposal=proposal)
        form_initial, lines = self._initial(proposal, accounting)
        form = AccountingForm(data, files, initial=form_initial)
        formset = SpendingLineFormSet(data, prefix="lines", initial=lines)
        formset.service_errors = []
        return proposal, accounting, form, formset

    def get(self, request, pk):
        return self._render(*self._forms())

    def post(self, request, pk):
        proposal, accounting, form, formset = self._forms(request.POST, request.FILES)
        if not all([form.is_valid(), formset.is_valid()]):
            return self._render(proposal, accounting, form, formset, 400)
        try:
            accounting_submit(
                proposal=proposal,
                actor=request.user,
                report=form.cleaned_data["report"],
                participants=form.cleaned_data["participants"],
                lines=formset.spending_lines(),
                uploads=form.uploads(),
            )
        except ValidationError as error:
            _errors_to_form(error, form, formset)
            return self._render(proposal, accounting, form, formset, 400)
        messages.success(
            request, _("Thank you: your verantwoording is filed. The gebiedsregisseur checks it.")
        )
        return redirect("projecten:accounting-detail", pk=proposal.pk)


def _detail_context(request, proposal, check_form=None) -> dict:
    page = selectors_accounting.accounting_page(user=request.user, proposal=proposal)
    return {
        "proposal": proposal,
        "accounting": page.accounting,
        "due_date": page.due_date,
        "settlement": page.settlement,
        "can_file": page.can_file,
        "can_check": page.can_check,
        "check_form": check_form or (AccountingCheckForm() if page.can_check else None),
    }


DETAIL_TEMPLATE = "projecten/accounting/accounting_detail.html"


class AccountingDetailView(ProposalPermissionMixin, View):
    """The verantwoording with what is to be paid back; for the submitter and the wijkteam."""

    permission_required = "projecten.view_private_parts"

    def get(self, request, pk):
        return render(
            request, DETAIL_TEMPLATE, _detail_context(request, self.get_permission_object())
        )


class AccountingCheckView(ProposalPermissionMixin, View):
    """The gebiedsregisseur approves the verantwoording or asks for more."""

    permission_required = "projecten.check_accounting"

    def post(self, request, pk):
        proposal = self.get_permission_object()
        accounting = selectors_accounting.accounting_detail(proposal=proposal)
        if accounting is None:
            raise Http404
        form = AccountingCheckForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == AccountingCheckForm.APPROVE
            message = form.cleaned_data["message"]
            try:
                if approve:
                    accounting_approve(accounting=accounting, actor=request.user, message=message)
                else:
                    accounting_request_more(
                        accounting=accounting, actor=request.user, message=message
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The verantwoording is approved.")
                    if approve
                    else _("The initiators are asked for more."),
                )
                return redirect("projecten:accounting-detail", pk=proposal.pk)
        return render(
            request, DETAIL_TEMPLATE, _detail_context(request, proposal, form), status=400
        )


class AccountingOverviewView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """For the gebiedsregisseur: whose verantwoording is late, and which wait to be checked."""

    permission_required = "projecten.view_accountings"
    template_name = "projecten/accounting/accounting_overview.html"

    def get_permission_object(self):
        if not hasattr(self, "_smederij"):
            self._smederij = get_object_or_404(Smederij.objects.active(), slug=self.kwargs["slug"])
        return self._smederij

    def get(self, request, slug):
        smederij = self.get_permission_object()
        today = timezone.localdate()
        late = list(selectors_accounting.late_accountings(smederij=smederij, today=today))
        for proposal in late:
            proposal.due_date = accounting_due_date(proposal)
            proposal.days_late = (today - proposal.due_date).days
        return render(
            request,
            self.template_name,
            {
                "smederij": smederij,
                "late": late,
                "to_check": selectors_accounting.accountings_to_check(smederij=smederij),
            },
        )
