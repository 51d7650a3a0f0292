#!/usr/bin/env bash
# The database servers the tests need beside SQLite, from Debian's packages, on loopback, in a throwaway folder.
#
#   eval "$(scripts/services.sh start)"   installs PostgreSQL and Redis when missing, starts them on 127.0.0.1 on free
#                                         ports, and prints the exports the tests read (GAMIFICATION_TEST_POSTGRES,
#                                         GAMIFICATION_TEST_REDIS, ...)
#   scripts/services.sh stop              stops them and deletes their folder (GAMIFICATION_SERVICES_DIR, or the folder given)
#
# Everything it prints on stdout is shell code for eval; progress and errors go to stderr. PostgreSQL refuses to run
# as root, so its server runs as the `postgres` user Debian's package creates (as root: runuser; otherwise as you).
# Redis keeps nothing on disk (no snapshots, no append-only file): it only carries the tests' pub/sub messages.
set -euo pipefail

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
REDIS_SERVER=/usr/bin/redis-server
REDIS_CLI=/usr/bin/redis-cli

say() { echo "services: $*" >&2; }
fail() { echo "services: $*" >&2; exit 1; }

sudo_if_needed() { if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi; }

install_postgresql() {
  if [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]; then return; fi
  say "installing PostgreSQL from Debian's packages (apt-get install -y postgresql)..."
  sudo_if_needed apt-get update -qq >&2
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || fail "could not install postgresql (apt-get install -y postgresql); the PostgreSQL tests need it."
  [ -x "$PG_BIN/initdb" ] || fail "postgresql is installed but $PG_BIN/initdb is missing (expected PostgreSQL $PG_VERSION)."
}

# Runs a command as the user that owns the server's files: `postgres` when we are root.
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgresql() {
  local dir=$1 port attempt
  mkdir -p "$dir/pg"
  if [ "$(id -u)" = "0" ]; then chown postgres: "$dir" "$dir/pg"; fi
  as_pg "$PG_BIN/initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/pg/initdb.log" 2>&1 \
    || { cat "$dir/pg/initdb.log" >&2; fail "initdb failed."; }
  # A random free port: if another server took it meanwhile, pg_ctl fails and the next one is tried.
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    if as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 30 \
      -o "-p $port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      echo "$port" >"$dir/pg/port"
      say "PostgreSQL $PG_VERSION listens on 127.0.0.1:$port (data in $dir/pg/data)"
      return
    fi
  done
  tail -n 20 "$dir/pg/server.log" >&2 || true
  fail "PostgreSQL did not start (log: $dir/pg/server.log)."
}

stop_postgresql() {
  local dir=$1
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || say "pg_ctl stop failed (log: $dir/pg/server.log)"
  fi
}

install_redis() {
  if [ -x "$REDIS_SERVER" ] && [ -x "$REDIS_CLI" ]; then return; fi
  say "installing Redis from Debian's packages (apt-get install -y redis-server)..."
  sudo_if_needed apt-get update -qq >&2
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null \
    || fail "could not install redis-server (apt-get install -y redis-server); the Redis tests need it."
  [ -x "$REDIS_SERVER" ] || fail "redis-server is installed but $REDIS_SERVER is missing."
}

start_redis() {
  local dir=$1 port attempt
  mkdir -p "$dir/redis"
  # A random free port: if another server took it meanwhile, redis-server fails to bind and the next one is tried.
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    rm -f "$dir/redis/redis.pid"
    if "$REDIS_SERVER" --port "$port" --bind 127.0.0.1 --dir "$dir/redis" --save '' --appendonly no \
      --daemonize yes --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/server.log" >/dev/null 2>&1; then
      # Daemonized, it answers once it has bound its port (or the child exits when it could not).
      for _ in $(seq 1 50); do
        if "$REDIS_CLI" -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
          echo "$port" >"$dir/redis/port"
          say "Redis $("$REDIS_SERVER" --version | grep -o 'v=[0-9.]*' | cut -d= -f2) listens on 127.0.0.1:$port (files in $dir/redis)"
          return
        fi
        sleep 0.1
      done
    fi
  done
  tail -n 20 "$dir/redis/server.log" >&2 || true
  return 1
}

stop_redis() {
  local dir=$1
  if [ -f "$dir/redis/port" ]; then
    "$REDIS_CLI" -h 127.0.0.1 -p "$(cat "$dir/redis/port")" shutdown nosave >/dev/null 2>&1 || true
  fi
  # Still there (it did not answer the shutdown): end it by its pid.
  if [ -f "$dir/redis/redis.pid" ]; then
    kill "$(cat "$dir/redis/redis.pid")" 2>/dev/null || true
  fi
}

case "${1:-}" in
  start)
    install_postgresql
    install_redis
    dir=$(mktemp -d "${TMPDIR:-/tmp}/gamification-services.XXXXXX")
    chmod 755 "$dir"
    start_postgresql "$dir"
    start_redis "$dir" || { stop_postgresql "$dir"; rm -rf "$dir"; fail "Redis did not start."; }
    port=$(cat "$dir/pg/port")
    echo "export GAMIFICATION_SERVICES_DIR='$dir'"
    # fsync is off: the server is throwaway. No password: trust on loopback only.
    echo "export GAMIFICATION_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    # No password either: it listens on loopback only.
    echo "export GAMIFICATION_TEST_REDIS='127.0.0.1:$(cat "$dir/redis/port")'"
    ;;
  stop)
    dir=${2:-${GAMIFICATION_SERVICES_DIR:-}}
    [ -n "$dir" ] || fail "which folder? Give it, or set GAMIFICATION_SERVICES_DIR as 'start' printed it."
    case "$dir" in
      */gamification-services.*) ;;
      *) fail "$dir is not a folder this script made." ;;
    esac
    stop_postgresql "$dir"
    stop_redis "$dir"
    rm -rf "$dir"
    say "stopped and deleted $dir"
    ;;
  *)
    echo "Usage: eval \"\$(scripts/services.sh start)\" ... scripts/services.sh stop [folder]" >&2
    exit 2
    ;;
esac
