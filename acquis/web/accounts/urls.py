from django.urls import path

from acquis.web.accounts import password, signup, staff

urlpatterns = [
    path("inscription/", signup.signup, name="signup"),
    path("inscription/confirmer/<str:token>/", signup.signup_confirm, name="signup_confirm"),
    path("connexion/mot-de-passe-oublie/", password.password_reset, name="password_reset"),
    path("connexion/mot-de-passe-oublie/envoye/", password.password_reset_done, name="password_reset_done"),
    path("connexion/mot-de-passe/<uidb64>/<token>/", password.password_reset_confirm, name="password_reset_confirm"),
    path("connexion/mot-de-passe/enregistre/", password.password_reset_complete, name="password_reset_complete"),
    path("compte/mot-de-passe/", password.password_change, name="password_change"),
]

urlpatterns += [
    path("gip/comptes/", staff.accounts, name="staff_accounts"),
    path("gip/comptes/ouvrir/", staff.account_open, name="staff_account_open"),
    path("gip/comptes/<int:pk>/", staff.account_detail, name="staff_account"),
    path("gip/comptes/<int:pk>/roles/", staff.role_grant, name="staff_role_grant"),
    path("gip/comptes/<int:pk>/roles/<int:membership_id>/retirer/", staff.role_revoke, name="staff_role_revoke"),
]
