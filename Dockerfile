# syntax=docker/dockerfile:1
# The production image: one image runs the web, worker and beat processes of the Procfile.
#   docker build -t nhs-talent .
#   docker compose up            (docker-compose.yml: the image with PostgreSQL and Redis)
# See docs/adr/0003-embedded-defaults-and-production-stack.md.

# --- Stage 1: compile the NHS.UK design system into static/dist ---------------------------------
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts/ scripts/
COPY static/ static/
RUN npm run build

# --- Stage 2: the Python application ------------------------------------------------------------
FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app
COPY requirements/base.lock requirements/base.lock
RUN pip install -r requirements/base.lock

COPY . .
COPY --from=assets /build/static/dist static/dist

# collectstatic imports the production settings, which refuse to load without these. The values
# are throwaway and exist only for this one RUN: nothing here is baked into the image's ENV.
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only \
    DATABASE_URL=sqlite://:memory: \
    CELERY_BROKER_URL=memory:// \
    DJANGO_ALLOWED_HOSTS=x \
    python manage.py collectstatic --noinput \
    && mkdir -p var/media \
    && chown app:app var var/media

USER app
EXPOSE 8000

# The Procfile's lines are shell commands (honcho runs them with sh). A single-string command is
# expanded by the shell with the container's environment (BIND, WEB_CONCURRENCY, ...) and then
# exec'd, so gunicorn or celery is PID 1 and receives `docker stop`'s SIGTERM. Several arguments
# (docker compose splits its `command:` strings; `docker run IMAGE python manage.py migrate`) are
# exec'd as they are.
ENTRYPOINT ["/bin/sh", "-c", "if [ \"$#\" -eq 1 ]; then eval \"exec $1\"; else exec \"$@\"; fi", "entrypoint"]
# The Procfile's web line, word for word (tests/test_production.py checks it).
CMD ["gunicorn config.wsgi:application --bind ${BIND:-0.0.0.0:8000} --workers ${WEB_CONCURRENCY:-2} --timeout 60 --access-logfile -"]
