#!/usr/bin/env bash
# Set up (venv, packages, chromium, nginx, LibreOffice) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check src tests scripts
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
