-- wrk script: POST /v1/matches as a case manager with the search in match-scenario1.json, which
-- is like the README's scenario 1 (a mother with three children, the youngest a baby, hiding from
-- her trafficker): a family program, emergency or transitional, away from an unsafe place (8 km
-- around the San Fernando Valley's centre) and out of an unsafe region (spa-6). load.sh's
-- programs are emergency and transitional with adults-only and family inventory, so some match
-- and the others are excluded for a reason (no family beds, too few open, inside the place,
-- in the region).
-- Environment: BENCH_CASE_MANAGER_KEY (required); BENCH_MATCH_BODY (the JSON file, default
-- bench/match-scenario1.json); BENCH_MATCH_LIMIT (replaces the body's limit). The query string
-- comes from the URL given to wrk, e.g. .../v1/matches?explain=true.

function init(args)
  local key = os.getenv("BENCH_CASE_MANAGER_KEY")
  assert(key and key ~= "", "BENCH_CASE_MANAGER_KEY is not set")
  local path = os.getenv("BENCH_MATCH_BODY") or "bench/match-scenario1.json"
  local file = assert(io.open(path, "r"), "cannot read " .. path)
  local body = file:read("*a")
  file:close()
  local limit = os.getenv("BENCH_MATCH_LIMIT")
  if limit and limit ~= "" then
    local replaced
    body, replaced = body:gsub('"limit"%s*:%s*%d+', '"limit": ' .. tonumber(limit))
    assert(replaced == 1, "the body has no limit to replace")
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Api-Key"] = key
  wrk.body = body
end
