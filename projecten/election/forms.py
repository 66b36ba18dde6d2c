"""Forms of the Smederij election. They check what a field can say; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget.forms import EuroField
from projecten.election.services import RoundRules
from projecten.models import ElectionMethod


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)
    budget = EuroField(
        label=_("Budget of the election"),
        help_text=_("At most the free korte klap budget of the Smederij."),
    )
    ideas_deadline = forms.DateTimeField(label=_("Deadline for ideas"), widget=DateTimeInput())
    opens_at = forms.DateTimeField(label=_("Voting opens at"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Voting closes at"), widget=DateTimeInput())
    votes_per_voter = forms.IntegerField(
        label=_("Votes per voter"),
        min_value=1,
        max_value=50,
        initial=5,
        help_text=_("A voter gives at most one vote to an idea."),
    )
    minimum_age = forms.IntegerField(
        label=_("Minimum age"),
        min_value=0,
        max_value=120,
        initial=16,
        help_text=_("Voters state themselves that they are this old or older."),
    )
    counts_paper = forms.BooleanField(
        label=_("Paper ballots of the evening are counted too"), required=False
    )
    method = forms.ChoiceField(
        label=_("Counting method"),
        choices=ElectionMethod.choices,
        initial=ElectionMethod.FROM_THE_TOP,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, with_year: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_year:
            del self.fields["year"]

    def rules(self) -> RoundRules:
        data = self.cleaned_data
        return RoundRules(**{name: data[name] for name in RoundRules.__dataclass_fields__})


class BallotForm(forms.Form):
    """Up to N ideas, at most one vote each (a checkbox can only be ticked once)."""

    ideas = forms.TypedMultipleChoiceField(
        label=_("Your choice"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one idea.")},
    )
    age_confirmed = forms.BooleanField(
        label=_("I am old enough to vote"),
        error_messages={"required": _("You can only vote when you are old enough.")},
    )

    def __init__(self, *args, ideas, votes_per_voter: int, minimum_age: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.votes_per_voter = votes_per_voter
        self.fields["ideas"].choices = [(idea.pk, idea.proposal.title) for idea in ideas]
        self.fields["age_confirmed"].label = _("I am %(age)s years or older") % {"age": minimum_age}

    def clean_ideas(self):
        chosen = self.cleaned_data["ideas"]
        if len(chosen) > self.votes_per_voter:
            raise forms.ValidationError(
                ngettext(
                    "You can choose at most %(n)s idea; you chose %(chosen)s.",
                    "You can choose at most %(n)s ideas; you chose %(chosen)s.",
                    self.votes_per_voter,
                )
                % {"n": self.votes_per_voter, "chosen": len(chosen)},
                code="too_many",
            )
        return chosen

    def chosen(self) -> set[int]:
        """What the voter ticked, also when the form is invalid: the page keeps the choice."""
        if self.is_bound:
            values = self.data.getlist(self.add_prefix("ideas"))
            return {int(v) for v in values if str(v).isdigit()}
        return {int(v) for v in self.initial.get("ideas", [])}


class HoldBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the idea held back?"),
        help_text=_("Its submitter reads this. Name the criterion it does not meet."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


# No Smederij has this many inhabitants; it keeps a typing slip far below the columns'
# integer range (a number beyond it was a server error).
MOST_PAPER_BALLOTS = 100_000


class PaperTallyForm(forms.Form):
    ballots_handed_in = forms.IntegerField(
        label=_("Paper ballots handed in"), min_value=0, max_value=MOST_PAPER_BALLOTS
    )

    def __init__(self, *args, ideas, **kwargs):
        super().__init__(*args, **kwargs)
        self.ideas = list(ideas)
        for idea in self.ideas:
            self.fields[f"idea_{idea.pk}"] = forms.IntegerField(
                label=idea.proposal.title, min_value=0, max_value=MOST_PAPER_BALLOTS
            )

    def votes(self) -> dict[int, int]:
        return {idea.pk: self.cleaned_data[f"idea_{idea.pk}"] for idea in self.ideas}

    def idea_fields(self):
        return [self[f"idea_{idea.pk}"] for idea in self.ideas]
