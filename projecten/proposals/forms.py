"""The resident's proposal form, built around the criteria every application is judged on.

The forms check what one field can say (a real date, an amount). Whether a
proposal is complete enough to submit is a rule of the service
(`projecten.services.submission_errors`): a draft may be incomplete.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.forms import EuroField
from budget.models import BudgetYear, BudgetYearStatus
from projecten.common.forms import DateInput, LineForm
from projecten.models import CoFundingKind, CoFundingStatus, Klap, Proposal, Theme
from projecten.proposals.services import (
    PROPOSAL_FIELDS,
    REQUIRED_FOR_LANGE_KLAP,
    REQUIRED_TO_SUBMIT,
    BudgetLineData,
    CoFundingData,
)
from smederijen.models import Group


def open_budget_years() -> list[tuple[int, str]]:
    years = BudgetYear.objects.filter(status=BudgetYearStatus.OPEN).order_by("-year")
    return [(y.year, str(y.year)) for y in years.only("year")]


class ProposalForm(forms.ModelForm):
    klap = forms.ChoiceField(
        label=_("Korte klap or lange klap?"),
        choices=Klap.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Korte klap: a quick, simple idea that is done within the year, such as a sound "
            "system for the village hall, a street party, a paddling pool or a jeu de boules "
            "court. Lange klap: a larger project that takes longer and needs partners and "
            "money from others too, such as a bigger community centre, a new park or a "
            "neighbourhood restaurant against loneliness."
        ),
    )
    year = forms.TypedChoiceField(label=_("Budget year"), coerce=int, choices=())
    amount_requested = EuroField(
        label=_("Amount asked from the Smederij"),
        required=False,
        help_text=_("At most the total of your budget minus the money you get from others."),
    )

    class Meta:
        model = Proposal
        # The fields a resident fills in are the service's; the group is chosen here.
        fields = [*PROPOSAL_FIELDS, "group"]
        labels = {
            "title": _("Title of your idea"),
            "summary": _("Your idea in one or two sentences"),
            "description": _("What do you want to do, for whom, and why?"),
            "social_side": _("What does it do for the people of the area together?"),
            "changes_public_space": _(
                "The idea changes the street, a park or a square (the municipality checks this)"
            ),
            "eigen_inzet": _("What do you and the other initiators do yourselves?"),
            "draagvlak": _("Who in the area supports the idea, and how do you know?"),
            "group": _("On behalf of a group or organisation"),
        }
        help_texts = {
            "title": _("Short and clear, for example 'Jeu de boules court at the Wolfsbos'."),
            "description": _(
                "Tell how it makes the area more liveable. Physical things (a bench, a "
                "playground) need a clear social side: who meets, who takes part."
            ),
            "social_side": _("From 2013 the money goes to ideas that bring people together."),
            "location": _("A street, a building or a place in your area."),
            "start_date": _("For korte klap within the budget year."),
            "eigen_inzet": _("For example: we build it, we organise it, we keep it clean."),
            "draagvlak": _(
                "For example: 25 neighbours signed a list, the residents' association agrees. "
                "You can add a signature list as an attachment."
            ),
            "goal": _("Lange klap: what should be different when the project is done?"),
            "duration": _("Lange klap: how long will it take, e.g. '2 years'."),
            "partners": _("Lange klap: which organisations take part?"),
            "success_measure": _("Lange klap: how will everyone see that it worked?"),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "social_side": forms.Textarea(attrs={"rows": 4}),
            "eigen_inzet": forms.Textarea(attrs={"rows": 3}),
            "draagvlak": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "success_measure": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = open_budget_years()
        if not self.instance.pk and self.fields["year"].choices:
            self.initial.setdefault("year", self.fields["year"].choices[0][0])
        self.fields["theme"].choices = [("", _("Choose a theme")), *Theme.choices]
        self.fields["group"].queryset = Group.objects.filter(
            memberships__user=user, area_id=user.home_area_id
        )
        self.fields["group"].empty_label = _("Myself, as a resident")
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        self.fields["location"].widget.attrs["autocomplete"] = "off"
        # A draft may leave these empty, so they are not `required`; the submission needs
        # them (`submission_errors`), and the label says so (decision 0025).
        for name in REQUIRED_TO_SUBMIT:
            if name in self.fields and not self.fields[name].required:
                self.fields[name].requirement = _("required to submit")
        for name in REQUIRED_FOR_LANGE_KLAP:
            if name in self.fields and not self.fields[name].required:
                self.fields[name].requirement = _("required to submit a lange klap")

    def fields_for_service(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "group"}


class BudgetLineForm(LineForm):
    description = forms.CharField(label=_("What"), max_length=200, required=False)
    amount = EuroField(label=_("Amount"), required=False)

    def clean(self):
        cleaned = super().clean()
        description, amount = cleaned.get("description"), cleaned.get("amount")
        if description and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter what this costs."))
        if amount is not None and not description:
            self.add_error("description", _("Say what this amount is for."))
        return cleaned

    @property
    def is_blank(self) -> bool:
        return not self.cleaned_data.get("description") and self.cleaned_data.get("amount") is None


class CoFundingForm(LineForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CoFundingKind.choices, required=False)
    source = forms.CharField(label=_("From whom"), max_length=200, required=False)
    amount = EuroField(label=_("Amount"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=CoFundingStatus.choices, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") or cleaned.get("amount") is not None:
            for name, message in [
                ("source", _("Say who gives this money.")),
                ("amount", _("Enter the amount.")),
                ("kind", _("Choose the kind of co-funding.")),
            ]:
                if cleaned.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    @property
    def is_blank(self) -> bool:
        return not self.cleaned_data.get("source") and self.cleaned_data.get("amount") is None


class BaseLinesFormSet(forms.BaseFormSet):
    def filled_forms(self):
        return [f for f in self.forms if f.is_valid() and not f.is_blank]


BudgetLineFormSet = forms.formset_factory(
    BudgetLineForm, formset=BaseLinesFormSet, extra=2, max_num=40, absolute_max=40
)
CoFundingFormSet = forms.formset_factory(
    CoFundingForm, formset=BaseLinesFormSet, extra=1, max_num=20, absolute_max=20
)


def budget_lines_from(formset) -> list[BudgetLineData]:
    return [
        BudgetLineData(f.cleaned_data["description"], f.cleaned_data["amount"])
        for f in formset.filled_forms()
    ]


def co_funding_from(formset) -> list[CoFundingData]:
    return [
        CoFundingData(
            f.cleaned_data["kind"],
            f.cleaned_data["source"],
            f.cleaned_data["amount"],
            f.cleaned_data["status"] or CoFundingStatus.ASKED,
        )
        for f in formset.filled_forms()
    ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the proposal?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
