from acquis.accounts.enums import Role
from acquis.accounts.permissions import Action, can, has_role
from acquis.pathways.permissions import PathwayAction


def acquis(request):
    user = getattr(request, "user", None)
    return {
        "service_name": "Acquis",
        "service_tagline": "Service public de la validation des acquis de l'expérience",
        "is_gip_staff": bool(user and can(user, Action.VIEW_STAFF_DASHBOARD)),
        "is_employer": bool(user and has_role(user, Role.EMPLOYER)),
        "is_funder": bool(user and has_role(user, Role.FUNDER)),
        "pathway_menu": pathway_menu(user) if user else [],
    }


def pathway_menu(user) -> list[tuple[str, str]]:
    """The VAE pathway's menu entries for the user's roles: (label, URL name)."""
    entries = []
    if has_role(user, Role.CANDIDATE):
        entries.append(("Mes parcours VAE", "web:pathway_list"))
    if has_role(user, Role.ACCOMPANIER):
        entries.append(("Candidats accompagnés", "web:pathway_accompanier_worklist"))
    if has_role(user, Role.CERTIFIER):
        entries.append(("Dossiers VAE reçus", "web:pathway_certifier_worklist"))
    if can(user, PathwayAction.MANAGE_ACCOMPANIER_LIST):
        entries.append(("Accompagnateurs", "web:pathway_accompaniers"))
    if has_role(user, Role.FUNDER):
        entries.append(("Candidatures financées", "web:pathway_funder_worklist"))
    if can(user, PathwayAction.MANAGE_PROGRAMMES):
        entries.append(("Accompagnements collectifs", "web:pathway_programmes"))
    if can(user, Action.VIEW_STATISTICS):
        entries.append(("Statistiques", "web:stats_index"))
    entries.append(("Données ouvertes", "web:opendata"))
    return entries
