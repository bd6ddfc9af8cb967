from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "headway.outcomes"
    label = "outcomes"
