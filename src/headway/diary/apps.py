from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "headway.diary"
    label = "diary"
