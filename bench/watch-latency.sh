#!/usr/bin/env bash
# End to end on the demo county: from the acknowledged availability PUT that opens a bed to the
# watch.matched webhook arriving at a local receiver, with 1,000 live watches and a search and
# post load running beside it. The county is first made full (every count 0), then each sample
# opens beds at one emergency program, waits for the webhook, and fills the program again.
# Reports the latency's percentiles next to the PUT's own (the floor: what the post costs before
# anything reacts). Fails if any sample got no webhook within TIMEOUT. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

WATCHES="${WATCHES:-1000}"           # live watches, all hold mode, none fitting anything at the start
SAMPLES="${SAMPLES:-100}"            # beds opened one after another
TIMEOUT="${TIMEOUT:-5}"              # seconds a sample waits for its webhook before it counts as lost
LOAD_CONNECTIONS="${LOAD_CONNECTIONS:-8}" # wrk connections searching (scenario 1), and half as many posting, while sampling; 0: no load
LOAD_PROGRAMS="${LOAD_PROGRAMS:-40}" # transitional programs the background posts go to: every post re-checks every watch, none fits

BENCH=watch-latency
BENCH_TOOLS="curl jq dotnet python3"
SEED=1
SERVER_ENV="Watches__MaxLivePerCaseManager=$WATCHES Referrals__MaxHeldPerCaseManager=1000 Webhooks__AllowHttp=true Webhooks__AllowPrivateNetworks=true${SERVER_ENV:+ $SERVER_ENV}"
load_before="$(uptime)"

# shellcheck source=bench/lib.sh
source bench/lib.sh

step "Starting a webhook receiver"
python3 - "$work/receiver.port" "$work/received.log" <<'PY' &
import http.server, json, sys, time
out = open(sys.argv[2], "a", buffering=1)
class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        at = time.time()
        try:
            event = json.loads(body)
        except ValueError:
            event = {}
        if event.get("type") == "watch.matched":
            out.write(f"{at:.6f} {event['data']['programId']} {event['data']['watchId']}\n")
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_port))
server.serve_forever()
PY
bench_pids="$bench_pids $!"
for _ in $(seq 1 50); do [[ -s "$work/receiver.port" ]] && break; sleep 0.1; done
receiver="http://127.0.0.1:$(cat "$work/receiver.port")/agency"
api PUT "/v1/organizations/$agency_id/webhook" "$case_manager_key" \
  "{\"url\":\"$receiver\",\"secret\":\"bench-secret-0123456789abcdef0123456789abcdef\"}" >/dev/null

step "Creating $LOAD_PROGRAMS transitional programs for the background posts"
programs_file="$work/programs.txt"
: >"$programs_file"
for i in $(seq 1 "$LOAD_PROGRAMS"); do
  body="$(jq -cn --arg org "$org_id" --arg name "Bench transitional $i" --argjson i "$i" '{
      organizationId: $org, name: $name, kind: "transitional", region: "spa-\(1 + $i % 8)",
      location: {latitude: (34 + ($i % 50) / 100), longitude: (-118.5 + ($i % 60) / 100)},
      intakeContact: {phone: "+1 213 555 0100", hours: "24/7"},
      inventory: [{householdType: "adults_only", beds: 20, units: 10, startDate: "2024-01-01"},
                  {householdType: "adults_with_children", beds: 12, units: 6, startDate: "2024-01-01"}],
      eligibility: {languages: ["en", "es"]}
    }')"
  id="$(api POST /v1/programs "$shelter_key" "$body" | jq -r .id)"
  echo "$id 20 12" >>"$programs_file"
done

export BASE="$base" ADMIN_KEY="$admin_key" CASE_MANAGER_KEY="$case_manager_key" WATCHES SAMPLES TIMEOUT
export RECEIVED="$work/received.log" RESULTS="$work/results.txt" LOAD_PROGRAMS_FILE="$programs_file"

step "Filling the county and making $WATCHES watches"
python3 bench/watch-latency.py prepare

if ((LOAD_CONNECTIONS > 0)); then
  step "Background load: searches on $LOAD_CONNECTIONS connections, posts on $((LOAD_CONNECTIONS / 2 + 1))"
  BENCH_CASE_MANAGER_KEY="$case_manager_key" BENCH_MATCH_BODY="$PWD/bench/match-scenario1.json" \
    wrk -t1 -c"$LOAD_CONNECTIONS" -d3600s --timeout 10s -s bench/post-match.lua "$base/v1/matches" >"$work/wrk-search.txt" 2>&1 &
  bench_pids="$bench_pids $!"
  BENCH_PROGRAMS="$programs_file" BENCH_SHELTER_KEY="$shelter_key" \
    wrk -t1 -c"$((LOAD_CONNECTIONS / 2 + 1))" -d3600s --timeout 10s -s bench/put-availability.lua "$base" >"$work/wrk-post.txt" 2>&1 &
  bench_pids="$bench_pids $!"
  sleep 3
fi

step "Sampling $SAMPLES openings"
python3 bench/watch-latency.py sample
for pid in $bench_pids; do kill -INT "$pid" 2>/dev/null || true; done
sleep 1

echo
echo "load before: $load_before"
echo "load after:  $(uptime)"
cat "$work/results.txt"
errors="$(python3 -c 'import json, sys
n = 0
for raw in open(sys.argv[1], "rb"):
    try:
        n += json.loads(raw).get("LogLevel") in ("Error", "Critical")
    except ValueError:
        pass
print(n)' "$work/server.log")"
((errors == 0)) || { echo "the server logged $errors errors: see $work/server.log (KEEP=1 keeps it)" >&2; exit 1; }
grep -q '^lost 0$' "$work/results.txt" || { echo "some openings got no webhook within ${TIMEOUT}s" >&2; exit 1; }
