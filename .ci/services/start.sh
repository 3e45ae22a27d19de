#!/usr/bin/env bash
# Starts the storage servers on loopback for manual runs (the JUnit tests start their own):
#   Azurite blob service on $AZURITE_PORT (default 10000), S3Proxy on $S3PROXY_PORT (default 9000).
# Data, logs and pid files go to .ci-work/run/. Writes .ci-work/run/env.sh with the endpoints and
# the random credentials of this start; `source` it, then point a --backend-file at the endpoints.
# Stop them with .ci/services/stop.sh. Run .ci/services/install.sh first.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run="$repo/.ci-work/run"
azurite_bin="$repo/.ci-work/azurite/node_modules/.bin/azurite-blob"
s3proxy_jar="$repo/.ci-work/s3proxy/s3proxy.jar"
azurite_port="${AZURITE_PORT:-10000}"
s3proxy_port="${S3PROXY_PORT:-9000}"

[[ -x "$azurite_bin" && -f "$s3proxy_jar" ]] || {
  echo "start.sh: servers not installed: run .ci/services/install.sh" >&2; exit 1; }
for pidfile in "$run/azurite.pid" "$run/s3proxy.pid"; do
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "start.sh: already running (pid $(cat "$pidfile")); run .ci/services/stop.sh first" >&2
    exit 1
  fi
done
mkdir -p "$run/azurite-data"

account="dbsynclocal"
account_key="$(head -c 64 /dev/urandom | base64 -w0)"
s3_id="local$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
s3_secret="$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')"

AZURITE_ACCOUNTS="$account:$account_key" nohup "$azurite_bin" --blobHost 127.0.0.1 \
  --blobPort "$azurite_port" --location "$run/azurite-data" --skipApiVersionCheck --loose \
  > "$run/azurite.log" 2>&1 &
echo $! > "$run/azurite.pid"

cat > "$run/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$s3proxy_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$s3_id
s3proxy.credential=$s3_secret
jclouds.provider=transient
jclouds.identity=$s3_id
jclouds.credential=$s3_secret
PROPS
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
LOG_LEVEL=warn nohup "$java" -Xmx512m -jar "$s3proxy_jar" --properties "$run/s3proxy.properties" \
  > "$run/s3proxy.log" 2>&1 &
echo $! > "$run/s3proxy.pid"

wait_port() {
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "start.sh: $2 did not start; see $run/$2.log" >&2
  return 1
}
wait_port "$azurite_port" azurite
wait_port "$s3proxy_port" s3proxy

cat > "$run/env.sh" <<ENV
# Local storage servers started by .ci/services/start.sh
export DBSYNC_AZURITE_ENDPOINT=http://127.0.0.1:$azurite_port
export DBSYNC_AZURITE_ACCOUNT=$account
export ARM_ACCESS_KEY='$account_key'
export DBSYNC_S3_ENDPOINT=http://127.0.0.1:$s3proxy_port
export AWS_ACCESS_KEY_ID=$s3_id
export AWS_SECRET_ACCESS_KEY=$s3_secret
export AWS_DEFAULT_REGION=us-east-1
ENV
echo "azurite on 127.0.0.1:$azurite_port, s3proxy on 127.0.0.1:$s3proxy_port; source $run/env.sh"
