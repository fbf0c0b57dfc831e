"""Reading the registry: the public finder, a fiche's detail and its versions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from acquis.certifications.export import fold
from acquis.certifications.models import (
    Certification,
    CertificationReplacement,
    CertificationRomeCode,
    SkillBlock,
)

#: Words shorter than this are ignored in a search ("de", "la"), unless they are the only word.
MIN_WORD = 2


@dataclass(frozen=True)
class VersionLink:
    """A previous or next version of a fiche; ``title`` is None when the fiche is not in Acquis."""

    code: str
    title: str | None
    active: bool | None


def certification_search(
    *,
    q: str = "",
    level: int | None = None,
    vae: bool | None = None,
    rome: str = "",
    include_inactive: bool = False,
) -> QuerySet[Certification]:
    """Fiches whose title, code or abbreviation contains every word of ``q`` (accents and case ignored)."""
    queryset = Certification.objects.all()
    words = fold(q).split()
    kept = [w for w in words if len(w) >= MIN_WORD] or words
    for word in kept:
        queryset = queryset.filter(search_text__contains=word)
    if level is not None:
        queryset = queryset.filter(level=level)
    if vae is not None:
        queryset = queryset.filter(vae_accessible=vae)
    if rome:
        queryset = queryset.filter(
            Exists(CertificationRomeCode.objects.filter(certification=OuterRef("pk"), code=rome.strip().upper()))
        )
    if not include_inactive:
        queryset = queryset.filter(active=True)
    return queryset.order_by("title", "code")


def certification_matching(*, text: str, limit: int = 20) -> list[Certification]:
    """Active registry fiches whose code is ``text`` or whose title contains it (the forms' quick search)."""
    return list(
        Certification.objects.filter(active=True)
        .filter(Q(code__iexact=text) | Q(title__icontains=text))
        .order_by("title", "code")[:limit]
    )


def certification_by_code(*, code: str) -> Certification | None:
    """One fiche with its blocks, certifiers, ROME and NSF codes; None when the code is unknown."""
    return (
        Certification.objects.prefetch_related(
            Prefetch("blocks", queryset=SkillBlock.objects.order_by("code")),
            "certifiers",
            "rome_codes",
            "nsf_codes",
        )
        .filter(code=code.strip().upper())
        .first()
    )


def _links(codes: list[str]) -> list[VersionLink]:
    known = {c.code: c for c in Certification.objects.filter(code__in=codes).only("code", "title", "active")}
    return [
        VersionLink(code, known[code].title, known[code].active) if code in known else VersionLink(code, None, None)
        for code in sorted(codes)
    ]


def certification_versions(*, certification: Certification) -> tuple[list[VersionLink], list[VersionLink]]:
    """(previous versions, next versions) of a fiche, from the export's replacement links."""
    previous = list(
        CertificationReplacement.objects.filter(next_code=certification.code).values_list("previous_code", flat=True)
    )
    following = list(
        CertificationReplacement.objects.filter(previous_code=certification.code).values_list("next_code", flat=True)
    )
    return _links(previous), _links(following)


def skill_blocks_by_code(*, codes: list[str]) -> list[SkillBlock]:
    """The skill blocks of the registry with these codes (as given: a code the registry lacks is absent)."""
    return list(SkillBlock.objects.filter(code__in=codes).order_by("code"))
