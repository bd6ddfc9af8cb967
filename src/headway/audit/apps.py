from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "headway.audit"
    label = "audit"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from headway.accounts.models import Credential, Invitation, Membership, Practice
        from headway.care import models as care
        from headway.patients.models import Consent, Intake, Patient

        # Field-level change records for everything that holds patient data or grants access to it.
        auditlog.register(Patient)
        auditlog.register(Consent)
        auditlog.register(care.ClinicalNote)
        # Intake answers change on every draft save; the submission is what counts.
        auditlog.register(Intake, exclude_fields=["token_hash", "answers", "updated_at"])
        for model in (
            care.CervicalScreen,
            care.ClassificationRun,
            care.DiagnosisDecision,
            care.Referral,
            care.Examination,
            care.TriggerPointFinding,
            care.TreatmentPlan,
            care.TreatmentSession,
            care.SessionTechnique,
            care.AdverseEvent,
            care.NoteAmendment,
            care.Technique,
        ):
            auditlog.register(model)
        auditlog.register(Credential)
        auditlog.register(Membership)
        auditlog.register(Invitation, exclude_fields=["token_hash"])
        auditlog.register(Practice)
