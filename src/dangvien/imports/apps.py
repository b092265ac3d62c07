from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "dangvien.imports"
    label = "imports"
