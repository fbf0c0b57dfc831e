from django.urls import path

from acquis.web.statistics import views

urlpatterns = [
    path("statistiques/", views.stats_index, name="stats_index"),
    path("statistiques/regions/<str:code>/", views.stats_region, name="stats_region"),
    path("statistiques/certificateurs/<str:siret>/", views.stats_certifier, name="stats_certifier"),
    path("statistiques/tableau.csv", views.stats_csv, name="stats_csv"),
    path("statistiques/besoins/", views.stats_needs, name="stats_needs"),
    path("donnees-ouvertes/", views.opendata_index, name="opendata"),
    path("donnees-ouvertes/<str:name>.<str:extension>", views.opendata_file, name="opendata_file"),
]
