#!/usr/bin/env bash
# A realistic mix under load, with wrk, against a Release build on 127.0.0.1 seeded with the demo
# county (a fresh temp database each run): about 70% searches by case managers, 20% availability
# posts by a shelter for its own programs, 10% referrals and the shelter's decisions on them
# (mix.lua), at several concurrency levels, each next to the trivial endpoint (GET /health/live)
# measured with the same threads and connections. Fails if any response is a failure (5xx, an
# unexpected 4xx, a socket error) or the server logged an error. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

CONCURRENCY="${CONCURRENCY:-8 32 128}" # open connections (-c), one level after another
DURATION="${DURATION:-15s}"            # measured time per level, for the mix and for the trivial endpoint each
WARMUP="${WARMUP:-5s}"                 # unreported run of each before it; 0 skips it
THREADS="${THREADS:-2}"                # wrk threads (-t), at most the connections
MIX="${MIX:-70 20 10}"                 # weights: searches, availability posts, referral work
ACCEPT="${ACCEPT:-20}"                 # % of decisions that accept (the rest decline)
POST_MIN="${POST_MIN:-75}"             # a post gives between this % of the inventory and all of it
CASE_MANAGERS="${CASE_MANAGERS:-4}"    # case manager keys of the demo agency (the demo one and more)
SHELTERS="${SHELTERS:-4}"              # provider organisations that post and decide: the demo shelter and more
REFER_PROGRAMS="${REFER_PROGRAMS:-2}"  # length of a referral's list (its cascade, within one shelter)
MIX_SEED="${MIX_SEED:-1}"              # seeds each wrk thread's random draws

BENCH=mix
BENCH_TOOLS="curl jq dotnet python3 timeout"
SEED=1
# Every referral holds beds until decided; the default of 10 a case manager would refuse most
# of them at 128 connections. 1000 is the most ReferralOptions accepts.
SERVER_ENV="Referrals__MaxHeldPerCaseManager=1000${SERVER_ENV:+ $SERVER_ENV}"

seconds_of() { awk -v d="$1" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; if (d ~ /h$/) n *= 3600; print int(n) }'; }
for level in $CONCURRENCY; do
  [[ "$level" =~ ^[1-9][0-9]*$ ]] || { echo "CONCURRENCY: whole numbers of connections, such as \"8 32 128\"" >&2; exit 2; }
