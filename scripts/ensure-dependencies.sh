#!/usr/bin/env bash
# Installs what building postcheck needs beyond Swift: PCRE2's headers (Debian's libpcre2-dev) and pkg-config.
set -euo pipefail
if pkg-config --exists libpcre2-8 2>/dev/null; then
  exit 0
fi
echo "postcheck: installing libpcre2-dev and pkg-config (PCRE2 is the regular-expression engine)" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libpcre2-dev pkg-config >/dev/null
