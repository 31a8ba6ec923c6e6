#!/usr/bin/env bash
# The HMIS import at scale: a generated export of PROJECTS projects (bench/hmis-export.py) sent
# to POST /v1/imports/hmis as a zip, on a fresh database: first a dry run (the floor: reading,
# checking and planning the whole export, no writes), then the import, then the same export again
# (every program unchanged: what next month's re-import costs when little changed). Fails if the
# import takes longer than LIMIT seconds (issue 18: 5,000 projects in under a minute) or creates
# a different number of programs than the dry run planned. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECTS="${PROJECTS:-5000}"
LIMIT="${LIMIT:-60}"

BENCH=import
BENCH_TOOLS="curl jq python3 zip"
# shellcheck source=bench/lib.sh
source bench/lib.sh

step "Generating an export of $PROJECTS projects"
python3 bench/hmis-export.py "$work/export" "$PROJECTS"
(cd "$work/export" && zip -q -r "$work/export.zip" .)
echo "export.zip: $(du -h "$work/export.zip" | cut -f1), $(cat "$work/export"/*.csv | wc -l) CSV lines" >&2

import() { # query -> seconds, writes the answer to $work/answer.json
  curl -sS --fail-with-body --max-time 600 -o "$work/answer.json" -w '%{time_total}' -X POST "$base/v1/imports/hmis$1" \
    -H "X-Api-Key: $admin_key" -F "export=@$work/export.zip;type=application/zip"
}

step "Dry run (the floor)"
dry="$(import '?dryRun=true')"
planned="$(jq '.counts.programsCreated' "$work/answer.json")"
step "Import"
real="$(import '')"
created="$(jq '.counts.programsCreated' "$work/answer.json")"
confidential="$(jq '.counts.confidential' "$work/answer.json")"
step "The same export again"
again="$(import '')"
unchanged="$(jq '.counts.programsUnchanged' "$work/answer.json")"
stored="$(sql 'SELECT COUNT(*) FROM programs;')"

printf '\n%s, %s projects: dry run %.1f s, import %.1f s (%s programs, %s confidential; %.1fx the dry run), re-import %.1f s (%s unchanged); %s programs stored\n' \
  "$engine" "$PROJECTS" "$dry" "$real" "$created" "$confidential" "$(jq -n "$real / $dry")" "$again" "$unchanged" "$stored"
[[ "$created" == "$planned" && "$stored" == "$created" && "$unchanged" == "$created" ]] \
  || { echo "planned $planned, created $created, stored $stored, unchanged on re-import $unchanged: they should all be equal" >&2; exit 1; }
awk -v t="$real" -v limit="$LIMIT" 'BEGIN { exit !(t < limit) }' || { echo "the import took ${real} s, over the ${LIMIT} s limit" >&2; exit 1; }
grep -c "programs imported" "$work/server.log" | xargs printf 'progress lines in the log: %s\n'
