from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "headway.care"
    label = "care"
