"""Driver of watch-latency.sh: `prepare` fills the county and makes the watches; `sample` opens
beds one program at a time and times each acknowledged PUT to the watch.matched webhook the
receiver logged. Settings come from the environment the script exports."""
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request

BASE, ADMIN, CASE_MANAGER = os.environ["BASE"], os.environ["ADMIN_KEY"], os.environ["CASE_MANAGER_KEY"]


def call(method, path, key, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method,
                                     headers={"X-Api-Key": key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        sys.exit(f"{method} {path}: {error.code} {error.read().decode(errors='replace')}")


def programs():
    """Every program with the household types it has inventory for today, from the listing."""
    found, after = [], None
    while True:
        page = call("GET", "/v1/availability?limit=200" + (f"&after={after}" if after else ""), ADMIN)
        found += [(p["programId"], p.get("kind"), [c["householdType"] for c in p["counts"] if c["capacity"] > 0]) for p in page["items"]]
        after = page.get("next")
        if not after:
            return found


def post(program_id, kind, types, beds):
    count = (lambda t: {"householdType": t, "slots": beds}) if kind == "rapid_rehousing" \
        else (lambda t: {"householdType": t, "beds": beds, "units": (beds + 1) // 2})
    call("PUT", f"/v1/programs/{program_id}/availability", ADMIN, {"counts": [count(t) for t in types]})


def households():
    """Households that want an emergency bed tonight: women alone, mothers with children, men alone."""
    rnd = random.Random(15)
    while True:
        shape = rnd.randrange(3)
        members = [{"role": "adult", "age": rnd.randint(19, 60), "genders": ["man" if shape == 2 else "woman"]}]
        if shape == 1:
            members += [{"role": "child", "age": rnd.randint(0, 12), "genders": [rnd.choice(["man", "woman"])]} for _ in range(rnd.randint(1, 3))]
        body = {"household": {"members": members, "languages": [rnd.choice(["en", "es"])]}, "wants": {"kinds": ["emergency"]}}
        if rnd.randrange(3) == 0:
            body["safety"] = {"unsafePlaces": [{"latitude": round(33.95 + rnd.random() * 0.3, 4),
                                                "longitude": round(-118.45 + rnd.random() * 0.3, 4), "radiusKm": 3}]}
        yield body


def prepare():
    # The programs samples open: emergency programs a single woman with no safety constraints
    # fits when they have room (a third of the watches are single women, many without any).
    woman = {"household": {"members": [{"role": "adult", "age": 30, "genders": ["woman"]}]}, "wants": {"kinds": ["emergency"]}, "limit": 200}
    outcome = call("POST", "/v1/matches?explain=true", CASE_MANAGER, woman)
    fitting = [m["program"]["id"] for m in outcome["matches"]]
    fitting += [x["programId"] for x in outcome.get("excludedPrograms") or []
                if all(r["code"] in ("full", "capacity_unknown") for r in x["reasons"])]
    with open(os.environ["RESULTS"] + ".programs", "w") as out:
        out.write("\n".join(fitting))
    listed = programs()
    for program_id, kind, types in listed:
        if types:
            post(program_id, kind, types, 0)
    shapes = households()
    for i in range(int(os.environ["WATCHES"])):
        body = next(shapes)
        body.update({"clientReference": f"BENCH-W-{i}", "mode": "hold"})
        call("POST", "/v1/watches", CASE_MANAGER, body)
    time.sleep(3)
    live = call("GET", "/v1/watches?status=holding&limit=200", CASE_MANAGER)["items"]
    print(f"{len(listed)} programs filled; {os.environ['WATCHES']} watches made, {len(live)} holding (should be 0: nothing was open)", file=sys.stderr)


def received_after(program_id, since):
    with open(os.environ["RECEIVED"]) as log:
        for line in log:
            at, program, _ = line.split()
            if program == program_id and float(at) >= since:
                return float(at)
    return None


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def sample():
    chosen = set(open(os.environ["RESULTS"] + ".programs").read().split())
    emergency = [(pid, types) for pid, kind, types in programs() if pid in chosen and types]
    print(f"sampling over {len(emergency)} emergency programs a single woman fits", file=sys.stderr)
    samples, timeout = int(os.environ["SAMPLES"]), float(os.environ["TIMEOUT"])
    latencies, puts, lost = [], [], 0
    for i in range(samples):
        program_id, types = emergency[i % len(emergency)]
        sent = time.time()
        post(program_id, "emergency", types, 4)
        acknowledged = time.time()
        puts.append(acknowledged - sent)
        arrived = None
        while arrived is None and time.time() - acknowledged < timeout:
            time.sleep(0.002)
            arrived = received_after(program_id, sent)
        if arrived is None:
            lost += 1
        else:
            latencies.append(max(0.0, arrived - acknowledged))
        # Full again, and the beds the watches took given back (their referrals cancelled), so a later sample here starts alike.
        post(program_id, "emergency", types, 0)
        for referral in call("GET", f"/v1/referrals?status=pending&programId={program_id}&limit=200", CASE_MANAGER)["items"]:
            call("POST", f"/v1/referrals/{referral['id']}/cancel", CASE_MANAGER)
        time.sleep(0.05)
    ms = lambda v: f"{v * 1000:.1f} ms"
    with open(os.environ["RESULTS"], "w") as out:
        out.write(f"samples {samples}; watches {os.environ['WATCHES']}\n")
        if latencies:
            out.write("acknowledged PUT -> watch.matched: p50 {} p90 {} p99 {} max {} ({} arrived)\n".format(
                ms(percentile(latencies, 50)), ms(percentile(latencies, 90)), ms(percentile(latencies, 99)), ms(max(latencies)), len(latencies)))
        out.write("floor, the PUT itself:            p50 {} p90 {} p99 {} max {}\n".format(
            ms(percentile(puts, 50)), ms(percentile(puts, 90)), ms(percentile(puts, 99)), ms(max(puts))))
        out.write(f"lost {lost}\n")


{"prepare": prepare, "sample": sample}[sys.argv[1]]()
