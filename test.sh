#!/usr/bin/env bash
# Runs every test: unit, component, integration and browser, and the database tests a second time on PostgreSQL, with
# the scale-out tests (several instances on Redis) among them, then the tests timed against the real clock alone. Installs what they need (Debian's chromium, postgresql and redis-server). Ends with the plain
# line "N passed, N failed".
#   --fast  only the unit and component (bUnit) tests: no browser, no PostgreSQL, no app host or process (the
#           integration tests carry the trait Kind=Integration). For the edit-test loop; CI runs everything.
set -uo pipefail
cd "$(dirname "$0")"

fast=0
for argument in "$@"; do
  case "$argument" in
    --fast) fast=1 ;;
    *) echo "Usage: $0 [--fast]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The runtime's profile-guided optimisation instruments hot code to compile it again, better, later: in test processes
# and app processes that live seconds to minutes that work is seldom paid back, and the runs are bound by the processor.
# Off (measured on the SQLite run: 152 to 97-122 CPU seconds), except for the timed run, which measures the app as it
# runs in production.
export DOTNET_TieredPGO=0

# Reads the counters of every TRX report under $1 and prints the plain line "N passed, N failed" (N failed counts $2 more).
report() {
  local passed=0 failed=$2 trx counters p f
  while IFS= read -r trx; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done < <(find "$1" -name '*.trx')
  echo "$passed passed, $failed failed"
}

