-- wrk script for bench/mix.sh: the traffic of a working day, in one run, against the demo county.
-- Each request() draws its kind by weight (BENCH_MIX, "70 20 10" by default):
--   match  POST /v1/matches as one of the case managers, one of the searches in BENCH_SEARCHES
--          (one JSON body a line, drawn in turn at random);
--   post   PUT /v1/programs/{id}/availability by a shelter, for one of its own programs
--          (BENCH_POSTS), every household type it serves, a count between BENCH_POST_MIN % of
--          its inventory and all of it: the shelters keep their counts topped up;
--   refer  the referral work: if this thread has a decision queued, the shelter makes it;
--          else a case manager refers a family (one of BENCH_HOUSEHOLDS) to one shelter's
--          programs, best first (BENCH_REFER: a shelter drawn in proportion to its family
--          beds), with a fresh Idempotency-Key.
-- The decision on a pending referral: accept (BENCH_ACCEPT %, default 20) or decline, as the
-- client or the provider, with a published reason. A decline moves the referral on to the next
-- program on its list (the cascade), which then needs a decision of its own; an accept is
-- followed by "placed" (the family arrived). So every referral ends declined or placed, and
-- holds do not pile up.
--
-- wrk's response() does not say which request it answers, so responses are told apart by
-- status and body: a referral's view has "clientReference" (201 created; 200 after a decision,
-- whose "status" says what to do next), a search's answer has "matches", a post's answer has
-- "snapshotId". 409 "no-capacity" on a referral (none of its programs has room for the whole
-- household now) is a documented business outcome: counted apart, not a failure. Anything else
-- (other 4xx, 5xx, a 2xx of no known shape) is a failure; the first of each is kept as a sample.
-- done() prints one MIX line that mix.sh parses (latencies in ms, from wrk's own histogram).
--
-- The decision is made with the key of the organisation that owns the program the referral is
-- pending at (every program on one referral's list belongs to one shelter, so the shelter's
-- view of a decline that moved on still shows the referral pending).
--
-- Environment: BENCH_SEARCHES, BENCH_HOUSEHOLDS (files), BENCH_POSTS (file: "id kind key
-- type:beds:units:slots ..." a line), BENCH_REFER (file: "key weight id,id" a line: a shelter's
-- key, its family beds and the programs a referral lists), BENCH_CASE_MANAGER_KEYS
-- (space-separated), BENCH_RUN (a tag unique per run, for idempotency keys and client
-- references), BENCH_SEED, BENCH_MIX, BENCH_ACCEPT, BENCH_POST_MIN.

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then
    assert(default ~= nil, name .. " is not set")
    return default
  end
  return v
end

local function lines(path)
  local list = {}
  for line in io.lines(path) do
    if line:match("%S") then list[#list + 1] = line end
  end
  assert(#list > 0, path .. " is empty")
  return list
end

-- Counters each thread keeps; done() adds them up. Globals, so thread:get can read them.
counter_names = {
  "sent_match", "sent_post", "sent_refer", "sent_accept", "sent_decline", "sent_placed",
  "match_ok", "post_ok", "refer_created", "refer_no_capacity",
  "declined", "cascaded", "accepted", "placed",
  "other_2xx", "client_4xx", "server_5xx", "queued_left",
}
for _, name in ipairs(counter_names) do _G[name] = 0 end
sample_4xx, sample_5xx, sample_2xx = "", "", ""

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

local searches, households, posts, shelters, cm_keys
local key_of = {} -- program id -> its shelter's key
local run_tag, total_weight
local w_match, w_post, accept_share, post_min
local queue, head, tail = {}, 1, 0
local seq = 0

function init(args)
  searches = lines(env("BENCH_SEARCHES"))
  households = lines(env("BENCH_HOUSEHOLDS"))
  posts = {}
  for _, line in ipairs(lines(env("BENCH_POSTS"))) do
    local id, kind, key, rest = line:match("^(%S+)%s+(%S+)%s+(%S+)%s+(.*)$")
    assert(id, "bad line in BENCH_POSTS: " .. line)
    local counts = {}
    for entry in rest:gmatch("%S+") do
      local t, beds, units, slots, more = entry:match("^([%w_]+):(%d+):(%d+):(%d+)(.*)$")
      assert(t, "bad count in BENCH_POSTS: " .. entry)
      local rooms = {}
      for b, c, n in more:gmatch(":(%d+)-(%d+)-(%d+)") do
        rooms[#rooms + 1] = { beds = tonumber(b), cribs = tonumber(c), count = tonumber(n) }
      end
      counts[#counts + 1] = { type = t, beds = tonumber(beds), units = tonumber(units), slots = tonumber(slots), rooms = rooms }
    end
    assert(#counts > 0, "no inventory in BENCH_POSTS line: " .. line)
    posts[#posts + 1] = { id = id, key = key, slots = kind == "rapid_rehousing", counts = counts }
  end
  shelters, total_weight = {}, 0
  for _, line in ipairs(lines(env("BENCH_REFER"))) do
    local key, weight, list = line:match("^(%S+)%s+(%d+)%s+(%S+)$")
    assert(key, "bad line in BENCH_REFER: " .. line)
    local ids = {}
    for id in list:gmatch("[^,]+") do
      ids[#ids + 1] = '"' .. id .. '"'
      key_of[id:lower()] = key
    end
    total_weight = total_weight + tonumber(weight)
    shelters[#shelters + 1] = { key = key, weight = tonumber(weight), list = "[" .. table.concat(ids, ",") .. "]" }
  end
  assert(total_weight > 0, "BENCH_REFER has no family beds")
  cm_keys = {}
  for key in env("BENCH_CASE_MANAGER_KEYS"):gmatch("%S+") do cm_keys[#cm_keys + 1] = key end
  assert(#cm_keys > 0, "BENCH_CASE_MANAGER_KEYS has no key")
  run_tag = env("BENCH_RUN")
  local m, p, r = env("BENCH_MIX", "70 20 10"):match("^%s*(%d+)%s+(%d+)%s+(%d+)%s*$")
  assert(m, "BENCH_MIX: three whole numbers, match post refer")
  local total = m + p + r
  assert(total > 0, "BENCH_MIX adds up to 0")
  w_match, w_post = m / total, (m + p) / total
  accept_share = tonumber(env("BENCH_ACCEPT", "20")) / 100
  post_min = tonumber(env("BENCH_POST_MIN", "75")) / 100
  -- Seeded, so the same run draws the same sequence of kinds (the server's answers still vary).
  math.randomseed(tonumber(env("BENCH_SEED", "1")) * 1000 + (thread_number or 1))
end

local function headers(key, extra)
  local h = { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }
  if extra then for k, v in pairs(extra) do h[k] = v end end
  return h
end

local function case_manager() return cm_keys[math.random(#cm_keys)] end

local function match()
  sent_match = sent_match + 1
  return wrk.format("POST", "/v1/matches", headers(case_manager()), searches[math.random(#searches)])
end

local function post()
  sent_post = sent_post + 1
  local p = posts[math.random(#posts)]
  local counts = {}
  for _, c in ipairs(p.counts) do
    if p.slots then
      local open = math.random(math.ceil(c.slots * post_min), c.slots)
      counts[#counts + 1] = string.format('{"householdType":"%s","slots":%d}', c.type, open)
    elseif #c.rooms > 0 then
      -- housed by room: open rooms by size
      local rooms = {}
      for _, r in ipairs(c.rooms) do
        rooms[#rooms + 1] = string.format('{"beds":%d,"cribs":%d,"count":%d}', r.beds, r.cribs, math.random(math.ceil(r.count * post_min), r.count))
      end
      counts[#counts + 1] = string.format('{"householdType":"%s","openUnits":[%s]}', c.type, table.concat(rooms, ","))
    else
      local open = math.random(math.ceil(c.beds * post_min), c.beds)
      local units = c.beds > 0 and math.floor(open * c.units / c.beds) or 0
      counts[#counts + 1] = string.format('{"householdType":"%s","beds":%d,"units":%d}', c.type, open, units)
    end
  end
  return wrk.format("PUT", "/v1/programs/" .. p.id .. "/availability", headers(p.key),
    '{"counts":[' .. table.concat(counts, ",") .. ']}')
end

local provider_reasons = { "needs_not_met", "safety_concern", "not_eligible", "other" }
local client_reasons = { "client_chose_other_option", "client_unreachable", "client_no_longer_needs_housing" }

local function decide(item)
  if item.action == "placed" then
    sent_placed = sent_placed + 1
    return wrk.format("POST", "/v1/referrals/" .. item.id .. "/placed", headers(item.key), "")
  end
  if math.random() < accept_share then
    sent_accept = sent_accept + 1
    return wrk.format("POST", "/v1/referrals/" .. item.id .. "/accept", headers(item.key), "")
  end
  sent_decline = sent_decline + 1
  local body
  if math.random() < 0.5 then
    body = '{"declinedBy":"client","reason":"' .. client_reasons[math.random(#client_reasons)] .. '"}'
  else
    body = '{"declinedBy":"provider","reason":"' .. provider_reasons[math.random(#provider_reasons)] ..
      '","text":"Load test: declined at random"}'
  end
  return wrk.format("POST", "/v1/referrals/" .. item.id .. "/decline", headers(item.key), body)
end

local function refer()
  if head <= tail then
    local item = queue[head]
    queue[head] = nil
    head = head + 1
    queued_left = tail - head + 1
    return decide(item)
  end
  sent_refer = sent_refer + 1
  seq = seq + 1
  local tag = run_tag .. "-" .. (thread_number or 1) .. "-" .. seq
  local pick, shelter = math.random() * total_weight, shelters[#shelters]
  for _, s in ipairs(shelters) do
    if pick < s.weight then shelter = s; break end
    pick = pick - s.weight
  end
  local body = '{"programIds":' .. shelter.list .. ',"clientReference":"MIX-' .. tag .. '","household":' ..
    households[math.random(#households)] .. '}'
  return wrk.format("POST", "/v1/referrals", headers(case_manager(), { ["Idempotency-Key"] = "mix-" .. tag }), body)
end

function request()
  local r = math.random()
  if r < w_match then return match() end
  if r < w_post then return post() end
  return refer()
end

local function enqueue(id, action, key)
  tail = tail + 1
  queue[tail] = { id = id, action = action, key = key }
  queued_left = tail - head + 1
end

local function keep(name, status, body)
  if _G[name] == "" then _G[name] = status .. " " .. body:sub(1, 300):gsub("%s+", " ") end
end

function response(status, hdrs, body)
  if status >= 200 and status < 300 then
    if body:find('"clientReference"', 1, true) then
      local id = body:match('^%s*{%s*"id"%s*:%s*"([0-9a-fA-F%-]+)"')
      -- The view's first "status" is the referral's own (as the shelter sees it for a decision).
      local state = body:match('"status"%s*:%s*"([%a_]+)"')
      -- The first programId is in the steps (the household has none); all are one shelter's.
      local program = body:match('"programId"%s*:%s*"([0-9a-fA-F%-]+)"')
      local key = program and key_of[program:lower()]
      if status == 201 and id and key and state == "pending" then
        refer_created = refer_created + 1
        enqueue(id, "decide", key)
        return
      elseif status == 200 and id and key then
        if state == "pending" then cascaded = cascaded + 1; enqueue(id, "decide", key); return end
        if state == "declined" then declined = declined + 1; return end
        if state == "accepted" then accepted = accepted + 1; enqueue(id, "placed", key); return end
        if state == "placed" then placed = placed + 1; return end
      end
    elseif body:find('"matches"', 1, true) then
      match_ok = match_ok + 1
      return
    elseif body:find('"snapshotId"', 1, true) then
      post_ok = post_ok + 1
      return
    end
    other_2xx = other_2xx + 1
    keep("sample_2xx", status, body)
  elseif status == 409 and body:find("no%-capacity") then
    refer_no_capacity = refer_no_capacity + 1
  elseif status >= 500 then
    server_5xx = server_5xx + 1
    keep("sample_5xx", status, body)
  else
    client_4xx = client_4xx + 1
    keep("sample_4xx", status, body)
  end
end

function done(summary, latency, requests)
  local t = {}
  for _, name in ipairs(counter_names) do t[name] = 0 end
  local samples = {}
  for _, thread in ipairs(threads) do
    for _, name in ipairs(counter_names) do t[name] = t[name] + (tonumber(thread:get(name)) or 0) end
    for _, name in ipairs({ "sample_4xx", "sample_5xx", "sample_2xx" }) do
      local s = thread:get(name)
      if (samples[name] or "") == "" and s and s ~= "" then samples[name] = s end
    end
  end
  local parts = {
    string.format("seconds=%.3f requests=%d", summary.duration / 1e6, summary.requests),
    string.format("p50=%.2f p95=%.2f p99=%.2f max=%.2f", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000),
    string.format("socket_errors=%d timeouts=%d", summary.errors.connect + summary.errors.read + summary.errors.write,
      summary.errors.timeout),
  }
  for _, name in ipairs(counter_names) do parts[#parts + 1] = name .. "=" .. t[name] end
  io.write("MIX " .. table.concat(parts, " ") .. "\n")
  for _, name in ipairs({ "sample_5xx", "sample_4xx", "sample_2xx" }) do
    if samples[name] then io.write("MIX_SAMPLE " .. name:sub(8) .. " " .. samples[name] .. "\n") end
  end
end
