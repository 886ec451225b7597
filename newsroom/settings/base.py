"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# The address readers are given, e.g. https://news.lishi.gov.cn: absolute links use it
# (infrastructure/site.py).
SITE_URL = os.environ.get("SITE_URL", "")
# The registrations a Chinese news site shows in its footer (jinja2/base.html);
# `check --deploy` warns while one is missing.
SITE_REGISTRATIONS = {
    "icp": os.environ.get("SITE_ICP_NUMBER", ""),  # ICP备案号, e.g. 晋ICP备12345678号-1
    "public_security": os.environ.get("SITE_PUBLIC_SECURITY_NUMBER", ""),  # 公安备案号, e.g. 晋公网安备…号
    "news_licence": os.environ.get("SITE_NEWS_LICENCE_NUMBER", ""),  # 互联网新闻信息服务许可证编号
}

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "axes",
    "django_tasks",
    "django_htmx",
    "django_tasks_db",
    "infrastructure",
    "articles",
    "issues",
    "planning",
    "scoring",
    "newsroom.demo",
]

MIDDLEWARE = [
    # Outermost, so that every response carries the policy: static files, cached pages, 304s and the 400
    # of a bad Host included.
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "infrastructure.site.CanonicalSiteMiddleware",
    # WhiteNoise straight after SecurityMiddleware, before anything that does work per request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every response, and 304 Not Modified when the reader's copy is current: pages from the
    # cache included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Readers' pages from the shared cache, before the middleware below does any work for them.
    "infrastructure.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from there), before CommonMiddleware.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: anonymous reads may go to a replica.
    "infrastructure.routers.PublicReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.htmx: the assembly board's round trips (issues/admin.py).
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

# The readers' pages are Jinja2 templates (jinja2/, newsroom/jinja2.py), the staff's Django templates.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "OPTIONS": {"environment": "newsroom.jinja2.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database (PostgreSQL in production and CI).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    # Several writers (an editor saving while the importer runs): WAL lets readers and the writer pass each
    # other, IMMEDIATE transactions queue writers on the busy timeout instead of failing at once when a
    # read lock would have to be upgraded, and the timeout makes them wait rather than report "locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
if DATABASES["default"].get("ENGINE") == "django.db.backends.postgresql":
    # A database that does not answer fails the connection in two seconds (libpq's least), not minutes.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    # JIT compilation pays off for long analytic queries, never for a web page's; it would add 200 ms to
    # a search whose estimated cost is inflated by the priced-up @@ (articles migration 0015).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Read replicas (docs/deploy.md): readers' pages read from them, through infrastructure/routers.py.
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = {
        **dj_database_url.parse(
            url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
        ),
        "OPTIONS": DATABASES["default"].get("OPTIONS", {}),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["infrastructure.routers.ReplicaRouter"]
# How far a replica may trail the primary: pages made this soon after a change are not cached, since a
# replica may have served them from before it (infrastructure/caching.py).
REPLICA_LAG_ALLOWANCE = float(os.environ.get("REPLICA_LAG_ALLOWANCE", "2"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Uploads go to the filesystem, or to S3-compatible object storage (django-storages) when a bucket is
# named. Either way readers reach them only through the views that check a photo or scan is public
# (infrastructure/media.py): the web server sends a file the view allowed (MEDIA_ACCEL_REDIRECT), a private
# bucket a signed address; nothing serves MEDIA_ROOT or the bucket directly.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    MEDIA_STORAGE = {
        "BACKEND": "infrastructure.private_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "file_overwrite": False,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Pages of the paper are scanned at print resolution; allow uploads of that size.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Browsers and proxies revalidate readers' pages every time (an ETag makes that cheap), so that a
# withdrawn story is never shown from their cache; the server's cache holds the pages
# (infrastructure/caching.py).
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "0"))
# How long the server's cache keeps a page. Changes drop pages at once; this bounds memory and outages.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))
# The shared cache: Redis when REDIS_URL is set (several app servers share it), else this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "infrastructure.cache_backends.BreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            # A cache that is down or hangs must not take the site with it: fail within 0.1 s, then skip
            # the cache for 5 s (the breaker) and serve uncached.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("CACHE_TIMEOUT", "0.1")),
                "socket_timeout": float(os.environ.get("CACHE_TIMEOUT", "0.1")),
                "breaker_seconds": float(os.environ.get("CACHE_BREAKER_SECONDS", "5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security headers that hold in every environment; production adds HTTPS-only ones (prod.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# The templates load scripts, styles and images from the site itself only, with no inline script or
# style; JSON-LD is a data block, which CSP does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_MEDIA_ORIGINS")],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin logins: django-axes locks a username from an address after repeated failures.
# Work that grows with the archive (re-indexing the stories that name a new dictionary word) leaves the
# request for a background worker: django-tasks, the backport of Django 6's task framework, with its
# database backend (django-tasks-db), so the queue is the database we already run and back up, on SQLite
# as on PostgreSQL, with no broker to operate. `manage.py db_worker` runs the tasks (docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A login whose ?next= is refused (another site) lands on the editorial desk, not on a 404.
LOGIN_REDIRECT_URL = "admin:index"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind PROXY_COUNT trusted proxies the client's address is read from X-Forwarded-For
# (infrastructure/proxies.py): a lockout then holds one username from one address, so a stranger's failures
# never lock a staff member out of their own login.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "infrastructure.proxies.client_address"

# /healthz gives up on the database after this many seconds and answers 503.
HEALTHZ_TIMEOUT = float(os.environ.get("HEALTHZ_TIMEOUT", "0.8"))

# One JSON object per line on stdout, for the log collector; readers never see a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "infrastructure.logs.JsonLines"}},
    "handlers": {"stdout": {"class": "infrastructure.logs.Stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "axes": {"level": "WARNING"},  # not a line for every process start; lockouts are warnings
    },
}

# `restore` refuses to write over an instance holding any of these, unless given --replace.
RESTORE_REFUSES_OVER = ["articles.Article", "issues.Issue"]
