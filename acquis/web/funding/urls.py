"""Funding pages (included in acquis.web.urls, namespace ``web``), all under /financements/."""

from django.urls import path

from acquis.web.funding import desk, views

urlpatterns = [
    path("financements/financeur/", desk.funding_desk, name="funding_desk"),
    path("financements/financeur/export.csv", desk.funding_export, name="funding_export"),
    path("financements/facturation/", desk.funding_billing, name="funding_billing"),
    path("financements/parcours/<int:pk>/demande/", views.funding_request_create, name="funding_request_create"),
    path(
        "financements/conges-vae/<int:pk>/demande/",
        views.funding_leave_request_create,
        name="funding_leave_request_create",
    ),
    path("financements/demandes/<int:pk>/", views.funding_request_detail, name="funding_request_detail"),
    path("financements/demandes/<int:pk>/lignes/", views.funding_line_add, name="funding_line_add"),
    path("financements/demandes/<int:pk>/depot/", views.funding_request_submit, name="funding_request_submit"),
    path("financements/demandes/<int:pk>/decision/", views.funding_decide, name="funding_decide"),
    path(
        "financements/demandes/<int:pk>/notification.pdf",
        views.funding_notification_pdf,
        name="funding_notification_pdf",
    ),
    path("financements/demandes/<int:pk>/convention.pdf", views.funding_agreement_pdf, name="funding_agreement_pdf"),
    path("financements/demandes/<int:pk>/signature/", views.funding_agreement_sign, name="funding_agreement_sign"),
    path("financements/demandes/<int:pk>/paiements/", views.funding_payment_request, name="funding_payment_request"),
    path(
        "financements/demandes/<int:pk>/paiements/<int:payment_id>/paye/",
        views.funding_payment_pay,
        name="funding_payment_pay",
    ),
    path("financements/financeur/enveloppes/nouvelle/", desk.funding_envelope_create, name="funding_envelope_create"),
]
