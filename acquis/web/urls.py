from django.urls import path

from acquis.web.accounts import views as accounts
from acquis.web.accounts.urls import urlpatterns as account_urls
from acquis.web.certifications import views as certifications
from acquis.web.funding.urls import urlpatterns as funding_urls
from acquis.web.governance import views as governance
from acquis.web.law import views as law
from acquis.web.leave.urls import urlpatterns as leave_urls
from acquis.web.organisations import views as organisations
from acquis.web.orientation.urls import urlpatterns as orientation_urls
from acquis.web.pathways.urls import urlpatterns as pathway_urls
from acquis.web.public import views as public
from acquis.web.rules import views as rules
from acquis.web.space import views as space
from acquis.web.staff import views as staff
from acquis.web.statistics.urls import urlpatterns as statistics_urls

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("connexion/", accounts.login_view, name="login"),
    path("deconnexion/", accounts.logout_view, name="logout"),
    path("compte/", accounts.account, name="account"),
    path("mon-espace/", space.space, name="space"),
    path("mon-espace/notifications/", space.notifications, name="notifications"),
    path("mon-espace/notifications/<int:pk>/", space.notification, name="notification"),
    path("gip/", staff.dashboard, name="staff_dashboard"),
    path("gip/historique/<str:object_type>/<str:object_id>/", staff.timeline, name="timeline"),
    path("organisations/<str:siret>/", organisations.detail, name="organisation"),
    path("organisations/<str:siret>/jetons/", organisations.token_create, name="token_create"),
    path("organisations/<str:siret>/jetons/<int:token_id>/revoquer/", organisations.token_revoke, name="token_revoke"),
    path("droit/code-du-travail/", law.index, name="law_index"),
    path("droit/code-du-travail/diff", law.diff, name="law_diff"),
    path("droit/code-du-travail/<str:number>", law.article, name="law_article"),
    path("droit/code-du-travail/<str:number>/versions", law.timeline, name="law_timeline"),
    # Other codes the rules cite (the CRPA): same pages, the code's slug in the path (acquis.law.presentation).
    path("droit/<slug:code>/<str:number>", law.article, name="law_code_article"),
    path("droit/<slug:code>/<str:number>/versions", law.timeline, name="law_code_timeline"),
    path("certifications/", certifications.finder, name="certifications"),
    path("certifications/<str:code>/", certifications.detail, name="certification"),
    path("regles/", rules.rule_list, name="rules"),
    path("regles/<str:rule_id>/", rules.rule_detail, name="rule"),
    path("cpc/", governance.commission_list, name="commissions"),
    path("cpc/<int:pk>/", governance.commission_detail, name="commission"),
    path("cpc/organisations/<str:siret>/nouvelle/", governance.commission_create_view, name="commission_create"),
    path("cpc/<int:pk>/membres/nommer/", governance.member_add, name="member_add"),
    path("cpc/<int:pk>/membres/<int:member_id>/remplacer/", governance.member_replace, name="member_replace"),
    path("cpc/<int:pk>/secretariat/", governance.secretariat, name="commission_secretariat"),
    path("cpc/<int:pk>/secretariat/reglement/", governance.internal_rules_update, name="commission_internal_rules"),
    path("cpc/<int:pk>/secretariat/seances/", governance.meeting_create, name="meeting_create"),
    path(
        "cpc/<int:pk>/secretariat/seances/<int:meeting_id>/proces-verbal/",
        governance.meeting_minutes,
        name="meeting_minutes",
    ),
    path("cpc/<int:pk>/secretariat/programmes/", governance.programme_create, name="programme_create"),
    path(
        "cpc/<int:pk>/secretariat/programmes/<int:programme_id>/propositions/",
        governance.proposal_create,
        name="proposal_create",
    ),
    path(
        "cpc/<int:pk>/secretariat/propositions/<int:proposal_id>/decision/",
        governance.proposal_decide,
        name="proposal_decide",
    ),
    path("cpc/<int:pk>/secretariat/avis/", governance.opinion_create, name="opinion_create"),
    path("gip/membres/", governance.gip_members, name="gip_members"),
    path("gip/membres/ajouter/", governance.gip_member_create, name="gip_member_create"),
    *account_urls,
    *leave_urls,
    *pathway_urls,
    *funding_urls,
    *orientation_urls,
    *statistics_urls,
]
