from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "headway.audit"
    label = "audit"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from headway.accounts.models import Invitation, Membership, Practice
        from headway.care.models import ClinicalNote
        from headway.patients.models import Consent, Patient

        # Field-level change records for everything that holds patient data or grants access to it.
        auditlog.register(Patient)
        auditlog.register(Consent)
        auditlog.register(ClinicalNote)
        auditlog.register(Membership)
        auditlog.register(Invitation, exclude_fields=["token_hash"])
        auditlog.register(Practice)
