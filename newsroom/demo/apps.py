from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo (`manage.py load_demo`): content from every domain app, so it sits above them all."""

    name = "newsroom.demo"
    label = "demo"
