"""gunicorn settings for Samspill (`gunicorn -c python:samspill.config.gunicorn_conf ...`).

Read by `samspill serve` and by the systemd unit in deploy/systemd/. Everything comes from the
environment, like the Django settings: HOST/PORT, WEB_CONCURRENCY, GUNICORN_TIMEOUT,
GUNICORN_ACCESS_LOG and TRUSTED_PROXIES.
"""

import os

from samspill.config.env import env_int, env_list, env_str

wsgi_app = "samspill.config.wsgi:application"
bind = [f"{env_str('HOST', '127.0.0.1')}:{env_int('PORT', default=8000)}"]
workers = env_int("WEB_CONCURRENCY", default=2)
# Synchronous workers: every request is short (long computations run in the task worker).
worker_class = "sync"
timeout = env_int("GUNICORN_TIMEOUT", default=30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", default=20)
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = env_int("GUNICORN_MAX_REQUESTS", default=2000)
max_requests_jitter = max_requests // 10
# One log line per request on stdout (journald picks it up); "" turns it off.
accesslog = env_str("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# X-Forwarded-* headers are believed only from these addresses (the reverse proxy).
forwarded_allow_ips = ",".join(env_list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"]))
# The wsgi module sets this too; gunicorn started by hand must find the settings as well.
raw_env = [
    f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'samspill.config.settings')}"
]
# No runtime control socket: it lives in one shared path per user and is not needed under systemd.
control_socket_disable = True
