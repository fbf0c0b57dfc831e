"""Money: euros as Decimal with cents, never a float.

``MoneyField`` refuses a float before it reaches the database (a float has no exact cents: 0.1 + 0.2 is not
0.30); amounts are rounded to the cent half-up (the usual rule for euro amounts), and only where a rate is
multiplied by hours.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_cents(value: Decimal) -> Decimal:
    if isinstance(value, float):
        raise TypeError("Un montant ne peut pas être un nombre à virgule flottante : utilisez Decimal.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str) -> Decimal:
    """A French or dotted amount typed by a person: « 1 234,50 », « 1234.5 ». ValidationError otherwise."""
    cleaned = str(text).replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except ArithmeticError as error:
        raise ValidationError("Montant invalide : écrivez par exemple 1250,00.", code="invalid_amount") from error
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(CENT):
        raise ValidationError("Montant invalide : un nombre positif, au centime près.", code="invalid_amount")
    return amount.quantize(CENT)


class MoneyField(models.DecimalField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        if isinstance(value, float):
            raise TypeError(f"{self.name} : un montant ne peut pas être un float ({value!r}) ; utilisez Decimal.")
        return super().get_prep_value(value)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "acquis.funding.money.MoneyField", args, kwargs
