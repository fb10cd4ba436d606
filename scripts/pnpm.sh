#!/usr/bin/env bash
# Runs the project's pinned pnpm, installing it into .tools/ on first use. A fresh machine has only
# Node and npm; corepack's bundled keys cannot verify current pnpm releases, so npm installs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(node -p "require('$root/package.json').packageManager.split('@')[1]")"
bin="$root/.tools/node_modules/.bin/pnpm"
if [ ! -x "$bin" ] || [ "$("$bin" --version)" != "$version" ]; then
  npm install --silent --no-audit --no-fund --prefix "$root/.tools" "pnpm@$version" >&2
fi
# Child tools (publint, attw) spawn `pnpm` themselves, so put it on PATH.
export PATH="$root/.tools/node_modules/.bin:$PATH"
exec "$bin" "$@"
