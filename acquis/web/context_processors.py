from acquis.accounts.enums import Role
from acquis.accounts.permissions import Action, can, has_role


def acquis(request):
    user = getattr(request, "user", None)
    return {
        "service_name": "Acquis",
        "service_tagline": "Service public de la validation des acquis de l'expérience",
        "is_gip_staff": bool(user and can(user, Action.VIEW_STAFF_DASHBOARD)),
        "is_employer": bool(user and has_role(user, Role.EMPLOYER)),
        "is_funder": bool(user and has_role(user, Role.FUNDER)),
    }
