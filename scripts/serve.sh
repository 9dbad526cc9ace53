#!/usr/bin/env bash
# Set up, build the bundled library's site into site/ and serve it at http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/cailiaoku serve "$@"
