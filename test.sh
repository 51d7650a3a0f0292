#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing (Debian's Chromium for the browser
# tests, Playwright never downloads a browser; Debian's PostgreSQL for the engine's tests on a server; Debian's Redis
# for the live updates across instances), starts PostgreSQL and Redis on loopback in a throwaway folder
# (scripts/services.sh) and stops them at the end, runs dotnet test and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian's packages for the browser tests..."
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium (apt-get install -y chromium); the browser tests need it." >&2; exit 1; }
fi

# PostgreSQL for the tests that run on each database, and Redis for the live updates across app instances: servers of
# this run's own (their own data folder and ports on 127.0.0.1), stopped and deleted when this script ends, whatever
# the outcome. Servers you started yourself (GAMIFICATION_TEST_POSTGRES and GAMIFICATION_TEST_REDIS already set) are
# used as they are; when only one is set, the other comes from scripts/services.sh.
if [ -z "${GAMIFICATION_TEST_POSTGRES:-}" ] || [ -z "${GAMIFICATION_TEST_REDIS:-}" ]; then
  given_postgres=${GAMIFICATION_TEST_POSTGRES:-}
  given_redis=${GAMIFICATION_TEST_REDIS:-}
  services=$(scripts/services.sh start) || { echo "Could not start PostgreSQL and Redis for the tests (scripts/services.sh start)." >&2; exit 1; }
  eval "$services"
  trap 'scripts/services.sh stop "$GAMIFICATION_SERVICES_DIR"' EXIT
  trap 'exit 130' INT TERM
  GAMIFICATION_TEST_POSTGRES=${given_postgres:-$GAMIFICATION_TEST_POSTGRES}
  GAMIFICATION_TEST_REDIS=${given_redis:-$GAMIFICATION_TEST_REDIS}
fi
export GAMIFICATION_TEST_POSTGRES GAMIFICATION_TEST_REDIS

log=$(mktemp)
dotnet test Gamification.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary line per test project: "Passed!  - Failed: 0, Passed: 139, Skipped: 0, ..."
count() { grep -E '^(Passed|Failed)! ' "$log" | grep -Eo "$1: +[0-9]+" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -eq 0 ] && [ "${passed:-0}" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
