# Shared by the benchmark scripts (bench/wrk/run.sh, bench/soak/run.sh), which define log().
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
