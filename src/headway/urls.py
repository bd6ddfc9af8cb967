from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from headway.accounts import views as accounts
from headway.accounts.forms import EmailPasswordResetForm
from headway.api import api
from headway.audit import views as audit
from headway.care import views as care
from headway.diary import views as diary
from headway.outcomes import views as outcomes
from headway.patients import views as patients


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


password_reset = [
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            form_class=EmailPasswordResetForm,
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", accounts.home, name="home"),
    path("healthz", healthz),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/login/verify/", accounts.login_verify, name="login_verify"),
    path("accounts/login/link/", accounts.login_link_request, name="login_link_request"),
    path("accounts/login/link/<str:token>/", accounts.login_link_open, name="login_link_open"),
    path("accounts/logout/", accounts.logout_view, name="logout"),
    path("accounts/session/keep-alive/", accounts.session_keepalive, name="session_keepalive"),
    path("accounts/two-factor/", accounts.two_factor, name="two_factor"),
    path(
        "accounts/two-factor/backup-codes/",
        accounts.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("accounts/two-factor/disable/", accounts.two_factor_disable, name="two_factor_disable"),
    path("accounts/invitation/<str:token>/", accounts.invitation_accept, name="invitation_accept"),
    *password_reset,
    path("practice/switch/", accounts.practice_switch, name="practice_switch"),
    path("practice/team/", accounts.team, name="team"),
    path(
        "practice/team/<int:membership_id>/", accounts.membership_update, name="membership_update"
    ),
    path(
        "practice/invitations/<int:invitation_id>/withdraw/",
        accounts.invitation_revoke,
        name="invitation_revoke",
    ),
    path("practice/settings/", accounts.practice_settings, name="practice_settings"),
    path("practice/techniques/", care.techniques, name="techniques"),
    path(
        "practice/team/<int:membership_id>/profile/",
        accounts.practitioner_profile,
        name="practitioner_profile",
    ),
    path(
        "practice/credentials/<int:credential_id>/verify/",
        accounts.credential_verify,
        name="credential_verify",
    ),
    path(
        "practice/credentials/<int:credential_id>/document/",
        accounts.credential_document,
        name="credential_document",
    ),
    path("practice/audit/", audit.audit_trail, name="audit_trail"),
    path("practice/audit/export.csv", audit.audit_export, name="audit_export"),
    path("patients/", patients.patient_list, name="patient_list"),
    path("patients/new/", patients.patient_create, name="patient_create"),
    path("patients/<int:patient_id>/", patients.patient_detail, name="patient_detail"),
    path("patients/<int:patient_id>/edit/", patients.patient_edit, name="patient_edit"),
    path("patients/<int:patient_id>/archive/", patients.patient_archive, name="patient_archive"),
    path("patients/<int:patient_id>/consents/", patients.consent_create, name="consent_create"),
    path(
        "patients/<int:patient_id>/consents/<int:consent_id>/withdraw/",
        patients.consent_withdraw,
        name="consent_withdraw",
    ),
    path("patients/<int:patient_id>/portal-invite/", patients.portal_invite, name="portal_invite"),
    path("patients/<int:patient_id>/export.json", patients.patient_export, name="patient_export"),
    path("patients/<int:patient_id>/erase/", patients.patient_erase, name="patient_erase"),
    path("patients/<int:patient_id>/notes/", care.clinical_notes, name="clinical_notes"),
    path("patients/<int:patient_id>/audit/", audit.audit_patient, name="audit_patient"),
    path("patients/<int:patient_id>/intake/", patients.intake_manage, name="intake_manage"),
    path(
        "patients/<int:patient_id>/intake/<int:intake_id>/",
        patients.intake_detail,
        name="intake_detail",
    ),
    path(
        "patients/<int:patient_id>/classifications/",
        care.classification_run,
        name="classification_run",
    ),
    path(
        "patients/<int:patient_id>/classifications/<int:run_id>/",
        care.classification_review,
        name="classification_review",
    ),
    path(
        "patients/<int:patient_id>/referrals/<int:referral_id>/letter.pdf",
        care.referral_letter,
        name="referral_letter",
    ),
    path(
        "patients/<int:patient_id>/referrals/<int:referral_id>/close/",
        care.referral_close,
        name="referral_close",
    ),
    path("patients/<int:patient_id>/screens/", care.cervical_screens, name="cervical_screens"),
    path(
        "patients/<int:patient_id>/screens/<int:screen_id>/",
        care.cervical_screen_detail,
        name="cervical_screen_detail",
    ),
    path(
        "patients/<int:patient_id>/screens/new-symptoms/",
        care.cervical_screens_invalidate,
        name="cervical_screens_invalidate",
    ),
    path("patients/<int:patient_id>/examinations/", care.examinations, name="examinations"),
    path(
        "patients/<int:patient_id>/examinations/new/",
        care.examination_create,
        name="examination_create",
    ),
    path(
        "patients/<int:patient_id>/examinations/candidates/",
        care.pain_candidates,
        name="pain_candidates",
    ),
    path(
        "patients/<int:patient_id>/examinations/<int:exam_id>/",
        care.examination_detail,
        name="examination_detail",
    ),
    path("patients/<int:patient_id>/plans/", care.treatment_plans, name="treatment_plans"),
    path("patients/<int:patient_id>/sessions/new/", care.session_edit, name="session_create"),
    path(
        "patients/<int:patient_id>/sessions/<int:session_id>/",
        care.session_detail,
        name="session_detail",
    ),
    path(
        "patients/<int:patient_id>/sessions/<int:session_id>/edit/",
        care.session_edit,
        name="session_edit",
    ),
    path(
        "patients/<int:patient_id>/sessions/<int:session_id>/sign/",
        care.session_sign,
        name="session_sign",
    ),
    path("patients/<int:patient_id>/diary/", diary.patient_diary, name="patient_diary"),
    path("patients/<int:patient_id>/outcomes/", outcomes.patient_outcomes, name="patient_outcomes"),
    path(
        "patients/<int:patient_id>/outcomes/charts/<int:number>.svg",
        outcomes.outcome_chart,
        name="outcome_chart",
    ),
    path(
        "patients/<int:patient_id>/outcomes/report.pdf",
        outcomes.outcome_report,
        name="outcome_report",
    ),
    path(
        "patients/<int:patient_id>/questionnaires/schedule/",
        outcomes.questionnaires_schedule,
        name="questionnaires_schedule",
    ),
    path(
        "patients/<int:patient_id>/questionnaires/<int:item_id>/remove/",
        outcomes.questionnaire_unschedule,
        name="questionnaire_unschedule",
    ),
    path(
        "patients/<int:patient_id>/questionnaires/enter/<str:instrument>/",
        outcomes.questionnaire_enter,
        name="questionnaire_enter",
    ),
    path("outcomes/overdue/", outcomes.questionnaires_overdue, name="questionnaires_overdue"),
    path("outcomes/", outcomes.practice_dashboard, name="practice_dashboard"),
    path("outcomes/export.csv", outcomes.dashboard_csv, name="dashboard_csv"),
    path("patients/<int:patient_id>/diary/classify/", diary.diary_classify, name="diary_classify"),
    path("patients/<int:patient_id>/timeline/", care.patient_timeline, name="patient_timeline"),
    path("intake/<str:token>/", patients.intake_link, name="intake_link"),
    path("portal/", patients.portal_home, name="portal_home"),
    path("portal/export.json", patients.portal_export, name="portal_export"),
    path("portal/intake/", patients.portal_intake, name="portal_intake"),
    path("portal/diary/", diary.diary_home, name="diary_home"),
    path("portal/questionnaires/", outcomes.portal_questionnaires, name="portal_questionnaires"),
    path(
        "portal/questionnaires/<int:item_id>/",
        outcomes.portal_questionnaire,
        name="portal_questionnaire",
    ),
    path("portal/diary/reminders/", diary.portal_reminders, name="portal_reminders"),
    path("diary/reminders/stop/<str:token>/", diary.reminder_stop, name="reminder_stop"),
    path("portal/sw.js", diary.service_worker, name="diary_sw"),
    path("portal/manifest.webmanifest", diary.manifest, name="diary_manifest"),
]
