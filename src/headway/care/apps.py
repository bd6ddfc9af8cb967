from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "headway.care"
    label = "care"

    def ready(self) -> None:
        from headway.accounts.services import credential_methods_register
        from headway.care.services import technique_credential_methods

        # A credential is chosen from the methods this catalogue asks for (issue 13, 1.12).
        credential_methods_register(technique_credential_methods)
