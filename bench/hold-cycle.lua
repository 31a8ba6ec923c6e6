-- wrk script for bench/holds.sh: hold a bed, then release it, over and over.
-- Reads BENCH_PROGRAMS (one program id per line) and BENCH_CASE_MANAGER_KEY from the environment.
-- Each thread keeps a queue of referral ids that got a 201; a connection that is ready to send
-- cancels the oldest queued one (POST /v1/referrals/{id}/cancel), or else refers a single adult
-- to the next program in its rotation (POST /v1/referrals). So every connection alternates
-- create and cancel while creates succeed, and keeps creating while they get 409.
--
-- wrk's response() does not say which request it answers, so responses are classified by
-- status and body: 201 = hold created; 200 = cancelled (no Idempotency-Key is sent, so a create
-- never replays with 200); 409 whose type ends in "no-capacity" = no bed free (expected);
-- anything else (5xx, 4xx, a 409 hold-limit or illegal-transition, a 201 without an id) is
-- "other" and must be 0. done() prints one line holds.sh parses.

local key = os.getenv("BENCH_CASE_MANAGER_KEY")
local programs = {}
local next_index = 1
local queue, head, tail = {}, 1, 0

created, cancelled, no_bed, server_err, other, sent_create, sent_cancel = 0, 0, 0, 0, 0, 0, 0
other_sample = ""

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

function init(args)
  local path = assert(os.getenv("BENCH_PROGRAMS"), "BENCH_PROGRAMS is not set")
  for line in io.lines(path) do
    local id = line:match("^(%S+)")
    if id then programs[#programs + 1] = id end
  end
  assert(#programs > 0, "no programs")
  assert(key, "BENCH_CASE_MANAGER_KEY is not set")
  -- Threads start at different programs so they do not refer to the same one in step.
  next_index = ((thread_number or 1) - 1) * math.floor(#programs / 2) % #programs + 1
end

local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }
local seq = 0

function request()
  if head <= tail then
    local id = queue[head]
    queue[head] = nil
    head = head + 1
    sent_cancel = sent_cancel + 1
    return wrk.format("POST", "/v1/referrals/" .. id .. "/cancel", headers, "")
  end
  local program = programs[next_index]
  next_index = next_index % #programs + 1
  seq = seq + 1
  sent_create = sent_create + 1
  local body = '{"programIds":["' .. program .. '"],"clientReference":"BENCH-' .. (thread_number or 1) .. '-' .. seq ..
    '","household":{"members":[{"role":"adult","age":31,"genders":["woman"]}]}}'
  return wrk.format("POST", "/v1/referrals", headers, body)
end

function response(status, hdrs, body)
  if status == 201 then
    local id = body:match('"id"%s*:%s*"([0-9a-fA-F%-]+)"')
    if id then
      created = created + 1
      tail = tail + 1
      queue[tail] = id
      return
    end
  elseif status == 200 and body:find('"status"%s*:%s*"cancelled"') then
    cancelled = cancelled + 1
    return
  elseif status == 409 and body:find("no%-capacity") then
    no_bed = no_bed + 1
    return
  end
  if status >= 500 then server_err = server_err + 1 else other = other + 1 end
  if other_sample == "" then other_sample = status .. " " .. body:sub(1, 200):gsub("%s+", " ") end
end

function done(summary, latency, requests)
  local t = { created = 0, cancelled = 0, no_bed = 0, server_err = 0, other = 0, sent_create = 0, sent_cancel = 0, queued = 0 }
  local sample = ""
  for _, thread in ipairs(threads) do
    for name, _ in pairs(t) do
      if name ~= "queued" then t[name] = t[name] + (thread:get(name) or 0) end
    end
    local s = thread:get("other_sample")
    if sample == "" and s and s ~= "" then sample = s end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "HOLDS seconds=%.3f created=%d cancelled=%d no_bed=%d server_err=%d other=%d sent_create=%d sent_cancel=%d socket_errors=%d timeouts=%d\n",
    seconds, t.created, t.cancelled, t.no_bed, t.server_err, t.other, t.sent_create, t.sent_cancel,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
  if sample ~= "" then io.write("HOLDS_OTHER_SAMPLE " .. sample .. "\n") end
end
