from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "headway.patients"
    label = "patients"
