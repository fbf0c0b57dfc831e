"""Congé VAE pages (included in acquis.web.urls, namespace ``web``)."""

from django.urls import path

from acquis.web.leave import documents, employee, employer

urlpatterns = [
    path("conges-vae/", employee.leave_list, name="leave_list"),
    path("conges-vae/nouvelle/", employee.leave_create, name="leave_create"),
    path("conges-vae/entreprise/", employer.leave_employer_list, name="leave_employer_list"),
    path("conges-vae/entreprise/echeances.ics", documents.leave_employer_calendar, name="leave_employer_calendar"),
    path("conges-vae/financeur/", employer.leave_funder, name="leave_funder"),
    path("conges-vae/<int:pk>/", employee.leave_detail, name="leave_detail"),
    path("conges-vae/<int:pk>/modifier/", employee.leave_edit, name="leave_edit"),
    path("conges-vae/<int:pk>/actions/", employee.leave_action_add, name="leave_action_add"),
    path(
        "conges-vae/<int:pk>/actions/<int:action_id>/retirer/",
        employee.leave_action_remove,
        name="leave_action_remove",
    ),
    path("conges-vae/<int:pk>/pieces/", employee.leave_attachment_add, name="leave_attachment_add"),
    path("conges-vae/<int:pk>/pieces/<int:attachment_id>/", documents.leave_attachment, name="leave_attachment"),
    path("conges-vae/<int:pk>/envoyer/", employee.leave_send, name="leave_send"),
    path("conges-vae/<int:pk>/remplacer/", employee.leave_supersede, name="leave_supersede"),
    path("conges-vae/<int:pk>/assiduite/", employee.leave_attendance_upload, name="leave_attendance_upload"),
    path("conges-vae/<int:pk>/lettre.pdf", documents.leave_letter, name="leave_letter"),
    path("conges-vae/<int:pk>/echeances.ics", documents.leave_calendar, name="leave_calendar"),
    path("conges-vae/<int:pk>/accuser-reception/", employer.leave_acknowledge, name="leave_acknowledge"),
    path("conges-vae/<int:pk>/repondre/", employer.leave_answer, name="leave_answer"),
    path(
        "conges-vae/<int:pk>/demander-assiduite/",
        employer.leave_attendance_request,
        name="leave_attendance_request",
    ),
]
