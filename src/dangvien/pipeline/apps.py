from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "dangvien.pipeline"
    label = "pipeline"
