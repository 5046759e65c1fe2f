#!/usr/bin/env bash
# Installs what building postcheck needs beyond Swift: PCRE2's headers (Debian's libpcre2-dev) and pkg-config.
# With --test, also the real consumers the test suite drives: git, patch, curl, chromium, and from PyPI
# check-jsonschema (with format checking), junitparser, pre-commit, vaderSentiment (the reference for the VADER
# port), language_tool_python, schemathesis, openapi-spec-validator, pytest-lsp (an LSP client for tests) and
# websockets (to drive Chromium over the DevTools protocol), and Debian's neovim (its built-in LSP client), man-db,
# zsh and fish (they load the release's man pages and completions).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=()
pkg-config --exists libpcre2-8 2>/dev/null || packages+=(libpcre2-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
  command -v git >/dev/null 2>&1 || packages+=(git)
  command -v patch >/dev/null 2>&1 || packages+=(patch)
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v python3 >/dev/null 2>&1 || packages+=(python3 python3-pip)
  command -v nvim >/dev/null 2>&1 || packages+=(neovim)
  # The release archive's man pages and completions are loaded by the real man, bash, zsh and fish.
  command -v man >/dev/null 2>&1 || packages+=(man-db)
  command -v zsh >/dev/null 2>&1 || packages+=(zsh)
  command -v fish >/dev/null 2>&1 || packages+=(fish)
  # postcheck sync unpacks .zip packs with unzip; the tests make them with zip.
  command -v zip >/dev/null 2>&1 || packages+=(zip)
  command -v unzip >/dev/null 2>&1 || packages+=(unzip)
fi
if [ "${#packages[@]}" -gt 0 ]; then
  echo "postcheck: installing ${packages[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ]; then
  missing=0
  command -v check-jsonschema >/dev/null 2>&1 || missing=1
  command -v pre-commit >/dev/null 2>&1 || missing=1
  python3 -c 'import junitparser, rfc3986_validator, vaderSentiment, language_tool_python' >/dev/null 2>&1 || missing=1
  command -v schemathesis >/dev/null 2>&1 || missing=1
  command -v openapi-spec-validator >/dev/null 2>&1 || missing=1
  python3 -c 'import pytest_lsp, pytest_asyncio, websockets' >/dev/null 2>&1 || missing=1
  if [ "$missing" -eq 1 ]; then
    echo "postcheck: installing test tools from PyPI (check-jsonschema, jsonschema[format-nongpl], junitparser, pre-commit," \
      "vaderSentiment, language_tool_python, schemathesis, openapi-spec-validator, pytest-lsp, websockets)" >&2
    python3 -m pip install -q --disable-pip-version-check check-jsonschema "jsonschema[format-nongpl]" junitparser pre-commit \
      vaderSentiment language_tool_python schemathesis openapi-spec-validator pytest-lsp pytest-asyncio websockets 2>&1 \
      | grep -v "Running pip as the 'root' user" >&2 || true
  fi
fi
