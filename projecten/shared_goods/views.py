"""Pages of the shared goods of a Smederij: the list, registering, borrowing, deciding."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from rules.contrib.views import PermissionRequiredMixin

from projecten.common.views import ProposalPermissionMixin
from projecten.errors import ProposalError
from projecten.models import BorrowRequest, SharedGood
from projecten.shared_goods.forms import BorrowDecisionForm, BorrowRequestForm, SharedGoodForm
from projecten.shared_goods.selectors import shared_goods_of
from projecten.shared_goods.services import (
    borrow_request_create,
    borrow_request_decide,
    shared_good_register,
)
from smederijen.form_errors import add_service_errors
from smederijen.models import Smederij


def _goods_visible_or_404(user, smederij) -> None:
    """Whoever may not see the list learns nothing of its items either."""
    if not user.has_perm("projecten.view_shared_goods", smederij):
        raise Http404


class SharedGoodListView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "projecten.view_shared_goods"
    template_name = "projecten/shared_goods/shared_good_list.html"

    def get_permission_object(self):
        if not hasattr(self, "_smederij"):
            self._smederij = get_object_or_404(Smederij.objects.active(), slug=self.kwargs["slug"])
        return self._smederij

    def get(self, request, slug):
        smederij = self.get_permission_object()
        user = request.user
        goods = list(shared_goods_of(smederij=smederij))
        # The same answer as `projecten.decide_borrow_request`, asked once for the page
        # rather than once an item (the gebiedsregisseur check is a query).
        coordinates = user.has_perm("projecten.decide_borrow_request", smederij)
        for good in goods:
            good.can_decide = coordinates or (
                good.proposal is not None and good.proposal.submitter_id == user.pk
            )
        return render(
            request,
            self.template_name,
            {
                "smederij": smederij,
                "goods": goods,
                "can_borrow": user.has_perm("projecten.borrow_shared_good", smederij),
            },
        )


class SharedGoodCreateView(ProposalPermissionMixin, View):
    permission_required = "projecten.register_shared_good"
    template_name = "projecten/shared_goods/shared_good_form.html"

    def get(self, request, pk):
        return render(
            request,
            self.template_name,
            {"proposal": self.get_permission_object(), "form": SharedGoodForm()},
        )

    def post(self, request, pk):
        proposal = self.get_permission_object()
        form = SharedGoodForm(request.POST)
        if form.is_valid():
            try:
                shared_good_register(proposal=proposal, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The item is now on the list of shared goods."))
                return redirect("projecten:shared-good-list", slug=proposal.smederij.slug)
        return render(request, self.template_name, {"proposal": proposal, "form": form}, status=400)


class BorrowRequestCreateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "projecten.borrow_shared_good"
    template_name = "projecten/shared_goods/borrow_request_form.html"

    def get_permission_object(self):
        if not hasattr(self, "_good"):
            self._good = get_object_or_404(
                SharedGood.objects.select_related("smederij", "proposal"), pk=self.kwargs["pk"]
            )
            if self.request.user.is_authenticated:
                _goods_visible_or_404(self.request.user, self._good.smederij)
        return self._good.smederij

    def _render(self, form, status=200):
        return render(
            self.request, self.template_name, {"good": self._good, "form": form}, status=status
        )

    def _form(self, data=None):
        return BorrowRequestForm(data, user=self.request.user, smederij=self._good.smederij)

    def get(self, request, pk):
        return self._render(self._form())

    def post(self, request, pk):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                borrow_request_create(good=self._good, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your request is sent. You will hear by email whether you can borrow it."),
                )
                return redirect("projecten:shared-good-list", slug=self._good.smederij.slug)
        return self._render(form, 400)


@method_decorator(require_POST, name="dispatch")
class BorrowRequestDecideView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "projecten.decide_borrow_request"

    def get_permission_object(self):
        if not hasattr(self, "_request_object"):
            self._request_object = get_object_or_404(
                BorrowRequest.objects.select_related("good__smederij", "good__proposal"),
                pk=self.kwargs["pk"],
            )
            if self.request.user.is_authenticated:
                _goods_visible_or_404(self.request.user, self._request_object.good.smederij)
        return self._request_object.good

    def post(self, request, pk):
        good = self.get_permission_object()
        form = BorrowDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether to lend the item or not."))
        else:
            try:
                borrow_request_decide(
                    borrow_request=self._request_object,
                    actor=request.user,
                    accept=form.cleaned_data["decision"] == "accept",
                )
            except ProposalError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your answer is sent to the group."))
        return redirect("projecten:shared-good-list", slug=good.smederij.slug)
