#!/usr/bin/env bash
# Hold throughput with wrk against a Release build on 127.0.0.1, a fresh temp database each run
# (SQLite; or a fresh schema in the PostgreSQL database HOUSING_BENCH_POSTGRES names):
# a case manager refers a single adult to one program (POST /v1/referrals, which holds a bed) and
# cancels it (POST /v1/referrals/{id}/cancel, which releases it), over and over, through
# hold-cycle.lua. Then checks that no bed was held twice. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"             # unreported run before measuring; 0 to skip
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
PROGRAMS="${PROGRAMS:-50}"
BEDS="${BEDS:-5}"                  # adults_only beds in each program's inventory, all posted open

BENCH=holds
BENCH_TOOLS="curl jq dotnet python3 timeout"

# The hold limit per case manager is at most 1000 (ReferralOptions' [Range]); 64 connections
# never have more than a few hundred held at once, so the limit never answers.
SERVER_ENV="Referrals__MaxHeldPerCaseManager=1000${SERVER_ENV:+ $SERVER_ENV}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

step "Creating $PROGRAMS programs with $BEDS open adults_only beds each"
programs_file="$work/programs.txt"
: >"$programs_file"
for i in $(seq 1 "$PROGRAMS"); do
  body="$(jq -cn --arg org "$org_id" --arg name "Bench hold program $i" --argjson i "$i" --argjson beds "$BEDS" '{
      organizationId: $org, name: $name, kind: "emergency", region: "spa-\(1 + $i % 8)",
      location: {latitude: (34 + ($i % 50) / 100), longitude: (-118.5 + ($i % 60) / 100)},
      intakeContact: {phone: "+1 213 555 0100", hours: "24/7"},
      inventory: [{householdType: "adults_only", beds: $beds, units: $beds, startDate: "2024-01-01"}],
      eligibility: {languages: ["en", "es"]}
    }')"
  id="$(api POST /v1/programs "$shelter_key" "$body" | jq -r .id)"
  api PUT "/v1/programs/$id/availability" "$shelter_key" \
    "{\"counts\":[{\"householdType\":\"adults_only\",\"beds\":$BEDS,\"units\":$BEDS}]}" >/dev/null
  echo "$id $BEDS" >>"$programs_file"
done
echo "$(wc -l <"$programs_file") programs, each posted with $BEDS open beds" >&2

# One referral and its cancel by hand: the cycle must work before it is measured.
probe_program="$(head -1 "$programs_file" | cut -d' ' -f1)"
probe_id="$(api POST /v1/referrals "$case_manager_key" \
  "{\"programIds\":[\"$probe_program\"],\"clientReference\":\"BENCH-PROBE\",\"household\":{\"members\":[{\"role\":\"adult\",\"age\":31,\"genders\":[\"woman\"]}]}}" | jq -r .id)"
[[ "$(api POST "/v1/referrals/$probe_id/cancel" "$case_manager_key" | jq -r .status)" == cancelled ]] \
  || { echo "the probe referral was not cancelled" >&2; exit 1; }

export BENCH_PROGRAMS="$programs_file" BENCH_CASE_MANAGER_KEY="$case_manager_key"
script="$PWD/bench/hold-cycle.lua"
duration_s="$(awk -v d="$DURATION" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; if (d ~ /h$/) n *= 3600; print int(n) }')"
warmup_s="$(awk -v d="$WARMUP" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print int(n) }')"

run_wrk() { # duration -> wrk's output; bounded even if wrk hangs
  timeout --kill-after=5 "$(($(awk -v d="$1" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; if (d ~ /h$/) n *= 3600; print int(n) }') + 30))" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 10s --latency -s "$script" "$base/v1/referrals"
}

if ((warmup_s > 0)); then
  step "Warm-up $WARMUP (not reported)"
  run_wrk "$WARMUP" >/dev/null
fi
step "Create and cancel holds: $DURATION with $THREADS threads, $CONNECTIONS connections"
# While it runs, a sampler reads every program's active holds from the database five times a
# second, each a consistent read, into $samples: "program held" lines, a "--" line per sample.
samples="$work/samples.txt"
if [[ "$engine" == postgres ]]; then
  PGOPTIONS="-c search_path=$schema" psql -X -q -At >"$samples" 2>/dev/null <<'SQL' &
SELECT '--' UNION ALL (SELECT program_id || ' ' || SUM(count) FROM holds WHERE released_at IS NULL GROUP BY program_id);
\watch 0.2
SQL
else
  python3 -u -c 'import sqlite3, sys, time
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=30)
while True:
    rows = con.execute("SELECT program_id, SUM(count) FROM holds WHERE released_at IS NULL GROUP BY program_id").fetchall()
    print("--\n" + "".join(f"{p} {n}\n" for p, n in rows), end="")
    time.sleep(0.2)' "$work/housing.db" >"$samples" 2>/dev/null &
