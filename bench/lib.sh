# shellcheck shell=bash
# Shared by load.sh, holds.sh and mix.sh. Before sourcing, set BENCH (a name for the temp directory
# and messages), BENCH_TOOLS (commands the script needs besides wrk) and, optionally, SERVER_ENV
# (extra app settings as NAME=value words) and SEED=1 (the demo county, see below).
# Installs wrk if missing, checks the tools, makes $work (removed on exit unless KEEP is set),
# builds Release, starts the app on a free 127.0.0.1 port with a fresh database and key ring in
# $work and a random bootstrap admin key, waits until it is ready, and creates a provider, an
# agency, a shelter key and a case manager key. The database is a SQLite file in $work, or, with
# HOUSING_BENCH_POSTGRES set (an Npgsql connection string, such as HOUSING_TEST_POSTGRES), a
# fresh schema bench_<random> in that database, made with psql and dropped on exit unless KEEP is set.
# With SEED=1, first runs the app's `seed` command on that database (the demo county: about 150
# programs across Los Angeles County's eight SPAs, posted, and one demo key per role), keeps what
# it printed in $work/seed.txt (with SEED_PROGRAMS=N, `seed --programs N`: the county repeated with
# further seeds to at least N programs) and sets demo_admin_key, demo_case_manager_key, demo_shelter_key
# (bound to the demo shelter organisation) and demo_shelter_program_id.
# Sets: work, dll, admin_key, server_pid, base, org_id, agency_id, shelter_key, case_manager_key,
# engine (sqlite or postgres), schema (postgres); defines step(), api() and sql() (runs a query on
# the run's database, prints rows with fields separated by spaces). A script may add the pids of
# helpers it starts in the background to bench_pids: they are stopped on exit.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n==> %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  step "Installing wrk"
  sudo=""
  if ((EUID != 0)); then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
for tool in ${BENCH_TOOLS:-}; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$BENCH.sh needs $tool" >&2; exit 1; }
done

