#!/usr/bin/env bash
# Set up everything cailiaoku needs on a fresh Debian machine: venv + package (+ test tools).
# Usage: bash scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=${1:-}

if [ "$want_test" = "--test" ]; then
  need=()
  command -v chromium >/dev/null || need+=(chromium)
  command -v nginx >/dev/null || need+=(nginx)
  command -v soffice >/dev/null || need+=(libreoffice-writer)
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
  fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
  # Times New Roman's metric twin, so LibreOffice renders digits half width as Word does.
  fc-list 2>/dev/null | grep -qi "liberation serif" || need+=(fonts-liberation2)
  if [ ${#need[@]} -gt 0 ]; then
    echo "安装系统软件包：${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "$want_test" = "--test" ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
