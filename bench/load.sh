#!/usr/bin/env bash
# Load test with wrk against a Release build on 127.0.0.1, a fresh temp database each run (SQLite;
# or a fresh schema in the PostgreSQL database HOUSING_BENCH_POSTGRES names).
# Measures, in one run: a trivial endpoint (GET /health/live), GET /v1/availability?limit=50
# and POST /v1/matches (a scenario-1 search) as a case manager, and
# PUT /v1/programs/{id}/availability as a shelter. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"        # per endpoint
WARMUP="${WARMUP:-3s}"             # per endpoint, before measuring (JIT, caches); not reported
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
PROGRAMS="${PROGRAMS:-150}"
MATCH_VARIANTS="${MATCH_VARIANTS:-}" # set: also POST /v1/matches with limit 1 and with explain=true
ONLY="${ONLY:-live list match put}" # which endpoints: live, list, match, put (the availability PUT)

BENCH=load
BENCH_TOOLS="curl jq dotnet"

# shellcheck source=bench/lib.sh
source bench/lib.sh

step "Creating $PROGRAMS programs"
programs_file="$work/programs.txt"
: >"$programs_file"
for i in $(seq 1 "$PROGRAMS"); do
  if ((i % 2)); then kind=emergency; else kind=transitional; fi
  # A third serve single adults only, a third families only, a third both.
  adults=0; families=0
  case $((i % 3)) in
    0) adults=$((10 + i % 40)) ;;
    1) families=$((6 + i % 20)) ;;
    2) adults=$((10 + i % 40)); families=$((6 + i % 20)) ;;
  esac
  inventory=()
  ((adults > 0)) && inventory+=("{\"householdType\":\"adults_only\",\"beds\":$adults,\"units\":$((adults / 2)),\"startDate\":\"2024-01-01\"}")
  ((families > 0)) && inventory+=("{\"householdType\":\"adults_with_children\",\"beds\":$families,\"units\":$((families / 2)),\"startDate\":\"2024-01-01\"}")
  body="$(jq -cn --arg org "$org_id" --arg name "Bench program $i" --arg kind "$kind" --argjson i "$i" \
    --argjson inventory "[$(IFS=,; echo "${inventory[*]}")]" '{
      organizationId: $org, name: $name, kind: $kind, region: "spa-\(1 + $i % 8)",
      location: {latitude: (34 + ($i % 50) / 100), longitude: (-118.5 + ($i % 60) / 100)},
      intakeContact: {phone: "+1 213 555 0100", hours: "24/7"},
      inventory: $inventory,
      eligibility: {languages: ["en", "es"]}
    }')"
  id="$(api POST /v1/programs "$shelter_key" "$body" | jq -r .id)"
  echo "$id $adults $families" >>"$programs_file"
  counts=()
  ((adults > 0)) && counts+=("{\"householdType\":\"adults_only\",\"beds\":$((adults / 3))}")
  ((families > 0)) && counts+=("{\"householdType\":\"adults_with_children\",\"beds\":$((families / 3))}")
  api PUT "/v1/programs/$id/availability" "$shelter_key" "{\"counts\":[$(IFS=,; echo "${counts[*]}")]}" >/dev/null
done
echo "$(wc -l <"$programs_file") programs, each with availability" >&2

export BENCH_PROGRAMS="$programs_file" BENCH_SHELTER_KEY="$shelter_key"
put_script="$PWD/bench/put-availability.lua"
export BENCH_CASE_MANAGER_KEY="$case_manager_key" BENCH_MATCH_BODY="$PWD/bench/match-scenario1.json"
match_script="$PWD/bench/post-match.lua"

# The search must be a real one: some programs matched, most excluded for a reason.
match_summary="$(api POST /v1/matches "$case_manager_key" "$(cat "$BENCH_MATCH_BODY")" \
  | jq -r '"\(.matches | length) returned; \(.summary)"')"
echo "POST /v1/matches: $match_summary" >&2

run_wrk() { # duration url [extra wrk args...]
  local duration="$1" url="$2"; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency "$@" "$url"
}

server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; } # user + system, in clock ticks

declare -A rps p50 p99 bad errors cpu
measure() { # name url [extra wrk args...]
  local name="$1" url="$2"; shift 2
  step "$name: warm-up $WARMUP, then $DURATION with $THREADS threads, $CONNECTIONS connections"
  run_wrk "$WARMUP" "$url" "$@" >/dev/null
  local out ticks
  ticks="$(server_cpu_ticks)"
  out="$(run_wrk "$DURATION" "$url" "$@")"
  ticks=$(($(server_cpu_ticks) - ticks))
  echo "$out" >&2
  rps[$name]="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50[$name]="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99[$name]="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  bad[$name]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"; bad[$name]="${bad[$name]:-0}"
  errors[$name]="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")"; errors[$name]="${errors[$name]:-0}"
  # The server's CPU per request: what a request costs, whatever else shares the machine.
  local requests
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  cpu[$name]="$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.0f", t / hz / n * 1e6; else print "-" }')"
}

only() { [[ " $ONLY " == *" $1 "* ]]; }
names=()
only live && { names+=("GET /health/live"); measure "GET /health/live" "$base/health/live"; }
only list && { names+=("GET /v1/availability?limit=50"); measure "GET /v1/availability?limit=50" "$base/v1/availability?limit=50" -H "X-Api-Key: $case_manager_key"; }
if only match; then
  names+=("POST /v1/matches (scenario 1)")
  measure "POST /v1/matches (scenario 1)" "$base/v1/matches" -s "$match_script"
  if [[ -n "$MATCH_VARIANTS" ]]; then
    # Where a search's time goes: fewer matches to describe and serialise, or every program explained.
    names+=("POST /v1/matches limit=1" "POST /v1/matches?explain=true")
    BENCH_MATCH_LIMIT=1 measure "POST /v1/matches limit=1" "$base/v1/matches" -s "$match_script"
    measure "POST /v1/matches?explain=true" "$base/v1/matches?explain=true" -s "$match_script"
  fi
fi
# Last: each PUT appends a snapshot and changes the catalog, so searches after it would pay for index rebuilds.
only put && { names+=("PUT /v1/programs/{id}/availability"); measure "PUT /v1/programs/{id}/availability" "$base/v1/programs/x/availability" -s "$put_script"; }

snapshots="$(sql 'SELECT COUNT(*) FROM availability_snapshots;' 2>/dev/null || echo '?')"

step "Summary ($engine, $DURATION each, -t$THREADS -c$CONNECTIONS, $(nproc) cores, $PROGRAMS programs; $snapshots snapshots at the end)"
printf '%-38s %12s %10s %10s %8s %8s %10s %12s\n' endpoint "requests/s" p50 p99 non-2xx "sock err" "vs trivial" "CPU µs/req"
trivial="${rps[GET /health/live]:-0}"
for name in "${names[@]}"; do
  ratio="$(awk -v a="${rps[$name]}" -v b="$trivial" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')"
  printf '%-38s %12s %10s %10s %8s %8s %10s %12s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${bad[$name]}" "${errors[$name]}" "$ratio" "${cpu[$name]}"
done
