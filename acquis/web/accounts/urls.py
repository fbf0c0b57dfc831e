from django.urls import path

from acquis.web.accounts import password, signup

urlpatterns = [
    path("inscription/", signup.signup, name="signup"),
    path("inscription/confirmer/<str:token>/", signup.signup_confirm, name="signup_confirm"),
    path("connexion/mot-de-passe-oublie/", password.password_reset, name="password_reset"),
    path("connexion/mot-de-passe-oublie/envoye/", password.password_reset_done, name="password_reset_done"),
    path("connexion/mot-de-passe/<uidb64>/<token>/", password.password_reset_confirm, name="password_reset_confirm"),
    path("connexion/mot-de-passe/enregistre/", password.password_reset_complete, name="password_reset_complete"),
    path("compte/mot-de-passe/", password.password_change, name="password_change"),
]
