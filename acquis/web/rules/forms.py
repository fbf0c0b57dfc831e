from __future__ import annotations

import json

from django import forms

from acquis.web.common.fields import PlausibleDateField

SURROGATE = "Le JSON contient un caractère qui n'existe pas (une moitié de paire UTF-16 : \\ud800…) : retirez-le."


def unwritable(value) -> bool:
    """True when a JSON value holds a lone surrogate ("\\ud800" parses to one): no page can write it in UTF-8."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class JsonTextarea(forms.Textarea):
    input_type = "textarea"  # read by components/form_field.html to pick the input styling


class TryRuleForm(forms.Form):
    at = PlausibleDateField(
        label="Date déterminante",
        required=False,
        help_text="Format attendu : AAAA-MM-JJ. Facultative quand la règle est gouvernée par un de ses faits.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    facts = forms.CharField(
        label="Faits du cas, en JSON",
        help_text='Un objet JSON ; dates au format AAAA-MM-JJ. Exemple : {"request_received": "2024-03-01"}',
        widget=JsonTextarea(attrs={"rows": 8, "spellcheck": "false", "class": "fr-text--sm"}),
    )

    def clean_facts(self):
        raw = self.cleaned_data["facts"]
        try:
            facts = json.loads(raw)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"Ce n'est pas du JSON valide (ligne {error.lineno}, colonne {error.colno}).", code="invalid_json"
            ) from None
        except ValueError:
            # Python refuses to read integers of more than 4,300 digits (not a JSONDecodeError).
            raise forms.ValidationError(
                "Un nombre est trop long pour être lu : écrivez-le avec moins de chiffres.", code="number_too_long"
            ) from None
        except RecursionError:
            raise forms.ValidationError(
                "Le JSON est imbriqué trop profondément pour être lu : simplifiez les faits.", code="too_deep"
            ) from None
        if unwritable(facts):
            raise forms.ValidationError(SURROGATE, code="surrogate")
        if not isinstance(facts, dict):
            raise forms.ValidationError(
                'Les faits doivent former un objet JSON : {"nom du fait": valeur, …}.', code="not_an_object"
            )
        return facts
