"""The public-interest group (GIP) running the VAE public service: its members by right (L6411-2)."""

from __future__ import annotations

from acquis.rules.engine import Context, Definition, Rule
from acquis.rules.facts import FactSpec, enum_parser
from acquis.rules.gip.institutions import identity_of, institution_of
from acquis.rules.versions import family_versions

ORGANISATION_KINDS = ("state", "region", "pole_emploi", "france_travail", "afpa", "opco", "transitions_pro", "other")


def _member_by_right(ctx: Context) -> bool:
    kind = ctx.fact("organisation_kind")
    listed = {identity_of(code) for code in ctx.param("gip.members_by_right")}
    institution = institution_of(kind)
    if institution is not None:
        # Pôle emploi and France Travail are one legal person renamed on 2024-01-01: either name is
        # recognised on either side of the date, and the decision cites the renaming.
        named = institution.name_on(ctx.at)
        if named.code != kind:
            ctx.step(f"{kind} is named {named.code} on {ctx.at.isoformat()}", named.name, institution.renamed_by)
            # A decision cites only texts in force on its date: before the renaming, the act is in the trace.
            if institution.source.in_force_on(ctx.at):
                ctx.cite(institution.source)
    return identity_of(kind) in listed


BASE = Definition("members listed by the article", _member_by_right)

MEMBER_BY_RIGHT = Rule(
    id="gip.member_by_right",
    title="Membre de droit du GIP du service public de la VAE",
    articles=("L6411-2",),
    anchor="the date asked",
    facts=(FactSpec("organisation_kind", "enum", enum_parser(*ORGANISATION_KINDS)),),
    value="bool",
    # The article's versions (loi 2022-1598, then loi 2023-1196 renaming Pôle emploi): versions.yaml.
    versions=family_versions(__file__).of("gip.member_by_right", members_listed=BASE),
)

RULES = (MEMBER_BY_RIGHT,)
