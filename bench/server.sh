# Shared by the benchmark scripts (bench/wrk/run.sh, bench/soak/run.sh, bench/growth/run.sh, bench/search/run.sh),
# which define log().
# wait_ready URL PID LOGFILE: polls URL until it answers 2xx; stops the script if the server PID has exited (showing
# the end of LOGFILE) or after 300 s.
wait_ready() {
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$1" && return 0
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
    ((i > 0)) && echo next
    printf 'url = "%s"\nrequest = "POST"\nheader = "Content-Type: application/json"\nheader = "Authorization: Bearer %s"\n' "$url" "$token"
    printf 'data-binary = "@%s"\noutput = "%s"\nsilent\nshow-error\nwrite-out = "%%{time_total}\\n"\n' "$body" "$out"
  done >"$config"
  curl --config "$config" | tail -n +2
  rm -f "$config"
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
