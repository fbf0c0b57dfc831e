from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from acquis.funding.enums import ExpenseCategory, PaymentBasis, RefusalGround
from acquis.funding.models import Funder
from acquis.funding.money import parse_amount
from acquis.web.common.fields import PlausibleDateField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AmountField(forms.CharField):
    """Euros typed by a person (« 1 250,50 »), read as Decimal: never a float."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_amount(value)


class RequestForm(forms.Form):
    funder = forms.ModelChoiceField(Funder.objects.exclude(organisation=None), label="Financeur")
    period_start = PlausibleDateField(label="Début de la période", widget=DATE)
    period_end = PlausibleDateField(label="Fin de la période", widget=DATE)
    through_cpf = forms.BooleanField(label="Financement par le compte personnel de formation", required=False)
    in_working_time = forms.BooleanField(label="En tout ou partie pendant le temps de travail", required=False)
    admissibility_proof_sent = forms.BooleanField(label="Justificatif de recevabilité transmis", required=False)


class LineForm(forms.Form):
    category = forms.ChoiceField(label="Nature des frais", choices=ExpenseCategory.choices)
    hours = forms.DecimalField(
        label="Heures",
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        help_text="Pour les frais comptés à l'heure, dans le pas du barème du financeur.",
    )
    amount = AmountField(label="Montant demandé (€)", help_text="Par exemple 1250,00")
    incurred_on = PlausibleDateField(label="Date de la dépense", widget=DATE)


def decision_form(lines, data=None):
    """One pair of fields per line: the amount granted, or a refusal ground."""

    class DecisionForm(forms.Form):
        comment = forms.CharField(
            label="Observations (obligatoires pour un refus sans motif légal)",
            required=False,
        )

        def clean(self):
            cleaned = super().clean()
            for line in lines:
                granted, ground = cleaned.get(f"granted_{line.pk}"), cleaned.get(f"ground_{line.pk}")
                if (granted is None) == (not ground):
                    raise ValidationError("Pour chaque ligne, indiquez un montant accordé ou un motif de refus.")
            return cleaned

    form = DecisionForm(data)
    for line in lines:
        form.fields[f"granted_{line.pk}"] = AmountField(
            label=f"Montant accordé — {line.get_category_display()} ({line.amount} € demandés)", required=False
        )
        form.fields[f"ground_{line.pk}"] = forms.ChoiceField(
            label=f"Ou motif de refus — {line.get_category_display()}",
            choices=[("", "—"), *RefusalGround.choices, ("other", "Autre raison (à préciser)")],
            required=False,
        )
    return form


class PaymentForm(forms.Form):
    amount = AmountField(label="Montant (€)")
    basis = forms.ChoiceField(label="Fondement", choices=PaymentBasis.choices, widget=forms.RadioSelect)


class EnvelopeForm(forms.Form):
    name = forms.CharField(label="Nom de l'enveloppe", max_length=200)
    amount = AmountField(label="Montant (€)", help_text="Par exemple 150000,00")
    starts_on = PlausibleDateField(label="Début de la période", widget=DATE)
    ends_on = PlausibleDateField(label="Fin de la période", widget=DATE)
