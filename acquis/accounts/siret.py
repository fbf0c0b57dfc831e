"""SIRET validation: 14 digits whose Luhn checksum holds (INSEE)."""

from __future__ import annotations

# La Poste's establishments share SIREN 356000000 and use a different checksum (sum divisible by 5),
# a documented INSEE exception.
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_error(value: str) -> str | None:
    """Return a French message explaining why ``value`` is not a SIRET, or None when it is one."""
    cleaned = value.replace(" ", "")
    if len(cleaned) != 14 or not cleaned.isdigit():
        return "Un numéro SIRET comporte exactement 14 chiffres."
    if cleaned.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in cleaned) % 5 == 0:
            return None
        return "Ce numéro SIRET est invalide (clé de contrôle incorrecte)."
    if not luhn_valid(cleaned):
        return "Ce numéro SIRET est invalide (clé de contrôle incorrecte)."
    return None


def normalise_siret(value: str) -> str:
    return value.replace(" ", "")
