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
