"""Forms of the shared goods: registering one, asking to borrow it, deciding on the request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projecten.common.forms import DateInput
from projecten.models import SharedGood
from smederijen.models import Group


class SharedGoodForm(forms.ModelForm):
    class Meta:
        model = SharedGood
        fields = ["name", "description", "keeper"]
        labels = {"name": _("What was bought?")}
        help_texts = {"name": _("For example: a generator, a coffee machine, a sound system.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BorrowRequestForm(forms.Form):
    group = forms.ModelChoiceField(label=_("For which group?"), queryset=Group.objects.none())
    from_date = forms.DateField(label=_("From"), widget=DateInput())
    until_date = forms.DateField(label=_("Until"), widget=DateInput())
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, smederij, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(
            memberships__user=user, area_id=smederij.area_id
        ).order_by("name")


class BorrowDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Lend it")), ("decline", _("Decline"))])
