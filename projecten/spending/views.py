"""Where the money went: public pages, no login (decision 0034)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from budget.models import BudgetYear, Klap
from smederijen.selectors import smederijen_public

from . import selectors


def _page(request, grants) -> dict:
    """The context `projecten/common/pagination.html` reads."""
    page = Paginator(grants, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page_obj": page, "paginator": page.paginator, "is_paginated": page.has_other_pages()}


class LatestView(View):
    """`/besteed/`: the newest year up to now (a page that says so when there is none)."""

    def get(self, request):
        year = selectors.spending_latest_year()
        if year is None:
            return render(request, "projecten/spending/none.html")
        return redirect("spending:year", year=year)


class YearView(View):
    def get(self, request, year):
        budget_year = get_object_or_404(BudgetYear, year=year)
        return render(
            request,
            "projecten/spending/year.html",
            {
                "budget_year": budget_year,
                "spending": selectors.year_spending(budget_year=budget_year),
                **_page(request, selectors.funded_grants(budget_year=budget_year, klap=Klap.LANGE)),
                # The other years, newest first: the page of a year links to each.
                "years": [
                    (other, reverse("spending:year", kwargs={"year": other}))
                    for other in selectors.spending_years()
                    if other != year
                ],
            },
        )


class SmederijView(View):
    def get(self, request, year, slug):
        smederij = get_object_or_404(smederijen_public(), slug=slug)
        budget_year = get_object_or_404(BudgetYear, year=year)
        shares = selectors.smederij_spendings(budget_year=budget_year, smederij=smederij)
        return render(
            request,
            "projecten/spending/smederij.html",
            {
                "budget_year": budget_year,
                "smederij": smederij,
                "share": shares[0] if shares else None,
                "stopped": selectors.smederij_stopped(budget_year=budget_year, smederij=smederij),
                **_page(
                    request, selectors.funded_grants(budget_year=budget_year, smederij=smederij)
                ),
            },
        )
