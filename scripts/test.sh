#!/usr/bin/env bash
# One command from a fresh clone to a full test run: installs dependencies and whatever the tests
# need on this machine, builds every package, checks packaging, typechecks, lints and runs all tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/pnpm.sh install --frozen-lockfile
bash scripts/services.sh
bash scripts/pnpm.sh run test
bash scripts/pnpm.sh run lint
bash scripts/check-publish.sh
