"""The one settings module for Samspill. Every difference between machines comes from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from samspill.config.env import cache_from_url, env_bool, env_int, env_list, env_str
from samspill.config.mail import mailers_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("SAMSPILL_VAR_DIR", str(BASE_DIR / "var")))
# Real public data (SSB, Kartverket) lives beside the repository, never inside it.
SHARED_DATA_DIR = Path(env_str("SAMSPILL_SHARED_DATA", str(BASE_DIR.parent / "shared" / "data")))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-only-for-debug" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search on PostgreSQL (the search app's tsvector column); inert on SQLite.
    "django.contrib.postgres",
    "django_htmx",
    # Only so that /api/docs serves its Swagger UI from our static files, not from a CDN.
    "ninja",
    "axes",
    "django_tasks_db",
    "samspill.core",
    "samspill.accounts",
    "samspill.audit",
    "samspill.regions",
    "samspill.stats",
    "samspill.population",
    # Domain apps go here, in dependency order (see docs/architecture.md).
    "samspill.search",
    "samspill.inquiries",
    "samspill.strategy",
    "samspill.knowledge",
    "samspill.notifications",
    "samspill.collaboration",
    "samspill.land",
    "samspill.projects",
    "samspill.challenges",
    "samspill.analyses",
    "samspill.portability",
    "samspill.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "samspill.core.middleware.PermissionsPolicyMiddleware",
    # Production serves collected static files itself (whitenoise); in DEBUG runserver does.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samspill.core.middleware.IdleSessionMiddleware",
    "samspill.core.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samspill.core.middleware.ApiHeadMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samspill.config.urls"
WSGI_APPLICATION = "samspill.config.wsgi.application"
ASGI_APPLICATION = "samspill.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samspill" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samspill.core.context_processors.site",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samspill.sqlite3'}"),
        # Each worker keeps its connection for a minute (checked before reuse) instead of opening
        # one per request: on PostgreSQL that handshake was a large part of a page (ADR 104).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let the web server and the task worker share the embedded database.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Shared state lives outside the application processes, so any number of them can run behind a
# load balancer (docs/architecture.md, "Running on more than one machine"): the cache in Redis when
# REDIS_URL or CACHE_URL names one, else in the database table `samspill_cache` (created by
# `migrate`). Sessions are written to the database and read through that cache.
CACHES = {
    "default": cache_from_url(
        env_str("CACHE_URL", env_str("REDIS_URL", "db://")),
        key_prefix=env_str("CACHE_KEY_PREFIX", "samspill"),
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Anonymous public pages are cached under the data version (samspill.core.page_cache); this is
# only the longest a page may live, for changes made outside the services (e.g. in the admin).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", default=600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "notifications:start"  # Min side: what waits for me
LOGOUT_REDIRECT_URL = "core:home"

# Lockout after repeated failed logins (django-axes): per username and IP address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
# The lockout and the public form's rate limit key on the same address (see TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "samspill.core.clientip.client_ip"

# Reverse proxies (addresses or CIDR blocks, comma-separated) whose X-Forwarded-For is believed.
# Empty: the peer address is the client. Behind nginx on the same host: TRUSTED_PROXIES=127.0.0.1
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", default=[])

# A signed-in session ends after this many idle minutes; each request renews it (sliding expiry).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", default=60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "samspill" / "locale"]
# English dates day-month-year; bokmål and nynorsk use Django's formats (identical for nb and nn).
FORMAT_MODULE_PATH = ["samspill.config.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end packages are installed from npm at build time and served from here; never from a CDN.
# Only the files the pages use (and what those reference) are collected: see core/staticfinders.py.
STATICFILES_DIRS = [BASE_DIR / "samspill" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "samspill.core.staticfinders.VendorFinder",
]
STATIC_VENDOR_FILES = [
    (
        "vendor/designsystemet-css",
        NODE_MODULES / "@digdir" / "designsystemet-css" / "dist",
        ["**/*.css"],
    ),
    (
        "vendor/designsystemet-theme",
        NODE_MODULES / "@digdir" / "designsystemet-theme",
        ["**/*.css"],
    ),
    (
        "vendor/leaflet",
        NODE_MODULES / "leaflet" / "dist",
        ["leaflet.css", "leaflet.js", "leaflet.js.map", "images/*"],
    ),
    (
        "vendor/chart.js",
        NODE_MODULES / "chart.js" / "dist",
        ["chart.umd.min.js", "chart.umd.min.js.map"],
    ),
    (
        "vendor/inter",
        NODE_MODULES / "@fontsource" / "inter",
        ["400.css", "600.css", "files/inter-*-400-normal.*", "files/inter-*-600-normal.*"],
    ),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"  # never served as such: uploaded documents go through knowledge's access check
# Shared knowledge (documents): the largest upload, and what a zip container (DOCX, XLSX, PPTX,
# ODT) may unpack to at most, in total and in compression ratio (zip bombs are refused unread).
KNOWLEDGE_UPLOAD_MAX_BYTES = env_int("KNOWLEDGE_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
KNOWLEDGE_UNZIPPED_MAX_BYTES = env_int("KNOWLEDGE_UNZIPPED_MAX_BYTES", default=200 * 1024 * 1024)
KNOWLEDGE_ZIP_MAX_RATIO = env_int("KNOWLEDGE_ZIP_MAX_RATIO", default=100)
# Innovation challenges: the largest file a supplier may attach to an answer (checked like a
# knowledge upload, by its content; zip containers under the knowledge limits above).
CHALLENGES_ATTACHMENT_MAX_BYTES = env_int(
    "CHALLENGES_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024
)
# Land register map: a tile server URL ({z}/{x}/{y}) is optional; empty means municipal outlines
# only (no outside request). The Content-Security-Policy must allow the host when one is set.
LAND_TILE_URL = env_str("LAND_TILE_URL", "")
# Land register: the largest photo of a site (PNG or JPEG, checked by content like knowledge's
# uploads), and an optional OSRM-compatible routing service the municipality runs, as its base URL
# (never required; empty = off, nothing is called and travel time stays the documented road-speed
# estimate, ADR 52 and 98), with a short timeout before the estimate is used instead.
LAND_PHOTO_MAX_BYTES = env_int("LAND_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
LAND_ROUTING_URL = env_str("LAND_ROUTING_URL", "")
LAND_ROUTING_TIMEOUT_SECONDS = env_int("LAND_ROUTING_TIMEOUT_SECONDS", default=2)
# Projects register: a fact (source + date) older than this many days is marked as stale.
PROJECTS_FACT_STALE_DAYS = env_int("PROJECTS_FACT_STALE_DAYS", default=730)

# Mail: every setting from the environment (EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT); `check --deploy` fails when mail
# cannot work (samspill/core/checks.py).
MAILERS = mailers_from_environment(debug=DEBUG)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "samspill@localhost" if DEBUG else "")
# Where links in mails lead (notifications); without it mails carry paths only.
SITE_URL = env_str("SITE_URL", "")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Business inquiries: Brønnøysund's open register API (company facts) and how long a closed
# inquiry keeps its contact person's personal data before `purge_inquiry_personal_data` removes it.
BRREG_API_URL = env_str("BRREG_API_URL", "https://data.brreg.no/enhetsregisteret/api")
BRREG_TIMEOUT_SECONDS = float(env_str("BRREG_TIMEOUT_SECONDS", "5"))
INQUIRY_RETENTION_DAYS = env_int("INQUIRY_RETENTION_DAYS", default=365)
# Days a deleted knowledge document stays restorable in the trash before it is purged.
KNOWLEDGE_TRASH_DAYS = env_int("KNOWLEDGE_TRASH_DAYS", default=30)

# Labour-market-region runs are heavy: each user may queue this many NEW runs per window
# (identical parameters reuse the finished run and do not count). Counted in the shared cache.
LMA_RUN_LIMIT = env_int("LMA_RUN_LIMIT", default=5)
LMA_RUN_WINDOW_SECONDS = env_int("LMA_RUN_WINDOW_SECONDS", default=3600)
# A run still "running" this many minutes after it started lost its worker (killed, restarted):
# the daily purge marks it failed so that the same analysis can be started again.
LMA_RUN_STALE_MINUTES = env_int("LMA_RUN_STALE_MINUTES", default=360)

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "samspill.core.views.csrf_failure"

# Content-Security-Policy: every script, style, font and image comes from the app itself; no inline
# scripts or style attributes (data for charts and maps travels in <script type="application/json">).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page of Samspill uses are switched off for every page (and embedded frame).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
