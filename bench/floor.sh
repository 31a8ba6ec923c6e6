#!/usr/bin/env bash
# How close a search through HTTP is to the floor: ASP.NET Core's minimal API with nothing of the
# service's (bench/Floor), answering the same request with the same bytes. In one run, each after
# a warm-up, with the same wrk threads and connections: the floor's trivial GET and the service's
# GET /health/live; the floor's POST /search and the service's POST /v1/matches (scenario 1,
# limit 20, on the demo county repeated to PROGRAMS programs, 10,000 by default), whose answer the
# floor serves back. Prints requests/s, p50, p99
# and the two ratios issue 21 sets targets for (a search at least 30% of the floor's; /health/live
# at least 60% of the bare trivial endpoint). See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"      # measured time per endpoint
WARMUP="${WARMUP:-5s}"           # unreported run of each before it
THREADS="${THREADS:-2}"          # wrk threads (-t)
CONNECTIONS="${CONNECTIONS:-32}" # open connections (-c)
MATCH_BODY="${MATCH_BODY:-bench/match-scenario1.json}" # the search both answer
PROGRAMS="${PROGRAMS:-10000}"    # the catalog's size: the demo county and copies of it with further seeds

BENCH=floor
BENCH_TOOLS="curl jq dotnet ss"
SEED=1
SEED_PROGRAMS="$PROGRAMS"
# shellcheck source=bench/lib.sh
source bench/lib.sh

step "Building and starting the floor (bench/Floor, Release)"
dotnet build bench/Floor/Floor.csproj -c Release -nologo -v q -clp:NoSummary >&2
api POST /v1/matches "$demo_case_manager_key" "$(cat "$MATCH_BODY")" >"$work/answer.json"
echo "the service's answer to $MATCH_BODY: $(wc -c <"$work/answer.json") bytes, $(jq '.matches | length' "$work/answer.json") matches" >&2
FLOOR_ANSWER="$work/answer.json" ASPNETCORE_ENVIRONMENT=Production \
  dotnet bench/Floor/bin/Release/net10.0/Floor.dll --urls "http://127.0.0.1:0" >"$work/floor.log" 2>&1 </dev/null &
floor_pid=$!
bench_pids="$floor_pid"
floor=""
for _ in $(seq 1 100); do
  kill -0 "$floor_pid" 2>/dev/null || { cat "$work/floor.log" >&2; echo "the floor exited" >&2; exit 1; }
  # No logging in the floor: ask Kestrel's port of the process itself.
  port="$(ss -ltnpH 2>/dev/null | awk -v pid="pid=$floor_pid," '$0 ~ pid { sub(/.*:/, "", $4); print $4; exit }')" || true
  if [[ -n "$port" ]] && curl -sf --max-time 2 "http://127.0.0.1:$port/trivial" >/dev/null; then floor="http://127.0.0.1:$port"; break; fi
  sleep 0.2
done
[[ -n "$floor" ]] || { echo "the floor did not answer in 20 s" >&2; exit 1; }
floor_answer="$(curl -sf -X POST "$floor/search" -H 'Content-Type: application/json' --data @"$MATCH_BODY" | wc -c)"
echo "floor at $floor (pid $floor_pid), its answer $floor_answer bytes" >&2

declare -A rps p50 p99 bad
measure() { # name url [extra wrk args...]
  local name="$1" url="$2"; shift 2
  step "$name: warm-up $WARMUP, then $DURATION, -t$THREADS -c$CONNECTIONS"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s "$@" "$url" >/dev/null
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$@" "$url")"
  echo "$out" >&2
  rps[$name]="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50[$name]="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99[$name]="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  bad[$name]="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
}

export BENCH_CASE_MANAGER_KEY="$demo_case_manager_key" BENCH_MATCH_BODY="$MATCH_BODY"
measure "floor GET /trivial" "$floor/trivial"
measure "service GET /health/live" "$base/health/live"
measure "floor POST /search" "$floor/search" -s bench/post-match.lua
measure "service POST /v1/matches" "$base/v1/matches" -s bench/post-match.lua

status=0
step "Summary ($DURATION each, -t$THREADS -c$CONNECTIONS, $(nproc) cores; load $(uptime | sed 's/.*load average: //'))"
printf '%-28s %12s %10s %10s %8s\n' endpoint "requests/s" p50 p99 non-2xx
for name in "floor GET /trivial" "service GET /health/live" "floor POST /search" "service POST /v1/matches"; do
  printf '%-28s %12s %10s %10s %8s\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${bad[$name]:-0}"
  if [[ -n "${bad[$name]:-}" ]]; then status=1; fi
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo "search / floor search:   $(ratio "${rps[service POST /v1/matches]}" "${rps[floor POST /search]}") (target at least 0.30)"
echo "live / floor trivial:    $(ratio "${rps[service GET /health/live]}" "${rps[floor GET /trivial]}") (target at least 0.60)"
if ((status != 0)); then echo "FAIL: non-2xx answers above"; fi
exit "$status"
