"""Log records as JSON lines on stdout, which the log collector reads."""

import logging
import sys

from pythonjsonlogger.json import JsonFormatter


class JsonLines(JsonFormatter):
    """python-json-logger with the fields the collector reads: time, level, logger and message; for a
    request's record its method, path and status; a traceback under "exception". Chinese stays readable."""

    def __init__(self):
        super().__init__(
            "{asctime}{levelname}{name}{message}",
            style="{",
            datefmt="%Y-%m-%dT%H:%M:%S%z",
            rename_fields={
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "exc_info": "exception",
                "status_code": "status",
            },
            json_ensure_ascii=False,
        )

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        request = log_data.pop("request", None)  # Django's request records carry the whole request
        if hasattr(request, "path"):
            log_data["method"], log_data["path"] = request.method, request.path


class Stdout(logging.StreamHandler):
    """A handler writing to whatever sys.stdout is when a record is emitted, not when logging was set up."""

    def __init__(self):
        super().__init__(sys.stdout)

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, value):
        pass  # always the current sys.stdout
