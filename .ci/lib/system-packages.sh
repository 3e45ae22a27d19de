#!/usr/bin/env bash
# Debian packages some tests need, installed when missing (CI runs as root with Debian's package
# registry reachable; a developer machine without them skips those tests unless CI is set):
#   gnupg                     gpg -d reads the exported secret values (interop with gpg)
#   chromium, chromium-driver assess's HTML report opened in a real headless browser (Selenium)
set -euo pipefail

dbsync_system_packages() {
  local need=()
  command -v gpg >/dev/null 2>&1 || need+=(gnupg)
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
  if [[ ${#need[@]} -eq 0 ]]; then
    echo "system packages present: gpg, chromium, chromedriver"
    return 0
  fi
  local sudo=""
  if [[ "$(id -u)" != "0" ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "system-packages: need root (or sudo) to install ${need[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  echo "installing ${need[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}"
}
