# syntax=docker/dockerfile:1
# HealthMatch: one image for the web (gunicorn), the Celery worker and Celery beat.
#   docker compose up --build        (see docker-compose.yml)

# --- build: dependencies, compiled translations, collected static files ---------------------
FROM python:3.11-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# GNU gettext only for compilemessages; it stays out of the runtime image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes reuse this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
# Editable, so the code runs from /app next to templates/, static/ and locale/ (settings.BASE_DIR).
RUN pip install --no-deps -e .

# Settings refuse to load without a SECRET_KEY when DEBUG is off; this one exists only here.
RUN mkdir -p locale \
    && DEBUG=0 SECRET_KEY=build-only-dummy-secret-key-not-used-at-runtime-0123456789 \
       python manage.py compilemessages --ignore=var \
    && DEBUG=0 SECRET_KEY=build-only-dummy-secret-key-not-used-at-runtime-0123456789 \
       python manage.py collectstatic --noinput \
    && rm -rf var/db.sqlite3 var/cache var/celery var/mail

# --- runtime --------------------------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=healthmatch.settings \
    DEBUG=0

RUN groupadd --system --gid 1000 healthmatch \
    && useradd --system --uid 1000 --gid healthmatch --home-dir /app --shell /usr/sbin/nologin healthmatch

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

# The code stays owned by root (read-only for the app); only uploads and the beat schedule are
# writable. Named volumes mounted there start with this ownership.
RUN mkdir -p var/media var/beat \
    && chown -R healthmatch:healthmatch var/media var/beat \
    && chmod 0755 deploy/entrypoint.sh

USER healthmatch
EXPOSE 8000

ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "healthmatch.wsgi"]