fi
sampler_pid=$!
bench_pids="$sampler_pid" # stopped by lib.sh's cleanup too, however the script ends
out="$(run_wrk "$DURATION")"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
echo "$out" >&2
line="$(grep '^HOLDS ' <<<"$out")" || { echo "hold-cycle.lua printed no summary" >&2; exit 1; }
val() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$line"; }
seconds="$(val seconds)"; created="$(val created)"; cancelled="$(val cancelled)"; no_bed="$(val no_bed)"
server_err="$(val server_err)"; other="$(val other)"; sock="$(val socket_errors)"; timeouts="$(val timeouts)"
p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"; p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"

step "Checking for double bookings"
# 1. What the API says: for every program, open >= 0 and open + held == the beds posted.
api_bad=0; api_held=0
while read -r id beds; do
  read -r open held posted < <(api GET "/v1/programs/$id/availability" "$admin_key" \
    | jq -r '.counts[] | select(.householdType == "adults_only") | "\(.open) \(.held) \(.beds)"')
  api_held=$((api_held + held))
  if ((open < 0 || open + held != beds || posted != beds)); then
    echo "program $id: open $open + held $held != posted $beds (api beds $posted)" >&2; api_bad=$((api_bad + 1))
  fi
done <"$programs_file"
# 2. What the database says: the holds not released now, and in every sample taken during the
#    run, never more than the program's posted beds. (Not a sweep over the holds' created_at and
#    released_at: those are when each request arrived, not when it committed, so once writers
#    queue on a lock in the database, as on PostgreSQL, a sweep would count a wait as an overlap.)
active_file="$work/active.txt"
sql "SELECT program_id, SUM(count) FROM holds WHERE released_at IS NULL GROUP BY program_id;" >"$active_file"
db_total="$(sql "SELECT COUNT(*) FROM holds;")"
db_report="$(python3 - "$active_file" "$samples" "$programs_file" <<'PY'
import sys
from collections import defaultdict
active_file, samples_file, programs_file = sys.argv[1:4]
beds = {line.split()[0].lower(): int(line.split()[1]) for line in open(programs_file) if line.strip()}
now = {f[0].lower(): int(f[1]) for f in (line.split() for line in open(active_file)) if len(f) == 2}
peak = defaultdict(int)
taken = 0
for line in open(samples_file):
    f = line.split()
    if f == ["--"]:
        taken += 1
    elif len(f) == 2:
        peak[f[0].lower()] = max(peak[f[0].lower()], int(f[1]))
bad = 0
for p, n in beds.items():
    if now.get(p, 0) > n:
        print(f"program {p}: {now[p]} active holds > {n} beds", file=sys.stderr); bad += 1
    if peak.get(p, 0) > n:
        print(f"program {p}: {peak[p]} holds at once > {n} beds in a sample", file=sys.stderr); bad += 1
bad += len((set(now) | set(peak)) - set(beds))
print(bad, sum(now.values()), max(peak.values(), default=0), taken)
PY
)"
read -r db_bad db_active db_peak db_samples <<<"$db_report"
echo "API: $api_held held now; database: $db_active active holds now, $db_total holds in all, at most $db_peak at once at one program (of $BEDS beds) in $db_samples samples" >&2
if ((db_active != api_held)); then echo "the API's held ($api_held) and the database's active holds ($db_active) differ" >&2; fi

rate() { awk -v n="$1" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "-" }'; }
step "Summary ($engine, $DURATION, -t$THREADS -c$CONNECTIONS, $(nproc) cores, $PROGRAMS programs x $BEDS beds)"
printf '%-34s %10s\n' "holds/s (create -> 201)" "$(rate "$created")"
printf '%-34s %10s\n' "cancels/s (-> 200)" "$(rate "$cancelled")"
printf '%-34s %10s\n' "creates 201" "$created"
printf '%-34s %10s\n' "cancels 200" "$cancelled"
printf '%-34s %10s\n' "409 no bed free (expected)" "$no_bed"
printf '%-34s %10s\n' "5xx" "$server_err"
printf '%-34s %10s\n' "other statuses" "$other"
printf '%-34s %10s\n' "socket errors / timeouts" "$sock / $timeouts"
printf '%-34s %10s\n' "p50 / p99 (both requests)" "$p50 / $p99"
grep '^HOLDS_OTHER_SAMPLE ' <<<"$out" | sed 's/^HOLDS_OTHER_SAMPLE /first unexpected response: /' || true

status=0
if ((server_err > 0 || other > 0)); then echo "FAIL: unexpected responses" >&2; status=1; fi
if ((api_bad == 0 && db_bad == 0 && db_active == api_held)); then
  echo "double bookings: 0"
else
  echo "FAIL: double bookings or inconsistent counts (API: $api_bad programs, database: $db_bad)"; status=1
fi
exit "$status"
