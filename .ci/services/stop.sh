#!/usr/bin/env bash
# Stops the servers .ci/services/start.sh started (by their recorded pids only).
set -euo pipefail

run="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.ci-work/run"
for name in azurite s3proxy; do
  pidfile="$run/$name.pid"
  [[ -f "$pidfile" ]] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    # Azurite closes its listener on SIGTERM but may not exit; do not wait for it for long.
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    echo "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
done
