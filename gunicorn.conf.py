"""The web process's application server; the environment sets its port and its workers."""

from training_site.env import env_choice, env_int

bind = f"0.0.0.0:{env_int('PORT', 8000, minimum=1, maximum=65535)}"
workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
# A worker is replaced after about this many requests, not all at once, so a slow leak stays small.
max_requests = 1000
max_requests_jitter = 100
timeout = 30
graceful_timeout = 30
# The access log goes to standard output with the path only: query strings may carry tokens.
# In JSON, as the application's own lines are, with the request id the site answered with.
accesslog = "-"
errorlog = "-"
if env_choice("LOG_FORMAT", ("text", "json"), "json") == "json":
    access_log_format = (
        '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
        '"path": "%(U)s", "protocol": "%(H)s", "status": %(s)s, "bytes": "%(B)s", '
        '"duration_ms": %(M)s, "request_id": "%({x-request-id}o)s", "agent": "%(a)s"}'
    )
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "training_site.logs.JsonFormatter"},
            "access": {"format": "%(message)s"},
        },
        "handlers": {
            "error": {"class": "logging.StreamHandler", "formatter": "json"},
            "access": {"class": "logging.StreamHandler", "formatter": "access"},
        },
        "root": {"handlers": ["error"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
else:
    access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
