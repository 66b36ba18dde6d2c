"""The stuurgroep's pages of the money: the years and their pots, one year with its shares
and history, and the four changes (open a year, change its split, set the shares, move
money between Smederijen).

Each change goes form → check (before and after, nothing written) → confirm; only the
confirm calls a budget service, once (`submit_once`), and a refusal of the service comes
back as an error on the form with what was typed still in it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from smederijen.form_errors import add_service_errors
from smederijen.models import Smederij
from smederijen.submissions import SubmitOnceMixin, submit_once

from . import selectors, services
from .forms import OpenYearForm, OpenYearSharesForm, PotForm, ReallocationForm, SharesForm
from .models import BudgetYear
from .money import ZERO, format_euro


def _smederijen():
    """Every active Smederij with its area (its inhabitants), by name: one query."""
    return list(Smederij.objects.active().select_related("area").order_by("name"))


def _year(year: int) -> BudgetYear:
    return get_object_or_404(BudgetYear, year=year)


class _PotPermission(PermissionRequiredMixin):
    permission_required = "budget.view_pot"


class YearListView(_PotPermission, View):
    def get(self, request):
        can_set = request.user.has_perm("budget.set_pot")
        return render(
            request,
            "budget/year_list.html",
            {
                "years": selectors.budget_years(),
                "open_url": reverse("budget:year-open") if can_set else None,
            },
        )


class YearDetailView(_PotPermission, View):
    def get(self, request, year):
        budget_year = _year(year)
        balances = selectors.year_balances_of(budget_year=budget_year)
        by_smederij = {share.share.smederij_id: share for share in balances.shares}
        can_set = request.user.has_perm("budget.set_pot") and budget_year.is_open
        kwargs = {"year": budget_year.year}
        return render(
            request,
            "budget/year_detail.html",
            {
                "budget_year": budget_year,
                "balances": balances,
                "rows": [(s, by_smederij.get(s.pk)) for s in _smederijen()],
                "history": selectors.budget_year_history(budget_year=budget_year),
                "change_links": [
                    (
                        _("Change the total or the split"),
                        reverse("budget:year-split", kwargs=kwargs),
                    ),
                    (
                        _("Set the shares of the Smederijen"),
                        reverse("budget:shares", kwargs=kwargs),
                    ),
                    (
                        _("Move money between two Smederijen"),
                        reverse("budget:reallocate", kwargs=kwargs),
                    ),
                ]
                if can_set
                else [],
            },
        )


class _ChangeView(SubmitOnceMixin, PermissionRequiredMixin, View):
    """form (GET or action=edit) → check (action=check) → done (action=confirm)."""

    permission_required = "budget.set_pot"
    template_name: str
    title: str
    confirm_label: str
    done_message: str

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.budget_year = None

    def get_form(self, data=None, initial=None):
        raise NotImplementedError

    def rows(self, data) -> list:
        """(what, before, after) for the check page."""
        raise NotImplementedError

    def perform(self, data) -> str:
        """Call the service; return the URL to go to."""
        raise NotImplementedError

    def context(self, form) -> dict:
        return {}

    def load(self, **kwargs):
        if "year" in kwargs:
            self.budget_year = _year(kwargs["year"])
            if not self.budget_year.is_open:
                raise Http404

    def get(self, request, **kwargs):
        self.load(**kwargs)
        return self.show_form(self.get_form(initial=self.initial()))

    def initial(self) -> dict:
        return {}

    def show_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "budget_year": self.budget_year,
                "title": self.title,
                **self.context(form),
            },
            status=status,
        )

    def post(self, request, **kwargs):
        self.load(**kwargs)
        action = request.POST.get("action", "check")
        form = self.get_form(data=request.POST)
        if not form.is_valid():
            return self.show_form(form, status=400)
        if action == "edit":
            return self.show_form(form)
        if action == "confirm":
            try:
                url = submit_once(request, lambda: self.perform(form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
                return self.show_form(form, status=400)
            messages.success(request, self.done_message)
            return redirect(url)
        return render(
            request,
            "budget/change_confirm.html",
            {
                "form": form,
                "budget_year": self.budget_year,
                "title": self.title,
                "rows": self.rows(form.cleaned_data),
                "confirm_label": self.confirm_label,
                **self.check_context(form.cleaned_data),
            },
        )

    def check_context(self, data) -> dict:
        return {}

    def year_url(self, year: int) -> str:
        return reverse("budget:year-detail", kwargs={"year": year})


class YearOpenView(_ChangeView):
    """Open next year's pot: its total and split, then the shares proposed from inhabitants
    and changed where the stuurgroep wants, then the check, then the year opens."""

    template_name = "budget/year_open.html"

    @property
    def title(self):
        return _("Open a new budget year")

    confirm_label = property(lambda self: _("Open the year"))
    done_message = property(lambda self: _("The budget year is open, with its shares."))

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.smederijen = _smederijen()
        self.with_shares = request.method == "POST" and request.POST.get("action") != "pot"

    def get_form(self, data=None, initial=None):
        if self.with_shares:
            return OpenYearSharesForm(data=data, initial=initial, smederijen=self.smederijen)
        return OpenYearForm(data=data, initial=initial)

    def initial(self):
        latest = BudgetYear.objects.order_by("-year").first()
        initial = {"year": selectors.budget_year_next()}
        if latest is not None:
            initial |= {
                "total": latest.total,
                "korte_klap_pot": latest.korte_klap_pot,
                "lange_klap_pot": latest.lange_klap_pot,
            }
        return initial

    def post(self, request, **kwargs):
        action = request.POST.get("action")
        if action in ("pot", "propose"):
            # The pot alone (back to it, or on to the shares): the shares are proposed again.
            self.with_shares = False
            form = self.get_form(data=request.POST)
            if not form.is_valid() or action == "pot":
                return self.show_form(form, status=200 if form.is_valid() else 400)
            proposed = selectors.shares_proposed(
                korte_klap_pot=form.cleaned_data["korte_klap_pot"], smederijen=self.smederijen
            )
            self.with_shares = True
            initial = {**form.cleaned_data}
            initial |= {f"share_{pk}": amount for pk, amount in proposed.items()}
            return self.show_form(self.get_form(initial=initial))
        return super().post(request, **kwargs)

    def context(self, form):
        return {"with_shares": self.with_shares}

    def rows(self, data):
        return [
            (_("Total"), None, data["total"]),
            (_("Korte klap pot"), None, data["korte_klap_pot"]),
            (_("Lange klap pot"), None, data["lange_klap_pot"]),
        ]

    def check_context(self, data):
        proposed = selectors.shares_proposed(
            korte_klap_pot=data["korte_klap_pot"], smederijen=self.smederijen
        )
        shares = [
            (smederij, proposed.get(smederij.pk, ZERO), data[f"share_{smederij.pk}"])
            for smederij in self.smederijen
        ]
        divided = sum((amount for _s, _p, amount in shares), start=ZERO)
        return {
            "year_label": data["year"],
            "shares": shares,
            "divided": divided,
            "undivided": data["korte_klap_pot"] - divided,
        }

    def perform(self, data):
        budget_year = services.budget_year_open_with_shares(
            year=data["year"],
            total=data["total"],
            korte_klap_pot=data["korte_klap_pot"],
            lange_klap_pot=data["lange_klap_pot"],
            amounts={s: data[f"share_{s.pk}"] for s in self.smederijen},
            actor=self.request.user,
            reason=data["reason"],
        )
        return self.year_url(budget_year.year)


class YearSplitView(_ChangeView):
    """Change the total of an open year or its split over korte and lange klap."""

    template_name = "budget/change_form.html"
    title = property(
        lambda self: (
            _("Change the total or the split of %(year)d") % {"year": self.budget_year.year}
        )
    )
    confirm_label = property(lambda self: _("Save the change"))
    done_message = property(lambda self: _("The pot is changed."))

    def get_form(self, data=None, initial=None):
        return PotForm(data=data, initial=initial)

    def initial(self):
        year = self.budget_year
        return {
            "total": year.total,
            "korte_klap_pot": year.korte_klap_pot,
            "lange_klap_pot": year.lange_klap_pot,
        }

    def rows(self, data):
        year = self.budget_year
        return [
            (_("Total"), year.total, data["total"]),
            (_("Korte klap pot"), year.korte_klap_pot, data["korte_klap_pot"]),
            (_("Lange klap pot"), year.lange_klap_pot, data["lange_klap_pot"]),
        ]

    def perform(self, data):
        arguments = {
            "budget_year": self.budget_year,
            "korte_klap_pot": data["korte_klap_pot"],
            "lange_klap_pot": data["lange_klap_pot"],
            "actor": self.request.user,
            "reason": data["reason"],
        }
        if data["total"] == self.budget_year.total:
            services.budget_year_change_split(**arguments)
        else:
            services.budget_year_change_total(total=data["total"], **arguments)
        return self.year_url(self.budget_year.year)


class SharesView(_ChangeView):
    """Set the korte klap shares of a year; the proposal from inhabitants fills the form."""

    template_name = "budget/shares_form.html"
    title = property(
        lambda self: _("Shares of the Smederijen in %(year)d") % {"year": self.budget_year.year}
    )
    confirm_label = property(lambda self: _("Save the shares"))
    done_message = property(lambda self: _("The shares are saved."))

    def load(self, **kwargs):
        super().load(**kwargs)
        self.smederijen = _smederijen()
        self.current = {share.smederij_id: share.amount for share in self.budget_year.shares.all()}
        self.proposed = selectors.shares_proposed(
            korte_klap_pot=self.budget_year.korte_klap_pot, smederijen=self.smederijen
        )

    def get_form(self, data=None, initial=None):
        hints = {
            smederij.pk: _("Now %(now)s; in proportion to inhabitants %(proposed)s.")
            % {
                "now": format_euro(self.current[smederij.pk])
                if smederij.pk in self.current
                else _("no share"),
                "proposed": format_euro(self.proposed.get(smederij.pk, ZERO)),
            }
            for smederij in self.smederijen
        }
        return SharesForm(data=data, initial=initial, smederijen=self.smederijen, hints=hints)

    def initial(self):
        return {f"share_{pk}": amount for pk, amount in self.current.items()}

    def post(self, request, **kwargs):
        if request.POST.get("action") == "propose":
            self.load(**kwargs)
            initial = {f"share_{pk}": amount for pk, amount in self.proposed.items()}
            initial["reason"] = request.POST.get("reason", "")
            return self.show_form(self.get_form(initial=initial))
        return super().post(request, **kwargs)

    def changed(self, data) -> dict:
        changed = {}
        for smederij in self.smederijen:
            amount = data[f"share_{smederij.pk}"]
            current = self.current.get(smederij.pk)
            # A Smederij without a share gets one only when it is given money.
            if (current is None and amount) or (current is not None and amount != current):
                changed[smederij] = amount
        return changed

    def rows(self, data):
        rows = [
            (smederij.name, self.current.get(smederij.pk), amount)
            for smederij, amount in self.changed(data).items()
        ]
        divided_after = sum(self.current.values(), start=ZERO) + sum(
            (amount - self.current.get(s.pk, ZERO) for s, amount in self.changed(data).items()),
            start=ZERO,
        )
        rows.append((_("Divided in total"), sum(self.current.values(), start=ZERO), divided_after))
        return rows

    def perform(self, data):
        changed = self.changed(data)
        if not changed:
            raise ValidationError(_("No share is changed."), code="nothing_changed")
        services.shares_set(
            budget_year=self.budget_year,
            amounts=changed,
            actor=self.request.user,
            reason=data["reason"],
        )
        return self.year_url(self.budget_year.year)


class ReallocateView(_ChangeView):
    """Move free korte klap money from one Smederij to another."""

    template_name = "budget/change_form.html"
    title = property(
        lambda self: (
            _("Move money between Smederijen in %(year)d") % {"year": self.budget_year.year}
        )
    )
    confirm_label = property(lambda self: _("Move the money"))
    done_message = property(lambda self: _("The money is moved."))

    def load(self, **kwargs):
        super().load(**kwargs)
        self.balances = selectors.year_balances_of(budget_year=self.budget_year)

    def get_form(self, data=None, initial=None):
        return ReallocationForm(
            data=data, initial=initial, smederijen=[s.smederij for s in self.balances.shares]
        )

    def rows(self, data):
        source = self.balances.for_smederij(data["from_smederij"]).balance
        target = self.balances.for_smederij(data["to_smederij"]).balance
        amount = data["amount"]
        return [
            (
                _("Budget of %(name)s") % {"name": data["from_smederij"].name},
                source.pot,
                source.pot - amount,
            ),
            (
                _("Free in %(name)s") % {"name": data["from_smederij"].name},
                source.free,
                source.free - amount,
            ),
            (
                _("Budget of %(name)s") % {"name": data["to_smederij"].name},
                target.pot,
                target.pot + amount,
            ),
            (
                _("Free in %(name)s") % {"name": data["to_smederij"].name},
                target.free,
                target.free + amount,
            ),
        ]

    def perform(self, data):
        services.share_reallocate(
            budget_year=self.budget_year,
            from_smederij=data["from_smederij"],
            to_smederij=data["to_smederij"],
            amount=data["amount"],
            actor=self.request.user,
            reason=data["reason"],
        )
        return self.year_url(self.budget_year.year)
