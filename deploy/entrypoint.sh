#!/bin/sh
# Container entrypoint: apply migrations when asked (the web service sets DJANGO_MIGRATE=1; the
# worker and beat wait for a healthy web instead), then run the command.
set -eu

if [ "${DJANGO_MIGRATE:-0}" = "1" ]; then
    echo "entrypoint: applying database migrations"
    python manage.py migrate --noinput
fi

exec "$@"
