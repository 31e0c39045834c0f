from django.urls import include, path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("benachrichtigungen/", views.notice_preferences, name="notices"),
    path("faelle/neu/", views.case_create, name="case_create"),
    path("faelle/<int:pk>/", views.case_detail, name="case"),
    path("faelle/<int:pk>/bearbeiten/", views.case_edit, name="case_edit"),
    path("faelle/<int:pk>/aktion/<slug:name>/", views.case_action, name="case_action"),
    path("faelle/<int:pk>/anhaenge/", views.attachment_upload, name="attachment_upload"),
    path("anhaenge/<int:pk>/", views.attachment_download, name="attachment"),
    path("anhaenge/<int:pk>/loeschen/", views.attachment_delete, name="attachment_delete"),
    path("einladungen/<int:pk>/", views.invitation, name="invitation"),
    path("faelle/<int:pk>/beitrag/", views.feedback_edit, name="feedback"),
    path(
        "faelle/<int:pk>/beitrag/anhang/",
        views.feedback_attachment_upload,
        name="feedback_attachment_upload",
    ),
    path(
        "beitragsanhaenge/<int:pk>/",
        views.feedback_attachment_download,
        name="feedback_attachment",
    ),
    path(
        "faelle/<int:pk>/beitrag/<int:peer_pk>/erfassen/",
        views.feedback_edit,
        name="feedback_record",
    ),
    path("faelle/<int:pk>/synthese/", views.synthesis_edit, name="synthesis"),
    path(
        "faelle/<int:pk>/begleitung/<slug:name>/",
        views.case_facilitator_action,
        name="case_facilitator_action",
    ),
    path("faelle/<int:pk>/massnahmen/", views.action_item_add, name="action_item_add"),
    path("faelle/<int:pk>/abschluss/", views.case_close, name="case_close"),
    path("faelle/<int:pk>/nachverfolgung/", views.case_follow_up, name="follow_up"),
    path("ideen/<int:pk>/antwort/", views.idea_response, name="idea_response"),
    path("faelle/<int:pk>/rueckfragen/", views.clarifying_question_ask, name="question_ask"),
    path(
        "rueckfragen/<int:pk>/antwort/",
        views.clarifying_question_answer,
        name="question_answer",
    ),
    path("faelle/<int:pk>/dossier/", views.case_dossier, name="dossier"),
    path(
        "faelle/<int:pk>/praxiswissen/",
        views.praxiswissen_from_case,
        name="praxiswissen_from_case",
    ),
    path(
        "konzepte/<int:pk>/praxiswissen/",
        views.praxiswissen_from_concept,
        name="praxiswissen_from_concept",
    ),
    path("konzepte/", views.concept_list, name="concepts"),
    path("konzepte/neu/", views.concept_edit, name="concept_create"),
    path("konzepte/<int:pk>/", views.concept_detail, name="concept"),
    path("konzepte/<int:pk>/bearbeiten/", views.concept_edit, name="concept_edit"),
]

# Log-in, log-out, password reset, e-mail change and MFA (django-allauth), also below /portal/
# so that they share the portal's rules (never cached, idle time-out).
account_urlpatterns = [path("konto/", include("allauth.urls"))]
