#!/usr/bin/env bash
# Makes sure what the tests need outside Node is present on this machine, so `scripts/test.sh` passes
# on a fresh clone: redis-server and nats-server installed (from Debian packages when missing), a Redis
# answering on 127.0.0.1:6379 and a NATS on 127.0.0.1:4222 (started here when nothing answers).
# Idempotent, and quick when everything is already there. Tests read REDIS_URL / NATS_URL, defaulting
# to these two; crash tests start their own servers on spare ports and never touch these.
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
