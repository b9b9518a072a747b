#!/usr/bin/env bash
# The load test: 50 users for 60 s through gunicorn and PostgreSQL, on loopback only.
#
#   1. a fresh PostgreSQL database (LOAD_DATABASE, dropped first if it exists), migrated
#   2. the national-scale data set, built as `manage.py benchmark_risk` builds it (build_data.py):
#      organisations, demo accounts, ~6,000 posts, ~40,000 nominations, a year of risk history
#   3. `manage.py recalculate_risk`, then collectstatic for whitenoise
#   4. gunicorn from the Procfile's web line, on 127.0.0.1, local settings with DEBUG off
#   5. locust, headless: LOAD_USERS users (national talent team and HR directors) sign in,
#      LOAD_SPAWN_RATE a second, then all of them read the risk dashboard (plain and filtered),
#      post, plan and post risk pages for LOAD_SECONDS; CSV statistics in LOAD_RESULTS_DIR. The
#      statistics are reset once every user has started (--reset-stats), so the percentiles are
#      of the LOAD_SECONDS with every user running, not of the sign-ins (a password hash each)
#   6. summarise.py prints p50/p95/p99 per page group and overall, and fails the run if any
#      request failed or the overall p95 is above LOAD_P95_CEILING_MS
# gunicorn is stopped afterwards whatever happens. Exit code 0 only if the load passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/load"
cd "$ROOT"

PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
BIN_DIR="$(dirname "$PYTHON")"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
LOAD_DATABASE="${LOAD_DATABASE:-load_talent}"
LOAD_USERS="${LOAD_USERS:-50}"
LOAD_SPAWN_RATE="${LOAD_SPAWN_RATE:-2}"
LOAD_SECONDS="${LOAD_SECONDS:-60}"
# Generous: on the 2-core machine the dashboard at national scale answers in well under this
# even with 50 users; a regression that makes pages several times slower goes over it.
LOAD_P95_CEILING_MS="${LOAD_P95_CEILING_MS:-2500}"
LOAD_HISTORY_DAYS="${LOAD_HISTORY_DAYS:-365}"
LOAD_RESULTS_DIR="${LOAD_RESULTS_DIR:-$ROOT/test-results/load}"
WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
LOAD_PORT="${LOAD_PORT:-$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
URL="http://127.0.0.1:${LOAD_PORT}"

mkdir -p "$LOAD_RESULTS_DIR"
rm -f "$LOAD_RESULTS_DIR"/*.csv "$LOAD_RESULTS_DIR"/*.json "$LOAD_RESULTS_DIR"/*.log

# Only what this script sets configures the service (CI exports the test settings).
while IFS='=' read -r name _; do
    case "$name" in DJANGO_* | DATABASE_* | CELERY_*) unset "$name" ;; esac
done < <(env)
export PATH="$BIN_DIR:$PATH"
export PYTHONUNBUFFERED=1
export DJANGO_SETTINGS_MODULE=config.settings.local
export DJANGO_DEBUG=false
export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${LOAD_DATABASE}"
export LOAD_HISTORY_DAYS WEB_CONCURRENCY
export LOAD_IDS_FILE="$LOAD_RESULTS_DIR/ids.json"
export CELERY_FILESYSTEM_FOLDER="$LOAD_RESULTS_DIR/celery"  # not make run's var/celery

step_started=$SECONDS
step() {
    echo
    echo "--- $* ($(date +%H:%M:%S))"
    step_started=$SECONDS
}
took() { echo "    took $((SECONDS - step_started)) s"; }

SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "--- stopping gunicorn ($SERVER_PID)"
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

step "fresh database $LOAD_DATABASE on $PGHOST:$PGPORT"
pg_isready --host="$PGHOST" --port="$PGPORT" --timeout=10
psql --host="$PGHOST" --port="$PGPORT" --username="$PGUSER" --no-psqlrc -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS ${LOAD_DATABASE} WITH (FORCE)" \
    -c "CREATE DATABASE ${LOAD_DATABASE}"
"$PYTHON" manage.py migrate --noinput -v 0
took

step "national-scale data set ($LOAD_HISTORY_DAYS nights of history)"
"$PYTHON" "$HERE/build_data.py" "$LOAD_IDS_FILE"
took

step "risk recalculation and static files"
"$PYTHON" manage.py recalculate_risk
"$PYTHON" manage.py collectstatic --noinput -v 0
took

step "gunicorn (Procfile web line, $WEB_CONCURRENCY workers) on $URL"
WEB_COMMAND="$(sed -n 's/^web:[[:space:]]*//p' "$ROOT/Procfile")"
BIND="127.0.0.1:${LOAD_PORT}" sh -c "exec $WEB_COMMAND" \
    >"$LOAD_RESULTS_DIR/gunicorn.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
    if curl --silent --fail --max-time 5 "$URL/healthz" >/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "gunicorn exited:" >&2
        tail -n 50 "$LOAD_RESULTS_DIR/gunicorn.log" >&2
        exit 1
    fi
    sleep 0.5
done
curl --silent --fail --max-time 5 "$URL/healthz"
echo
took

RAMP_SECONDS=$(((LOAD_USERS + LOAD_SPAWN_RATE - 1) / LOAD_SPAWN_RATE))
step "locust: $LOAD_USERS users (${RAMP_SECONDS} s to start them all), then ${LOAD_SECONDS} s"
locust_status=0
locust -f "$HERE/locustfile.py" --headless --host "$URL" \
    --users "$LOAD_USERS" --spawn-rate "$LOAD_SPAWN_RATE" \
    --run-time "$((RAMP_SECONDS + LOAD_SECONDS))s" --reset-stats \
    --stop-timeout 10 --csv "$LOAD_RESULTS_DIR/load" --only-summary \
    --loglevel WARNING --logfile "$LOAD_RESULTS_DIR/locust.log" || locust_status=$?
took
stop_server

step "results (CSV in $LOAD_RESULTS_DIR)"
summary_status=0
"$PYTHON" "$HERE/summarise.py" "$LOAD_RESULTS_DIR/load" "$LOAD_P95_CEILING_MS" \
    "$LOAD_RESULTS_DIR/summary.json" || summary_status=$?
if [ "$locust_status" -ne 0 ] && [ "$summary_status" -eq 0 ]; then
    echo "FAILED: locust exited with $locust_status." >&2
    exit "$locust_status"
fi
exit "$summary_status"
