#!/usr/bin/env bash
# Whether the sign-in page's timing tells anyone who has an account: on the demo county, posts
# to the console's email-and-password form one at a time, in shuffled threes, of three kinds:
# an unknown email (two halves, A and B, the floor: what the same path differs from itself) and
# a known person's wrong password. Prints each kind's percentiles and the median difference
# within a three; fails if wrong-password and unknown-email differ by more than three times the
# floor and more than LIMIT_PERCENT of the median. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SAMPLES="${SAMPLES:-300}"     # posts of each kind
LIMIT_PERCENT="${LIMIT_PERCENT:-2}" # the most they may differ beyond the floor, as a share of the median

BENCH=signin-timing
BENCH_TOOLS="curl dotnet python3"
SEED=1
# One address sends everything: lift the anonymous limit (RateLimitOptions' names, at their most).
SERVER_ENV="RateLimits__AnonymousPerSecond=1000000 RateLimits__AnonymousBurst=1000000${SERVER_ENV:+ $SERVER_ENV}"

# shellcheck source=bench/lib.sh
source bench/lib.sh

demo_person="$(sed -n 's/^export REPORTER_EMAIL=\([^ ]*\) REPORTER_PASSWORD=\([^ ]*\).*/\1 \2/p' "$work/seed.txt" | tail -1)"
[[ -n "$demo_person" ]] || { cat "$work/seed.txt" >&2; echo "seed printed no REPORTER_EMAIL and REPORTER_PASSWORD" >&2; exit 1; }

step "Posting $SAMPLES of each kind to $base/ (one at a time, shuffled)"
# shellcheck disable=SC2086 # "email password"
python3 - "$base" "$SAMPLES" "$LIMIT_PERCENT" $demo_person <<'PY'
import http.client, random, re, statistics, sys, time, urllib.parse
base, samples, limit, email, password = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
host = urllib.parse.urlsplit(base).netloc

class Browser:
    """One keep-alive connection and its cookies (sent whatever their Secure flag: this is loopback)."""
    def __init__(self):
        self.conn, self.cookies = http.client.HTTPConnection(host, timeout=30), {}
    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body, headers)
        response = self.conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text
    def token(self):
        status, page = self.request("GET", "/")
        return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page).group(1)

def sign_in_rightly():
    """Starts the person's count of wrong tries again (a separate browser: signing in changes the antiforgery identity)."""
    b = Browser()
    status, _ = b.request("POST", "/", {"Email": email, "Password": password, "__RequestVerificationToken": b.token()})
    assert status == 302, f"the demo person could not sign in: {status}"

browser = Browser()
token = browser.token()
# In threes, each three shuffled: the differences are taken within a three, so a slow spell of
# the machine (a build, another process) slows all three kinds alike and cancels out.
shuffle = random.Random(1)
kinds = [k for _ in range(samples) for k in shuffle.sample(["unknown A", "unknown B", "wrong password"], 3)]
times = {k: [] for k in set(kinds)}
answers = {}
for i in range(3):  # warm-up, not counted
    browser.request("POST", "/", {"Email": f"warm{i}@example.org", "Password": "a wrong password", "__RequestVerificationToken": token})
sign_in_rightly()
wrong_in_a_row = 0
for n, kind in enumerate(kinds):
    if kind == "wrong password":
        if wrong_in_a_row == 3:  # the demo's lockout is 5 in a row: stay on the wrong-password path
            sign_in_rightly(); wrong_in_a_row = 0
        who, wrong_in_a_row = email, wrong_in_a_row + 1
    else:
        who = f"nobody{n}@example.org"
    started = time.perf_counter()
    status, page = browser.request("POST", "/", {"Email": who, "Password": f"wrong password {n}", "__RequestVerificationToken": token})
    times[kind].append((time.perf_counter() - started) * 1000)
    assert status == 200, f"{kind}: {status}"
    refusal = re.search(r'id="password-error" role="alert">([^<]+)<', page)
    assert refusal, f"{kind}: no refusal on the page"
    answers.setdefault(refusal.group(1), set()).add(kind.split()[0])

assert len(answers) == 1, f"the answers differ: {answers}"
def pct(xs, p): return sorted(xs)[min(len(xs) - 1, int(p / 100 * len(xs)))]
print(f"{'kind':<16}{'n':>6}{'p10 ms':>9}{'median':>9}{'p90':>9}{'p99':>9}")
for kind in sorted(times):
    xs = times[kind]
    print(f"{kind:<16}{len(xs):>6}{pct(xs, 10):>9.2f}{statistics.median(xs):>9.2f}{pct(xs, 90):>9.2f}{pct(xs, 99):>9.2f}")
unknown = times["unknown A"] + times["unknown B"]
floor = abs(statistics.median(a - b for a, b in zip(times["unknown A"], times["unknown B"])))
gap = statistics.median(w - (a + b) / 2 for w, a, b in zip(times["wrong password"], times["unknown A"], times["unknown B"]))
allowed = max(3 * floor, limit / 100 * statistics.median(unknown))
print(f"wrong password - unknown email, median within each three: {gap:+.3f} ms "
      f"(the floor, unknown A - unknown B: {floor:.3f} ms; allowed {allowed:.3f} ms)")
if abs(gap) > allowed:
    sys.exit(f"the timing tells a known email from an unknown one: {gap:+.3f} ms")
print("the same answer, and no difference in timing beyond the floor")
PY
