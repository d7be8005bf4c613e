# Shared by the benchmark scripts (bench/wrk/run.sh, bench/soak/run.sh, bench/growth/run.sh, bench/search/run.sh,
# bench/search/ab.sh), which define log().

# stop_process PID: SIGTERM, and SIGKILL when it has not exited 10 s later. Under a real-time policy (`chrt -r`, as
# most benches run) a .NET process was seen spinning a core inside the runtime, answering nothing and ignoring SIGTERM
# (2026-12-06, at least four times in two engineers' runs: three builds and the hand-written floor alike; not seen
# without the policy): a run must end, not wait on it for good.
stop_process() {
  local pid="$1"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "process $pid did not stop within 10 s of SIGTERM: killed"
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# The most one benchmark request may take (seconds): past it the run fails with curl's or Python's timeout error
# rather than waiting on a server that stopped answering (above).
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-60}"
# wait_ready URL PID LOGFILE: polls URL until it answers 2xx; stops the script if the server PID has exited (showing
# the end of LOGFILE) or after 300 s.
wait_ready() {
  for _ in $(seq 1 600); do
    curl -sf -m 5 -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { log "server exited:"; tail -30 "$3" >&2; exit 1; }
    sleep 0.5
  done
  log "$1 not ready after 300 s"; exit 1
}

# request_times URL TOKEN BODY-FILE COUNT [RESPONSE-FILE]: POSTs BODY-FILE COUNT times, one after another, over ONE
# kept-alive connection (one curl process, its transfers chained with `next`), and prints each request's seconds
# (curl's time_total), one a line. One connection is what a browser or an HTTP library keeps: a new curl process and
# TCP connection per request adds ≈ 2 ms of client and connection set-up to every figure (docs/benchmarks.md, "Fixed
# cost of a request"). One more request goes first, untimed, to open the connection.
request_times() {
  local url="$1" token="$2" body="$3" count="$4" out="${5:-/dev/null}" config
  config="$(mktemp)"
  for ((i = 0; i <= count; i++)); do
    # fail-early: the first failed transfer (a timeout) ends the run; otherwise curl goes on to the next one.
    if ((i == 0)); then echo fail-early; else echo next; fi
    printf 'url = "%s"\nrequest = "POST"\nheader = "Content-Type: application/json"\nheader = "Authorization: Bearer %s"\n' "$url" "$token"
    printf 'data-binary = "@%s"\noutput = "%s"\nmax-time = %s\nsilent\nshow-error\nwrite-out = "%%{time_total}\\n"\n' "$body" "$out" "$REQUEST_TIMEOUT"
  done >"$config"
  curl --config "$config" | tail -n +2
  rm -f "$config"
}

# times_after_writes URL TOKEN BODY-FILE COUNT [RESPONSE-FILE] (search/run.sh WRITE_BETWEEN=1, search/ab.sh
# AFTER_WRITES=1) is request_times with a write before
# each search on the same kept-alive connection: the office's updateContact of the first contact, a job title other
# than the last, with the version the previous write returned (so a client that can read responses: Python's
# http.client, timing each search from sending to the whole response read, as curl's time_total does); only the
# searches' seconds are printed.
times_after_writes() {
  REQUEST_TIMEOUT="$REQUEST_TIMEOUT" python3 - "$@" <<'PY'
import http.client, json, os, sys, time, urllib.parse
url, token, body_file, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
out = sys.argv[5] if len(sys.argv) > 5 else None
target = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(target.hostname, target.port, timeout=float(os.environ["REQUEST_TIMEOUT"]))
headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
def post(document):
    connection.request("POST", target.path, body=document, headers=headers)
    return connection.getresponse().read()
first = json.loads(post(json.dumps({"query": "{ contacts(first: 1) { nodes { id version } } }"})))["data"]["contacts"]["nodes"][0]
contact, version = first["id"], first["version"]
search = open(body_file, "rb").read()
mutation = "mutation ($input: UpdateContactInput!) { updateContact(input: $input) { contact { version jobTitle } errors { message } } }"
for i in range(count):
    written = json.loads(post(json.dumps({"query": mutation, "variables": {"input": {"id": contact, "version": version, "jobTitle": "Bench title %d" % (version % 2)}}})))
    payload = written["data"]["updateContact"]
    if payload["errors"]:
        sys.exit("write: " + json.dumps(payload))
    version = payload["contact"]["version"]
    started = time.perf_counter()
    response = post(search)
    print("%.6f" % (time.perf_counter() - started))
if out:
    open(out, "wb").write(response)
PY
}

# pg_environment CONNECTION: the Npgsql connection string (Host=...;Port=...;Username=...;Password=...;Database=...)
# as libpq variables for psql.
pg_environment() {
  local part key value
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    key="${part%%=*}"; value="${part#*=}"
    case "${key,,}" in
      host | server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username | "user id" | userid | user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
    esac
  done
}

# pg_admin_connection: the Npgsql connection string of a role that may create databases: $POSTGRES, else
# $DIRECTORY_TEST_POSTGRES, else the one in /tmp/pgenv (the test server's); fails, saying so, when there is none.
pg_admin_connection() {
  local admin="${POSTGRES:-${DIRECTORY_TEST_POSTGRES:-}}"
  if [[ -z "$admin" && -r /tmp/pgenv ]]; then
    admin="$(sed -n "s/^DIRECTORY_TEST_POSTGRES='\(.*\)'$/\1/p" /tmp/pgenv)"
  fi
  [[ -n "$admin" ]] || { log "postgres: set POSTGRES (or DIRECTORY_TEST_POSTGRES) to a connection string"; return 1; }
  echo "$admin"
}

# pg_database_connection CONNECTION DATABASE: CONNECTION with its Database= replaced by DATABASE.
pg_database_connection() {
  local connection
  connection="$(sed -E 's/(^|;)Database=[^;]*//I' <<<"$1");Database=$2"
  echo "${connection#;}"
}
