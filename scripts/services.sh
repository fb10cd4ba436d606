#!/usr/bin/env bash
# Makes sure what the tests need outside Node is present on this machine, so `scripts/test.sh` passes
# on a fresh clone: redis-server and nats-server installed (from Debian packages when missing), a Redis
# answering on 127.0.0.1:6379 and a NATS on 127.0.0.1:4222 (started here when nothing answers), and
# a PostgreSQL on 127.0.0.1:5432 taking user postgres without a password, with a database `test`,
# Debian's Chromium for the browser tests, and Debian's nginx for the test of docs/deployment.md's
# proxy configuration (the test starts its own nginx in a temp dir; the package's service is left alone).
# Idempotent, and quick when everything is already there. Tests read REDIS_URL / NATS_URL /
# POSTGRES_URL, defaulting to these; crash tests start their own servers on spare ports and never
# touch these. The shared PostgreSQL is left running (other checkouts' tests use it too).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Debian puts nats-server in /usr/sbin, which is not on every user's PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
state="$root/.test-services"
redis_port=6379
nats_port=4222
wait_s=15

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# One `apt-get update` for however many packages are missing.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nats-server >/dev/null || missing+=(nats-server)
# The browser tests of examples/ drive Debian's Chromium (playwright-core brings no browser).
[ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
# Without a colour emoji font Chromium draws the grid example's emoji (and its screenshot) as boxes.
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
# packages/test-kit/test/nginx.test.ts runs docs/deployment.md's nginx configuration in front of Herald.
[ -n "${NGINX_PATH:-}" ] || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ -z "${POSTGRES_URL:-}" ] && ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  missing+=(postgresql)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "services: installing ${missing[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # The Debian packages start their own services on the default ports; the checks below accept them.
fi

# Redis answers PING with +PONG; anything else on the port (a password, another program) is an error.
redis_reply() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$redis_port && printf 'PING\r\n' >&3 && head -c 5 <&3" \
    2>/dev/null || true
}

# A NATS server greets every connection with an INFO line.
nats_reply() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$nats_port && head -c 4 <&3" 2>/dev/null || true
}

# Waits (bounded) until `$1` prints `$2`; fails naming the log to read.
await_reply() {
  local probe="$1" expected="$2" name="$3" log="$4" deadline=$((SECONDS + wait_s))
  until [ "$($probe)" = "$expected" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "services: $name did not answer within ${wait_s}s; see $log" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# A REDIS_URL / NATS_URL from the environment points the tests elsewhere: nothing to start here.
reply="$(redis_reply)"
if [ -z "${REDIS_URL:-}" ] && [ "$reply" != '+PONG' ]; then
  if [ -n "$reply" ]; then
    echo "services: 127.0.0.1:$redis_port answers '${reply//$'\r'/}' instead of +PONG (a Redis with a password, or another program?); free the port or set REDIS_URL" >&2
    exit 1
  fi
  mkdir -p "$state"
  echo "services: starting redis-server on 127.0.0.1:$redis_port" >&2
  redis-server --daemonize yes --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$state" --logfile "$state/redis.log" --pidfile "$state/redis.pid"
  await_reply redis_reply '+PONG' redis-server "$state/redis.log"
fi

reply="$(nats_reply)"
if [ -z "${NATS_URL:-}" ] && [ "$reply" != 'INFO' ]; then
  if [ -n "$reply" ]; then
    echo "services: 127.0.0.1:$nats_port answers but is not NATS; free the port or set NATS_URL" >&2
    exit 1
  fi
  mkdir -p "$state"
  echo "services: starting nats-server on 127.0.0.1:$nats_port" >&2
  # setsid: the server outlives this script and the test run, like the daemonized Redis.
  setsid nats-server -a 127.0.0.1 -p "$nats_port" -l "$state/nats.log" -P "$state/nats.pid" \
    </dev/null >/dev/null 2>&1 &
  await_reply nats_reply 'INFO' nats-server "$state/nats.log"
fi

# PostgreSQL (for @herald/postgres): Debian's cluster tooling, so the server runs as the postgres user
# with its data under /var/lib/postgresql. Tests connect as postgres over TCP without a password.
pg_port=5432
pg_ready() { pg_isready -q -h 127.0.0.1 -p "$pg_port" 2>/dev/null; }
pg_sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -w -X -q -tA "$@"; }

if [ -z "${POSTGRES_URL:-}" ]; then
  pg_version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)"
  pg_conf="/etc/postgresql/$pg_version/main"
  if ! pg_ready; then
    if [ -z "$pg_version" ] || [ ! -d "$pg_conf" ]; then
      echo "services: PostgreSQL is installed but has no cluster in /etc/postgresql; run pg_createcluster or set POSTGRES_URL" >&2
      exit 1
    fi
    echo "services: starting PostgreSQL $pg_version on 127.0.0.1:$pg_port" >&2
    as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start ||
      echo "services: pg_ctlcluster $pg_version main start failed; see /var/log/postgresql" >&2
    deadline=$((SECONDS + wait_s))
    until pg_ready; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        echo "services: PostgreSQL did not answer on 127.0.0.1:$pg_port within ${wait_s}s; see /var/log/postgresql/postgresql-$pg_version-main.log" >&2
        exit 1
      fi
      sleep 0.2
    done
  fi
  # Debian's default asks for a password over TCP; a test machine's local connections are trusted.
  # Rules are read top down, so ours go first; a reload applies them without a restart.
  if ! pg_sql -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    if [ ! -f "$pg_conf/pg_hba.conf" ]; then
      echo "services: 127.0.0.1:$pg_port refuses user postgres without a password and its pg_hba.conf is not in $pg_conf; set POSTGRES_URL" >&2
      exit 1
    fi
    if ! grep -q '^# herald scripts/services.sh' "$pg_conf/pg_hba.conf"; then
      echo "services: trusting local TCP connections in $pg_conf/pg_hba.conf" >&2
      as_root sed -i '1i # herald scripts/services.sh: trust local TCP for tests\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' \
        "$pg_conf/pg_hba.conf"
    fi
    as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main reload
    sleep 0.5
    if ! pg_sql -d postgres -c 'SELECT 1' >/dev/null; then
      echo "services: PostgreSQL on 127.0.0.1:$pg_port still refuses user postgres; see $pg_conf/pg_hba.conf or set POSTGRES_URL" >&2
      exit 1
    fi
  fi
  if [ "$(pg_sql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'test'")" != 1 ]; then
    echo "services: creating database test" >&2
    pg_sql -d postgres -c 'CREATE DATABASE test'
  fi
fi
