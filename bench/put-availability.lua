-- wrk script: PUT /v1/programs/{id}/availability, rotating over the programs load.sh created.
-- Reads BENCH_PROGRAMS (lines "id adults_only_beds adults_with_children_beds", 0 = no such
-- inventory) and BENCH_SHELTER_KEY from the environment. Each post gives every household type
-- the program serves, with a random open count within its inventory, so every request is valid
-- and appends a snapshot (no If-Match: we measure the write, not the 412 path).

local programs = {}
local key = os.getenv("BENCH_SHELTER_KEY")
local next_index = 1

local function load(path)
  local list = {}
  for line in io.lines(path) do
    local id, adults, families = line:match("^(%S+)%s+(%d+)%s+(%d+)")
    if id then list[#list + 1] = { id = id, adults = tonumber(adults), families = tonumber(families) } end
  end
  return list
end

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function init(args)
  programs = load(assert(os.getenv("BENCH_PROGRAMS"), "BENCH_PROGRAMS is not set"))
  assert(#programs > 0, "no programs to post availability for")
  assert(key, "BENCH_SHELTER_KEY is not set")
  -- Threads start at different programs so they do not post to the same one in step.
  next_index = ((thread_number or 1) - 1) * 37 % #programs + 1
  math.randomseed(os.time() + (thread_number or 1))
end

local function count(household_type, beds)
  local open = math.random(0, beds)
  return string.format('{"householdType":"%s","beds":%d,"units":%d}', household_type, open, math.floor(open / 2))
end

function request()
  local p = programs[next_index]
  next_index = next_index % #programs + 1
  local counts = {}
  if p.adults > 0 then counts[#counts + 1] = count("adults_only", p.adults) end
  if p.families > 0 then counts[#counts + 1] = count("adults_with_children", p.families) end
  local body = '{"counts":[' .. table.concat(counts, ",") .. ']}'
  return wrk.format("PUT", "/v1/programs/" .. p.id .. "/availability",
    { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end
