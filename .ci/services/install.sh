#!/usr/bin/env bash
# Installs the storage servers the state-backend tests run against, into .ci-work/ (git-ignored):
#   .ci-work/azurite/   Azurite (Azure Blob Storage emulator) from npm
#   .ci-work/s3proxy/   S3Proxy 4.x (S3 server; atomic If-None-Match on PUT) from Maven Central
# Idempotent: a second run with the same versions does nothing. The tests find the servers here
# (or via DBSYNC_AZURITE_BIN / DBSYNC_S3PROXY_JAR) and start/stop them themselves.
set -euo pipefail

AZURITE_VERSION="${AZURITE_VERSION:-3.37.0}"
S3PROXY_VERSION="${S3PROXY_VERSION:-4.1.0}"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$repo/.ci-work"
mkdir -p "$work"

# --- Azurite -----------------------------------------------------------------------------------
azurite_dir="$work/azurite"
azurite_bin="$azurite_dir/node_modules/.bin/azurite-blob"
installed_azurite=""
if [[ -f "$azurite_dir/node_modules/azurite/package.json" ]]; then
  installed_azurite="$(node -p "require('$azurite_dir/node_modules/azurite/package.json').version")"
fi
if [[ -x "$azurite_bin" && "$installed_azurite" == "$AZURITE_VERSION" ]]; then
  echo "azurite $AZURITE_VERSION already installed in $azurite_dir"
else
  command -v npm >/dev/null || { echo "install.sh: npm is required to install azurite" >&2; exit 1; }
  mkdir -p "$azurite_dir"
  [[ -f "$azurite_dir/package.json" ]] || echo '{"name":"dbsync-ci-azurite","private":true}' > "$azurite_dir/package.json"
  npm install --prefix "$azurite_dir" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION"
  echo "installed azurite $AZURITE_VERSION in $azurite_dir"
fi

# --- S3Proxy -----------------------------------------------------------------------------------
s3_dir="$work/s3proxy"
s3_jar="$s3_dir/s3proxy.jar"
s3_stamp="$s3_dir/VERSION"
if [[ -f "$s3_jar" && -f "$s3_stamp" && "$(cat "$s3_stamp")" == "$S3PROXY_VERSION" ]]; then
  echo "s3proxy $S3PROXY_VERSION already installed in $s3_dir"
else
  mkdir -p "$s3_dir"
  m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
  cached="$m2/org/gaul/s3proxy/$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
  if [[ ! -f "$cached" ]]; then
    (cd "$repo" && ./mvnw -q -B dependency:get -Dtransitive=false "-Dmaven.repo.local=$m2" \
      "-Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies")
  fi
  cp "$cached" "$s3_jar.tmp" && mv "$s3_jar.tmp" "$s3_jar"
  echo "$S3PROXY_VERSION" > "$s3_stamp"
  echo "installed s3proxy $S3PROXY_VERSION in $s3_dir"
fi