if [ "$fast" -eq 1 ]; then
  results="$(pwd)/TestResults/fast"
  rm -rf "$results"
  dotnet build tests/Dashboard.Tests -c Release --nologo -v quiet -p:UseSharedCompilation=true || { echo "0 passed, 1 failed"; exit 1; }
  dotnet test --project tests/Dashboard.Tests -c Release --no-build -- --filter-not-trait "Kind=Integration" \
    --report-xunit-trx --results-directory "$results"
  status=$?
  extra=0
  [ "$status" -ne 0 ] && ! grep -qs 'failed="[1-9]' "$results"/*.trx && extra=1
  report "$results" "$extra"
  exit "$status"
fi

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    $sudo_cmd apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt_install chromium fonts-dejavu-core
fi

# PostgreSQL: a throwaway cluster in a temp folder, on a loopback port, stopped and deleted on exit.
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
pg_bin=$(postgres_bin)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "Installing Debian's postgresql for the database tests..."
  apt_install postgresql
  pg_bin=$(postgres_bin)
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing Debian's redis-server for the scale-out tests..."
  apt_install redis-server
fi

pg_dir=""
pg_port=""
pg_error=""
redis_dir=""
redis_port=""
redis_error=""
# PostgreSQL refuses to run as root: then the cluster belongs to the postgres user Debian's package creates.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
stop_postgres() {
  if [ -n "$pg_dir" ]; then
    [ -n "$pg_port" ] && as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}
# Redis: a throwaway server in a temp folder, on a loopback port, nothing written to disk, stopped and deleted on exit.
stop_redis() {
  if [ -n "$redis_dir" ]; then
    [ -f "$redis_dir/redis.pid" ] && kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null
    for _ in $(seq 1 50); do
      [ -f "$redis_dir/redis.pid" ] && kill -0 "$(cat "$redis_dir/redis.pid")" 2>/dev/null || break
      sleep 0.1
    done
    rm -rf "$redis_dir"
  fi
}
trap 'stop_postgres; stop_redis' EXIT
trap 'exit 130' INT TERM
start_redis() {
  command -v redis-server >/dev/null 2>&1 || { redis_error="redis-server is missing and could not be installed."; return 1; }
  redis_dir=$(mktemp -d /tmp/dashboard-redis.XXXXXX) || { redis_error="No temp folder for Redis."; return 1; }
  local port
  # 56379 unless taken (another checkout running its tests): then the next free one.
  for port in $(seq 56379 56409); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    redis-server --bind 127.0.0.1 --port "$port" --dir "$redis_dir" --save "" --appendonly no --daemonize yes \
      --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/server.log" >/dev/null 2>&1 || continue
    for _ in $(seq 1 50); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        redis_port=$port
        return 0
      fi
      sleep 0.1
    done
    stop_redis
    redis_dir=$(mktemp -d /tmp/dashboard-redis.XXXXXX) || { redis_error="No temp folder for Redis."; return 1; }
  done
  redis_error="Redis did not start: $(tail -n 3 "$redis_dir/server.log" 2>/dev/null)"
  return 1
}
start_postgres() {
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || { pg_error="PostgreSQL's server binaries are missing and could not be installed."; return 1; }
  pg_dir=$(mktemp -d /tmp/dashboard-postgres.XXXXXX) || { pg_error="No temp folder for PostgreSQL."; return 1; }
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$pg_dir" || { pg_error="No postgres user to run PostgreSQL as (root may not)."; return 1; }
  fi
  as_postgres "$pg_bin/initdb" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync -D "$pg_dir/data" >"$pg_dir/initdb.log" 2>&1 \
    || { pg_error="initdb failed: $(tail -n 3 "$pg_dir/initdb.log")"; return 1; }
  # 55432 unless taken (another checkout running its tests): then the next free one. No durability: it is deleted anyway.
  local port
  for port in $(seq 55432 55462); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      pg_port=$port
      break
    fi
  done
  [ -n "$pg_port" ] || { pg_error="PostgreSQL did not start: $(tail -n 3 "$pg_dir/server.log" 2>/dev/null)"; return 1; }
  for _ in $(seq 1 50); do
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && return 0
    sleep 0.2
  done
  pg_error="PostgreSQL started but never answered pg_isready on 127.0.0.1:$pg_port."
  return 1
}

# PostgreSQL and Redis first, so that they are up when the tests start.
postgres_failed=0
redis_failed=0
redis_address=""
if start_redis; then
  redis_address="127.0.0.1:$redis_port"
else
  echo "Redis could not be set up, so the scale-out tests will not run on it: $redis_error"
  redis_failed=1
fi
if ! start_postgres; then
  echo "PostgreSQL could not be set up, so the database tests will not run on it: $pg_error"
  postgres_failed=1
fi

# How long each step took, printed as "Took: STEP N s" (bench/Dashboard.Bench suite reads them).
step_started=$SECONDS
# One compiler process for every project (an environment may turn it off: each project's compiler then starts cold).
dotnet build Dashboard.sln -c Release --nologo -v quiet -p:UseSharedCompilation=true || { echo "0 passed, 1 failed"; exit 1; }
echo "Took: restore and build $((SECONDS - step_started)) s"
# One run and one results folder per test run: reports of a shared folder are named by timestamp and two started in the
# same instant could overwrite each other, silently dropping a run from the count.
results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"
status=0
[ "$postgres_failed" -ne 0 ] || [ "$redis_failed" -ne 0 ] && status=1
# The browser run, the SQLite run and the timed run; the PostgreSQL run too if its server is up.
expected_reports=3
# DASHBOARD_TEST_CLASSES="NameTests OtherTests": every run keeps to these test classes (simple names), to time or try a
# part of the suite with everything it needs; a run left with none of them is no failure.
class_filter=()
for class in ${DASHBOARD_TEST_CLASSES:-}; do
  class_filter+=(--filter-class "*.$class")
done
[ "${#class_filter[@]}" -gt 0 ] && class_filter+=(--ignore-exit-code 8)
# run_tests NAME PROJECT [OPTIONS...]: one project's tests, reported in $results/NAME; the output is shown as it comes
# and kept in $results/NAME.log.
run_tests() {
  local name=$1 project=$2 started=$SECONDS
  shift 2
  dotnet test --project "$project" -c Release --no-build -- --report-xunit-trx --results-directory "$results/$name" "$@" \
    "${class_filter[@]}" 2>&1 | tee "$results/$name.log" || status=1
  echo "Took: $name $((SECONDS - started)) s"
}

# One run after another: the browser tests; every other test on SQLite; the database tests (trait Database=Postgres)
# again on PostgreSQL, where each test makes and drops its own database, with the scale-out tests (several instances
# need PostgreSQL) on the Redis server started here; last, alone, the tests that time the app against the real clock
# (trait Kind=Timed). Tried: the browser tests beside the database runs. On two cores the runs are bound by the
# processor, so that took as long in all (8 min 01 s from a clean clone, against 7 min 45 s one after another) and put
# every test that waits on an app process under twice the load.
run_tests Dashboard.BrowserTests tests/Dashboard.BrowserTests
run_tests Dashboard.Tests tests/Dashboard.Tests --filter-not-trait "Kind=Timed"
if [ "$postgres_failed" -eq 0 ]; then
  expected_reports=$((expected_reports + 1))
  DASHBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres" DASHBOARD_TEST_REDIS="$redis_address" \
    run_tests Dashboard.Tests-Postgres tests/Dashboard.Tests --filter-trait "Database=Postgres"
fi
stop_postgres
pg_dir=""
stop_redis
redis_dir=""

DOTNET_TieredPGO=1 run_tests Dashboard.Tests-Timed tests/Dashboard.Tests --filter-trait "Kind=Timed"

passed=0
failed=0
reports=0
while IFS= read -r trx; do
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done < <(find "$results" -name '*.trx')

failed=$((failed + postgres_failed + redis_failed))
if [ "$reports" -ne "$expected_reports" ]; then
  echo "Expected a test report from each test run (browser, SQLite, PostgreSQL, timed: $expected_reports), found $reports."
  failed=$((failed + 1))
  [ "$status" -eq 0 ] && status=1
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test (a crash, a build problem): count it, never report a clean run.
  failed=1
fi
echo "Took: all $SECONDS s"
echo "$passed passed, $failed failed"
exit "$status"
