# tests/lib.sh - shell pieces the suites' runners share. Source it; it expects the runner's
# own log() and the counters PASS and FAIL, and the server's pid in SRV_PID.

# A free TCP port on 127.0.0.1.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Clean shutdown check: SIGTERM, then exit status 0 within 15 s. Counts one pass or fail.
stop_server_checked() {
  local rc
  if kill -0 "$SRV_PID" 2>/dev/null; then
    kill -TERM "$SRV_PID"
    for _ in $(seq 1 150); do kill -0 "$SRV_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SRV_PID" 2>/dev/null; then
      log "FAIL: server still running 15 s after SIGTERM"
      kill -KILL "$SRV_PID" 2>/dev/null
      wait "$SRV_PID" 2>/dev/null
      FAIL=$(( FAIL + 1 ))
    else
      wait "$SRV_PID"; rc=$?
      if [ "$rc" -eq 0 ]; then
        log "ok: server exited 0 on SIGTERM"; PASS=$(( PASS + 1 ))
      else
        log "FAIL: server exited $rc on SIGTERM (expected 0)"; FAIL=$(( FAIL + 1 ))
      fi
    fi
  else
    wait "$SRV_PID"; rc=$?
    log "FAIL: server died during the tests (exit status $rc)"
    FAIL=$(( FAIL + 1 ))
  fi
  SRV_PID=
}

# Waits until $1/readyz answers 200 (READY_TIMEOUT seconds, default 30), failing early
# through the runner's fatal() when the server (SRV_PID) dies first.
wait_ready() {
  local base=$1 rc deadline
  deadline=$(( $(date +%s) + ${READY_TIMEOUT:-30} ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if ! kill -0 "$SRV_PID" 2>/dev/null; then
      wait "$SRV_PID"; rc=$?
      SRV_PID=
      fatal "server exited with status $rc before becoming ready"
    fi
    if node -e '
        fetch(process.argv[1] + "/readyz").then(r => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));
        setTimeout(() => process.exit(1), 2000);' "$base" 2>/dev/null; then
      return 0
    fi
    sleep 0.3
  done
  fatal "server not ready on $base/readyz after ${READY_TIMEOUT:-30}s"
}