work="$(mktemp -d "/tmp/housing-$BENCH.XXXXXX")"
server_pid=""
bench_pids=""
engine=sqlite
schema=""
if [[ -n "${HOUSING_BENCH_POSTGRES:-}" ]]; then
  engine=postgres
  command -v psql >/dev/null 2>&1 || { echo "$BENCH.sh on PostgreSQL needs psql" >&2; exit 1; }
  # psql reads the server from PG* variables, taken from the Npgsql connection string's keys.
  while IFS='=' read -r key value; do
    case "$(tr '[:upper:]' '[:lower:]' <<<"${key// /}")" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
    esac
  done < <(tr ';' '\n' <<<"$HOUSING_BENCH_POSTGRES")
  schema="bench_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
fi
sql() { # query -> rows, fields separated by spaces
  if [[ "$engine" == postgres ]]; then
    PGOPTIONS="-c search_path=$schema" psql -X -q -At -F ' ' -v ON_ERROR_STOP=1 -c "$1"
  else
    python3 -c 'import sqlite3, sys
for row in sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30).execute(sys.argv[2]):
    print(" ".join("" if v is None else str(v) for v in row))' "$work/housing.db" "$1"
  fi
}
cleanup() {
  for pid in $bench_pids; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [[ -n "${KEEP:-}" ]]; then
    echo "kept $work${schema:+ and schema $schema}" >&2
  else
    rm -rf "$work"
    if [[ -n "$schema" ]]; then psql -X -q -c "DROP SCHEMA IF EXISTS $schema CASCADE;" >/dev/null 2>&1 || true; fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "Building Release"
dotnet build src/Housing.Api/Housing.Api.csproj -c Release -nologo -v q -clp:NoSummary >&2
dll="src/Housing.Api/bin/Release/net10.0/Housing.Api.dll"

if [[ "$engine" == postgres ]]; then
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $schema;"
  database_env=(Database__Provider=postgres "ConnectionStrings__Housing=$HOUSING_BENCH_POSTGRES;Search Path=$schema")
  database_name="PostgreSQL $PGHOST:${PGPORT:-5432}/$PGDATABASE, schema $schema"
else
  database_env=(Database__Provider=sqlite "ConnectionStrings__Housing=Data Source=$work/housing.db")
  database_name="$work/housing.db"
fi
admin_key="bench-admin-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# The key ring that seals stored secrets goes with the temp database, not into ./keys.
app_env=(HOUSING_BOOTSTRAP_ADMIN_KEY="$admin_key"
  "${database_env[@]}"
  DataProtection__KeysPath="$work/keys"
  ASPNETCORE_ENVIRONMENT=Production
  RateLimits__PerKeyPerSecond=1000000 RateLimits__PerKeyBurst=1000000) # one key drives the whole load: lift its limit
# (RateLimitOptions' names, at their most; the tests lift the same in tests/Housing.Api.Tests/Infrastructure/LiftedRateLimits.cs)

if [[ -n "${SEED:-}" ]]; then
  step "Seeding the demo county into $database_name"
  # shellcheck disable=SC2086 # SERVER_ENV is NAME=value words
  env "${app_env[@]}" ${SERVER_ENV:-} dotnet "$dll" seed ${SEED_PROGRAMS:+--programs "$SEED_PROGRAMS"} >"$work/seed.txt" 2>&1 </dev/null \
    || { cat "$work/seed.txt" >&2; echo "the app's seed command failed" >&2; exit 1; }
  demo_export() { sed -n "s/^export $1=//p" "$work/seed.txt" | tail -1; }
  demo_admin_key="$(demo_export ADMIN_KEY)"
  demo_case_manager_key="$(demo_export CASE_MANAGER_KEY)"
  demo_shelter_key="$(demo_export SHELTER_KEY)"
  demo_shelter_program_id="$(demo_export SHELTER_PROGRAM_ID)"
  if [[ -z "$demo_admin_key" || -z "$demo_case_manager_key" || -z "$demo_shelter_key" || -z "$demo_shelter_program_id" ]]; then
    cat "$work/seed.txt" >&2; echo "seed printed no ADMIN_KEY, CASE_MANAGER_KEY, SHELTER_KEY or SHELTER_PROGRAM_ID" >&2; exit 1
  fi
  grep -A2 "^  Seeded" "$work/seed.txt" >&2 || true
fi

step "Starting the app on a free 127.0.0.1 port ($database_name; log in $work)"
# Port 0: Kestrel picks a free port and logs it. Logging stays as configured (one line per request).
# shellcheck disable=SC2086 # SERVER_ENV is NAME=value words
env "${app_env[@]}" ${SERVER_ENV:-} \
  dotnet "$dll" --urls "http://127.0.0.1:0" >"$work/server.log" 2>&1 </dev/null &
server_pid=$!

base=""
for _ in $(seq 1 300); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "the app exited" >&2; exit 1; }
  base="$(grep -o 'Now listening on: http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -1 | sed 's/Now listening on: //')" || true
  if [[ -n "$base" ]] && curl -sf --max-time 2 "$base/health/ready" >/dev/null; then break; fi
  base=""; sleep 0.2
done
[[ -n "$base" ]] || { echo "the app did not become ready in 60 s" >&2; exit 1; }
echo "app at $base (pid $server_pid)" >&2

api() { # method path key [body] -> response body; fails on non-2xx
  local method="$1" path="$2" key="$3" body="${4:-}"
  curl -sS --fail-with-body --max-time 10 -X "$method" "$base$path" \
    -H "X-Api-Key: $key" -H 'Content-Type: application/json' ${body:+--data "$body"}
}

step "Creating a provider, an agency, a shelter key and a case manager key"
org_id="$(api POST /v1/organizations "$admin_key" '{"name":"Bench Shelters","type":"provider","region":"spa-4","phone":"+1 213 555 0100"}' | jq -r .id)"
agency_id="$(api POST /v1/organizations "$admin_key" '{"name":"Bench Agency","type":"agency","region":"spa-4"}' | jq -r .id)"
shelter_key="$(api POST /v1/api-keys "$admin_key" "{\"role\":\"shelter\",\"organizationId\":\"$org_id\",\"label\":\"bench shelter\"}" | jq -r .key)"
case_manager_key="$(api POST /v1/api-keys "$admin_key" "{\"role\":\"case_manager\",\"organizationId\":\"$agency_id\",\"label\":\"bench case manager\"}" | jq -r .key)"
