from django.urls import path

from acquis.web.orientation import directory, information, views
from acquis.web.orientation.selfcheck import self_check

urlpatterns = [
    path("trouver/", views.finder, name="finder"),
    path("vae/", information.vae, name="vae"),
    path("vae/etapes/", information.vae_steps, name="vae_steps"),
    path("vae/droits/", information.vae_rights, name="vae_rights"),
    path("vae/financement/", information.vae_funding, name="vae_funding"),
    path("vae/questions/", information.vae_faq, name="vae_faq"),
    path("vae/suis-je-concerne/", self_check, name="self_check"),
    path("se-faire-conseiller/", directory.advice_directory, name="advice_directory"),
    path(
        "se-faire-conseiller/accompagnateurs/<str:siret>/", directory.accompanier_profile, name="accompanier_profile"
    ),
    path(
        "se-faire-conseiller/accompagnateurs/<str:siret>/modifier/",
        directory.accompanier_profile_edit,
        name="accompanier_profile_edit",
    ),
]
