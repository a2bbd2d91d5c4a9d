"""The web process's application server; the environment sets its port and its workers."""

from training_site.env import env_int

bind = f"0.0.0.0:{env_int('PORT', 8000, minimum=1, maximum=65535)}"
workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
# A worker is replaced after about this many requests, not all at once, so a slow leak stays small.
max_requests = 1000
max_requests_jitter = 100
timeout = 30
graceful_timeout = 30
# The access log goes to standard output with the path only: query strings may carry tokens.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
