#!/usr/bin/env bash
# One command from a fresh clone to a running Herald on its embedded default (one dev app, no Redis).
# Extra arguments go to `herald start` (e.g. --port 6001).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/pnpm.sh install --frozen-lockfile
bash scripts/pnpm.sh exec turbo run build --filter=@herald/cli... --concurrency=2
exec node packages/cli/dist/cli.js start "$@"
