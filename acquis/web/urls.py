from django.urls import path

from acquis.web.accounts import views as accounts
from acquis.web.law import views as law
from acquis.web.leave.urls import urlpatterns as leave_urls
from acquis.web.organisations import views as organisations
from acquis.web.public import views as public
from acquis.web.rules import views as rules
from acquis.web.staff import views as staff

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("connexion/", accounts.login_view, name="login"),
    path("deconnexion/", accounts.logout_view, name="logout"),
    path("compte/", accounts.account, name="account"),
    path("gip/", staff.dashboard, name="staff_dashboard"),
    path("gip/historique/<str:object_type>/<str:object_id>/", staff.timeline, name="timeline"),
    path("organisations/<str:siret>/", organisations.detail, name="organisation"),
    path("organisations/<str:siret>/jetons/", organisations.token_create, name="token_create"),
    path("organisations/<str:siret>/jetons/<int:token_id>/revoquer/", organisations.token_revoke, name="token_revoke"),
    path("droit/code-du-travail/", law.index, name="law_index"),
    path("droit/code-du-travail/diff", law.diff, name="law_diff"),
    path("droit/code-du-travail/<str:number>", law.article, name="law_article"),
    path("droit/code-du-travail/<str:number>/versions", law.timeline, name="law_timeline"),
    path("regles/", rules.rule_list, name="rules"),
    path("regles/<str:rule_id>/", rules.rule_detail, name="rule"),
    *leave_urls,
]