done
(($(seconds_of "$DURATION") > 0)) || { echo "DURATION: a time such as 15s" >&2; exit 2; }
[[ "$MIX" =~ ^[0-9]+\ [0-9]+\ [0-9]+$ ]] || { echo "MIX: three whole numbers, such as \"70 20 10\"" >&2; exit 2; }
for pct in "ACCEPT=$ACCEPT" "POST_MIN=$POST_MIN"; do
  if ! [[ "${pct#*=}" =~ ^[0-9]+$ ]] || ((${pct#*=} > 100)); then echo "${pct%%=*}: a percentage, 0 to 100" >&2; exit 2; fi
done
for n in "CASE_MANAGERS=$CASE_MANAGERS" "SHELTERS=$SHELTERS" "REFER_PROGRAMS=$REFER_PROGRAMS" "THREADS=$THREADS"; do
  [[ "${n#*=}" =~ ^[1-9][0-9]*$ ]] || { echo "${n%%=*}: a whole number, at least 1" >&2; exit 2; }
done
((REFER_PROGRAMS <= 10)) || { echo "REFER_PROGRAMS: at most 10 (a referral lists 1 to 10 programs)" >&2; exit 2; }
load_before="$(uptime)"

# shellcheck source=bench/lib.sh
source bench/lib.sh

# The families the case managers refer (one JSON household a line): a mother with one or two
# children under 10, sex trafficking, fleeing (homeless category 4).
households_file="$work/households.jsonl"
cat >"$households_file" <<'EOF'
{"members":[{"role":"adult","age":24,"genders":["woman"]},{"role":"child","age":1,"genders":["man"]}],"trafficking":"sex","languages":["es","en"],"homelessCategory":4}
{"members":[{"role":"adult","age":31,"genders":["woman"]},{"role":"child","age":6,"genders":["woman"]},{"role":"child","age":2,"genders":["man"]}],"trafficking":"sex","languages":["en"],"homelessCategory":4}
{"members":[{"role":"adult","age":41,"genders":["woman"]},{"role":"child","age":9,"genders":["man"]},{"role":"child","age":6,"genders":["woman"]}],"trafficking":"sex","languages":["es"],"homelessCategory":4,"hasId":false}
{"members":[{"role":"adult","age":27,"genders":["woman"]},{"role":"child","age":4,"genders":["woman"]}],"trafficking":"sex","languages":["en","es"],"homelessCategory":4}
EOF

get_all() { # path key -> every item of a paged list, one JSON array
  local path="$1" key="$2" after="" page items="[]" sep="?"
  [[ "$path" != *\?* ]] || sep="&"
  while :; do
    page="$(api GET "$path${sep}limit=200${after:+&after=$after}" "$key")"
    items="$(jq -c --argjson acc "$items" '$acc + .items' <<<"$page")"
    after="$(jq -r '.next // empty' <<<"$page")"
    [[ -n "$after" ]] || break
  done
  echo "$items"
}

step "Shelters: the demo shelter and the $((SHELTERS - 1)) providers with the most family beds, a shelter key each"
programs_json="$(get_all /v1/programs "$admin_key")"
organizations_json="$(get_all /v1/organizations "$admin_key")"
demo_org="$(api GET "/v1/programs?limit=1" "$demo_shelter_key" | jq -r '.items[0].organizationId')"
[[ "$demo_org" =~ ^[0-9a-f-]{36}$ ]] || { echo "the demo shelter key lists no programs" >&2; exit 1; }
# Family beds in emergency and transitional programs, per organisation: the demo shelter first.
mapfile -t shelter_orgs < <(jq -r --arg demo "$demo_org" '
  map(select(.kind != "rapid_rehousing") | {org: .organizationId,
      family: ([.inventory[] | select(.householdType == "adults_with_children") | .beds] | add // 0)})
  | group_by(.org) | map({org: .[0].org, family: (map(.family) | add)})
  | map(select(.family > 0)) | sort_by(if .org == $demo then -1e9 else -.family end) | .[].org' <<<"$programs_json" | head -n "$SHELTERS")
today="$(date -u +%F)"
posts_file="$work/posts.txt"; refer_file="$work/refer.txt"; shelter_keys=()
: >"$posts_file"; : >"$refer_file"
probe=0; agency_id_demo=""
for org in "${shelter_orgs[@]}"; do
  name="$(jq -r --arg org "$org" '.[] | select(.id == $org) | .name' <<<"$organizations_json")"
  if [[ "$org" == "$demo_org" ]]; then key="$demo_shelter_key"
  else key="$(api POST /v1/api-keys "$admin_key" "{\"role\":\"shelter\",\"organizationId\":\"$org\",\"label\":\"mix shelter\"}" | jq -r .key)"; fi
  shelter_keys+=("$key")
  own="$(jq -c --arg org "$org" 'map(select(.organizationId == $org))' <<<"$programs_json")"
  # One line a program: id, kind, the key, then type:beds:units:slots for each household type of today's inventory,
  # and for a type housed by room, :beds-cribs-count for each of its room sizes (its posts give open rooms by size).
  lines="$(jq -r --arg today "$today" --arg key "$key" '.[] | (.unitSizes // []) as $rooms | [.id, .kind, $key] + (
      [.inventory[] | select(.startDate <= $today and (.endDate == null or .endDate >= $today))]
      | group_by(.householdType)
      | map(.[0].householdType as $t | "\($t):\(map(.beds) | add):\(map(.units) | add):\(map(.slots) | add)"
            + ([$rooms[] | select(.householdType == $t) | ":\(.beds)-\(.cribs)-\(.count)"] | join(""))))
    | join(" ")' <<<"$own")"
  echo "$lines" >>"$posts_file"
  # Every program fully open to begin with, so the probes below find room.
  while read -r id kind _ rest; do
    counts=()
    for entry in $rest; do
      IFS=: read -r t beds units slots rooms <<<"$entry"
      if [[ "$kind" == rapid_rehousing ]]; then counts+=("{\"householdType\":\"$t\",\"slots\":$slots}")
      elif [[ -n "$rooms" ]]; then
        open=()
        for room in ${rooms//:/ }; do IFS=- read -r b c n <<<"$room"; open+=("{\"beds\":$b,\"cribs\":$c,\"count\":$n}"); done
        counts+=("{\"householdType\":\"$t\",\"openUnits\":[$(IFS=,; echo "${open[*]}")]}")
      else counts+=("{\"householdType\":\"$t\",\"beds\":$beds,\"units\":$units}"); fi
    done
    api PUT "/v1/programs/$id/availability" "$key" "{\"counts\":[$(IFS=,; echo "${counts[*]}")]}" >/dev/null
  done <<<"$lines"
  # Its family programs (largest first) that hold every household: each probe is declined at once.
  refer_to=(); family_total=0
  while read -r family id; do
    [[ -n "$id" ]] || continue
    ok=1
    while read -r household; do
      probe=$((probe + 1))
      body="{\"programIds\":[\"$id\"],\"clientReference\":\"MIX-PROBE-$probe\",\"household\":$household}"
      out="$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST "$base/v1/referrals" -H "X-Api-Key: $demo_case_manager_key" \
        -H 'Content-Type: application/json' -H "Idempotency-Key: mix-probe-$probe" --data "$body")" \
        || { echo "a probe referral could not be sent" >&2; exit 1; }
      code="$(tail -1 <<<"$out")"; out="$(sed '$d' <<<"$out")"
      if [[ "$code" != 201 ]]; then ok=0; break; fi
      agency_id_demo="$(jq -r .agencyId <<<"$out")"
      api POST "/v1/referrals/$(jq -r .id <<<"$out")/decline" "$key" '{"declinedBy":"provider","reason":"other","text":"Load test probe"}' >/dev/null
    done <"$households_file"
    if ((ok)); then refer_to+=("$id"); family_total=$((family_total + family)); fi
    ((${#refer_to[@]} < REFER_PROGRAMS)) || break
  done < <(jq -r '.[] | select(.kind != "rapid_rehousing")
      | "\([.inventory[] | select(.householdType == "adults_with_children") | .beds] | add // 0) \(.id)"' <<<"$own" | sort -rn)
  if ((${#refer_to[@]} > 0)); then
    echo "$key $family_total $(IFS=,; echo "${refer_to[*]}")" >>"$refer_file"
    echo "  $name: $(wc -l <<<"$lines") programs posted; referrals to ${#refer_to[@]} of them ($family_total family beds)" >&2
  else
    echo "  $name: $(wc -l <<<"$lines") programs posted; none takes every household, so no referrals" >&2
  fi
done
[[ -s "$refer_file" ]] || { echo "no shelter's program takes the referred households" >&2; exit 1; }
[[ -n "$agency_id_demo" ]] || { echo "no probe referral was made" >&2; exit 1; }

step "Case manager keys: the demo one and $((CASE_MANAGERS - 1)) more for its agency"
case_manager_keys="$demo_case_manager_key"
for i in $(seq 2 "$CASE_MANAGERS"); do
  key="$(api POST /v1/api-keys "$admin_key" "{\"role\":\"case_manager\",\"organizationId\":\"$agency_id_demo\",\"label\":\"mix case manager $i\"}" | jq -r .key)"
  case_manager_keys+=" $key"
done

step "The searches (bench/mix-searches.jsonl), once each, with those shelters fully open"
while read -r search; do
  [[ -n "$search" ]] || continue
  api POST /v1/matches "$demo_case_manager_key" "$search" | jq -r '"  \(.matches | length) returned: \(.summary)"' >&2
done <bench/mix-searches.jsonl

export BENCH_SEARCHES="$PWD/bench/mix-searches.jsonl" BENCH_HOUSEHOLDS="$households_file" BENCH_POSTS="$posts_file"
export BENCH_REFER="$refer_file" BENCH_CASE_MANAGER_KEYS="$case_manager_keys"
export BENCH_MIX="$MIX" BENCH_ACCEPT="$ACCEPT" BENCH_POST_MIN="$POST_MIN" BENCH_SEED="$MIX_SEED"
script="$PWD/bench/mix.lua"

run_wrk() { # duration connections [wrk args...] -> wrk's output; bounded even if wrk hangs
  local duration="$1" connections="$2"; shift 2
  local threads=$((THREADS < connections ? THREADS : connections))
  timeout --kill-after=5 "$(($(seconds_of "$duration") + 30))" \
    wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency "$@"
}

# Referrals a run left undecided (its last responses, and the decisions still queued) keep their
# beds; between runs each shelter declines what is pending and places what it accepted, so every
# run starts with the counts its posts give. Prints how many it closed.
sweep() {
  local closed=0 key ids id
  for _ in 1 2 3 4 5; do
    local found=0
    for key in "${shelter_keys[@]}"; do
      ids="$(api GET "/v1/referrals?status=pending&limit=200" "$key" | jq -r '.items[] | select(.status == "pending") | .id')"
      ids+=$'\n'"$(api GET "/v1/referrals?status=accepted&limit=200" "$key" | jq -r '.items[] | select(.status == "accepted") | "placed " + .id')"
      while read -r id; do
        [[ -n "$id" ]] || continue
        if [[ "$id" == placed\ * ]]; then api POST "/v1/referrals/${id#placed }/placed" "$key" >/dev/null
        else api POST "/v1/referrals/$id/decline" "$key" '{"declinedBy":"client","reason":"client_unreachable","text":"Load test: closed between runs"}' >/dev/null; fi
        closed=$((closed + 1)); found=1
      done <<<"$ids"
    done
    ((found)) || break
  done
  echo "$closed"
}

log_bytes() { stat -c %s "$work/server.log"; }

# Server time per route from the app's own request log lines, between two offsets of server.log.
route_times() { # from to
  python3 - "$work/server.log" "$1" "$2" <<'PY'
import json, sys
path, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "rb") as f:
    f.seek(start)
    data = f.read(end - start)
routes = {}
for raw in data.splitlines():
    try:
        line = json.loads(raw)
    except ValueError:
        continue
    state = line.get("State") or {}
    if "ElapsedMs" not in state or "Route" not in state:
        continue
    key = f'{state.get("Method")} {state["Route"]}'
    r = routes.setdefault(key, {"ms": [], "4xx": 0, "499": 0, "5xx": 0})
    r["ms"].append(float(state["ElapsedMs"]))
    status = int(state.get("StatusCode", 0))
    # 499: wrk closed the connection at the end of the run with the request in flight.
    if status == 499: r["499"] += 1
    elif 400 <= status < 500: r["4xx"] += 1
    if status >= 500: r["5xx"] += 1
def pct(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1)]
for key, r in sorted(routes.items(), key=lambda kv: -len(kv[1]["ms"])):
    ms = sorted(r["ms"])
    print(f'  {key:<42} {len(ms):>8} {pct(ms, 50):>8.2f} {pct(ms, 95):>8.2f} {pct(ms, 99):>8.2f} {r["4xx"]:>6} {r["499"]:>6} {r["5xx"]:>6}')
PY
}

declare -A result
levels=()
status=0
for c in $CONCURRENCY; do
  levels+=("$c")
  threads=$((THREADS < c ? THREADS : c))
  step "Level $c connections, $threads threads: GET /health/live (warm-up $WARMUP, then $DURATION)"
  if (($(seconds_of "$WARMUP") > 0)); then run_wrk "$WARMUP" "$c" "$base/health/live" >/dev/null; fi
  out="$(run_wrk "$DURATION" "$c" "$base/health/live")"
  echo "$out" >&2
  result[$c.trivial]="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  trivial_bad="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")"
  trivial_sock="$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")"
  result[$c.trivial_bad]=$((${trivial_bad:-0} + ${trivial_sock:-0}))

  step "Level $c connections, $threads threads: the mix (warm-up $WARMUP, then $DURATION)"
  if (($(seconds_of "$WARMUP") > 0)); then
    BENCH_RUN="c$c-w" run_wrk "$WARMUP" "$c" -s "$script" "$base" >"$work/warmup-$c.txt"
    # Not in the figures, but a failure in the warm-up is a failure all the same.
    if grep -q '^MIX_SAMPLE' "$work/warmup-$c.txt"; then
      grep '^MIX_SAMPLE ' "$work/warmup-$c.txt" | sed "s/^MIX_SAMPLE /first /; s/^/level $c, warm-up: /" >"$work/samples-$c-warmup.txt"
      status=1
    fi
    echo "closed $(sweep) referrals the warm-up left open" >&2
  fi
  from="$(log_bytes)"
  out="$(BENCH_RUN="c$c" run_wrk "$DURATION" "$c" -s "$script" "$base")"
  sleep 1 # the request log is written by a background queue
  to="$(log_bytes)"
  echo "$out" >&2
  line="$(grep '^MIX ' <<<"$out")" || { echo "mix.lua printed no summary" >&2; exit 1; }
  for kv in $line; do
    if [[ "$kv" == *=* ]]; then result[$c.${kv%%=*}]="${kv#*=}"; fi
  done
  result[$c.rps]="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  result[$c.failed]=$((result[$c.client_4xx] + result[$c.server_5xx] + result[$c.other_2xx] + result[$c.socket_errors] + result[$c.timeouts]))
  grep '^MIX_SAMPLE ' <<<"$out" | sed "s/^MIX_SAMPLE /first /; s/^/level $c: /" >"$work/samples-$c.txt" || true
  route_times "$from" "$to" >"$work/routes-$c.txt"
  result[$c.left]="$(sweep)"
  if ((result[$c.failed] > 0 || result[$c.server_5xx] > 0 || result[$c.trivial_bad] > 0)); then status=1; fi
done
load_after="$(uptime)"

# Holds must add up after the load (the issue's reconciliation): the consistency check, run now,
# may repair nothing and leave nothing open but `flapping`, which is the check doing its job on
# this script's shelters, who post each program's counts many times a minute (far past
# Availability:MaxChangesPerHour); no shelter posts like that.
step "The consistency check after the load"
consistency="$(api POST /v1/admin/consistency/run "$admin_key")"
jq -r '"run \(.runId): \(.programsChecked) programs in \(.durationMs) ms, \(.repaired | length) repaired, \(.open | length) open"' <<<"$consistency" >&2
jq -r '[.repaired[], .open[]] | group_by(.kind) | .[] | "  \(.[0].kind): \(length)"' <<<"$consistency" >&2
consistency_bad="$(jq '[.repaired[], .open[] | select(.kind != "flapping")] | length' <<<"$consistency")"
if ((consistency_bad > 0)); then
  jq -r '[.repaired[], .open[] | select(.kind != "flapping")][:5][] | "  \(.kind) at \(.programName): \(.description)"' <<<"$consistency" >&2
  status=1
fi

# Anything the app logged as an error or worse during the whole run (an exception caught by the
# error handler is a 500 too, but one thrown in a background service is not).
read -r log_errors log_first < <(python3 - "$work/server.log" <<'PY'
import json, sys
n, first = 0, "-"
for raw in open(sys.argv[1], "rb"):
    try:
        line = json.loads(raw)
    except ValueError:
        continue
    if line.get("LogLevel") in ("Error", "Critical"):
        n += 1
        if first == "-":
            first = (line.get("Category", "") + ": " + line.get("Message", "") + " " + (line.get("Exception") or "")[:300]).replace("\n", " ")
print(n, first)
PY
)
((log_errors == 0)) || status=1

step "Per level: what was sent (and the share of searches, posts, referral work) and what came back"
printf '%5s %8s %8s %8s %8s %8s %8s %15s | %8s %8s %8s %8s %8s %8s %8s %8s\n' c searches posts refers accepts declines placed shares \
  "200 srch" "200 post" "201 ref" "409 full" declined cascaded accepted placed >&2
for c in "${levels[@]}"; do
  sent=$((result[$c.sent_match] + result[$c.sent_post] + result[$c.sent_refer] + result[$c.sent_accept] + result[$c.sent_decline] + result[$c.sent_placed]))
  shares="$(awk -v m="${result[$c.sent_match]}" -v p="${result[$c.sent_post]}" -v n="$sent" \
    'BEGIN { if (n > 0) printf "%.1f/%.1f/%.1f", 100 * m / n, 100 * p / n, 100 * (n - m - p) / n; else print "-" }')"
  printf '%5s %8s %8s %8s %8s %8s %8s %15s | %8s %8s %8s %8s %8s %8s %8s %8s\n' "$c" "${result[$c.sent_match]}" "${result[$c.sent_post]}" \
    "${result[$c.sent_refer]}" "${result[$c.sent_accept]}" "${result[$c.sent_decline]}" "${result[$c.sent_placed]}" "$shares" \
    "${result[$c.match_ok]}" "${result[$c.post_ok]}" "${result[$c.refer_created]}" "${result[$c.refer_no_capacity]}" \
    "${result[$c.declined]}" "${result[$c.cascaded]}" "${result[$c.accepted]}" "${result[$c.placed]}" >&2
done
step "Per level: server time per route (ms, from the app's request log; a few 400 and 499 as a run ends are requests wrk cut off)"
for c in "${levels[@]}"; do
  printf '%s connections\n  %-42s %8s %8s %8s %8s %6s %6s %6s\n' "$c" route requests p50 p95 p99 4xx 499 5xx >&2
  cat "$work/routes-$c.txt" >&2
done

step "Summary ($DURATION a level, -t$THREADS at most, mix $MIX (searches, posts, referral work), $(nproc) cores)"
echo "load before: ${load_before#*load average: }; after: ${load_after#*load average: } (1, 5, 15 min)"
printf '%5s %10s %9s %9s %9s %8s %6s %9s %9s %12s %8s\n' conns "mix req/s" p50 p95 p99 failed 5xx "409 full" "left open" "trivial r/s" "vs triv"
for c in "${levels[@]}"; do
  ratio="$(awk -v a="${result[$c.rps]}" -v b="${result[$c.trivial]}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')"
  printf '%5s %10s %9s %9s %9s %8s %6s %9s %9s %12s %8s\n' "$c" "${result[$c.rps]}" "${result[$c.p50]}ms" "${result[$c.p95]}ms" \
    "${result[$c.p99]}ms" "${result[$c.failed]}" "${result[$c.server_5xx]}" "${result[$c.refer_no_capacity]}" "${result[$c.left]}" \
    "${result[$c.trivial]}" "$ratio"
done
echo "failed: 4xx other than a referral's 409 no-capacity, 5xx, a 2xx of no known shape, socket errors and timeouts"
if ((log_errors > 0)); then echo "server log: $log_errors errors; the first: $log_first"; else echo "server log: no errors"; fi
echo "consistency check after the load: $(jq -r '"\(.repaired | length) repaired, \(.open | length) open (\([.open[] | select(.kind == "flapping")] | length) flapping)"' <<<"$consistency")"
cat "$work"/samples-*.txt 2>/dev/null || true
for c in "${levels[@]}"; do
  if ((result[$c.trivial_bad] > 0)); then echo "level $c: GET /health/live had ${result[$c.trivial_bad]} non-2xx responses or socket errors"; fi
done
if ((status != 0)); then echo "FAIL: failures or server errors above"; fi
exit "$status"
