from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "dangvien.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        from dangvien.pipeline import signals

        signals.connect()
