#!/usr/bin/env bash
# N instances of the built app on one machine, against one PostgreSQL database and one Redis, as the tests run them.
#
#   scripts/instances.sh start [N]   starts N (default 3) instances of Gamification.Web on http://127.0.0.1:5001 ... 500N,
#                                    each with Database:Provider=PostgreSql, Jobs:Store=PostgreSql,
#                                    DataProtection:Store=Database and Notifications:Redis; waits until each answers
#                                    /health and prints the URLs
#   scripts/instances.sh stop        stops the instances this script started (their process ids are in the state folder)
#
# Settings, from the environment:
#   GAMIFICATION_POSTGRES   the database's connection string (required), e.g.
#                           "Host=127.0.0.1;Port=5432;Username=postgres;Database=gamification"
#   GAMIFICATION_REDIS      Redis as host:port (required), e.g. 127.0.0.1:6379
#   GAMIFICATION_APP        the built app (default: Gamification.Web/bin/Release, else Debug, /net10.0/Gamification.Web.dll;
#                           build it with dotnet build -c Release Gamification.Web)
#   GAMIFICATION_INSTANCES_DIR   where the process ids and each instance's log go (default /tmp/gamification-instances)
#   GAMIFICATION_BASE_PORT  the first instance's port minus one (default 5000: instances on 5001, 5002, ...)
# Every other setting of appsettings.json can be given the usual way, e.g. Seed__Demo=false or Jobs__Enabled=false.
#
# With scripts/services.sh's servers (the tests' throwaway PostgreSQL and Redis):
#   eval "$(scripts/services.sh start)"
#   GAMIFICATION_POSTGRES="${GAMIFICATION_TEST_POSTGRES/Database=postgres/Database=gamification}" \
#     GAMIFICATION_REDIS="$GAMIFICATION_TEST_REDIS" scripts/instances.sh start 2
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${GAMIFICATION_INSTANCES_DIR:-/tmp/gamification-instances}
BASE_PORT=${GAMIFICATION_BASE_PORT:-5000}

say() { echo "instances: $*" >&2; }
fail() { echo "instances: $*" >&2; exit 1; }

find_app() {
  if [ -n "${GAMIFICATION_APP:-}" ]; then echo "$GAMIFICATION_APP"; return; fi
  for configuration in Release Debug; do
    local dll="$ROOT/Gamification.Web/bin/$configuration/net10.0/Gamification.Web.dll"
    if [ -f "$dll" ]; then echo "$dll"; return; fi
  done
  fail "no built app: run dotnet build -c Release Gamification.Web first, or set GAMIFICATION_APP."
}

wait_healthy() {
  local url=$1 pid=$2 log=$3 attempt
  for attempt in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2
      fail "the instance on $url stopped (its log: $log)."
    fi
    if curl -fsS -o /dev/null "$url/health" 2>/dev/null; then return; fi
    sleep 0.5
  done
  tail -n 30 "$log" >&2
  fail "the instance on $url did not answer /health within 2 minutes (its log: $log)."
}

start_one() {
  local app=$1 number=$2 port=$((BASE_PORT + $2)) url log pid
  url="http://127.0.0.1:$port"
  log="$STATE/instance-$number.log"
  (
    cd "$(dirname "$app")"
    ASPNETCORE_URLS="$url" \
      Database__Provider=PostgreSql \
      Database__ConnectionString="$GAMIFICATION_POSTGRES" \
      Database__MigrateOnStart=true \
      Jobs__Store=PostgreSql \
      DataProtection__Store=Database \
      Notifications__Redis="$GAMIFICATION_REDIS" \
      exec dotnet "$app" >"$log" 2>&1
  ) &
  pid=$!
  echo "$pid" >"$STATE/instance-$number.pid"
  wait_healthy "$url" "$pid" "$log"
  echo "$url"
}

start() {
  local count=${1:-3} app number
  [[ "$count" =~ ^[1-9][0-9]*$ ]] || fail "the number of instances is a positive number, not '$count'."
  [ -n "${GAMIFICATION_POSTGRES:-}" ] || fail "GAMIFICATION_POSTGRES (the database's connection string) is not set."
  [ -n "${GAMIFICATION_REDIS:-}" ] || fail "GAMIFICATION_REDIS (Redis as host:port) is not set."
  command -v curl >/dev/null || fail "curl is needed to wait for /health."
  app=$(find_app)
  mkdir -p "$STATE"
  if compgen -G "$STATE/instance-*.pid" >/dev/null; then
    fail "instances of an earlier start are recorded in $STATE: run scripts/instances.sh stop first."
  fi
  # The first migrates the database and seeds it; the others start once it is healthy.
  for number in $(seq 1 "$count"); do
    say "starting instance $number on port $((BASE_PORT + number)) (log: $STATE/instance-$number.log)"
    start_one "$app" "$number"
  done
  say "$count instance(s) up; stop them with: scripts/instances.sh stop"
}

stop() {
  local file pid stopped=0
  for file in "$STATE"/instance-*.pid; do
    [ -e "$file" ] || continue
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      stopped=$((stopped + 1))
    fi
    rm -f "$file"
  done
  say "stopped $stopped instance(s)."
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: scripts/instances.sh start [N] | stop" >&2; exit 2 ;;
esac
