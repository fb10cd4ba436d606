#!/usr/bin/env bash
# Proves every public package would publish: `pnpm publish --dry-run` packs each one as the registry
# would receive it (workspace: ranges rewritten, files list applied) without uploading anything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! bash scripts/pnpm.sh -r publish --dry-run --no-git-checks >"$log" 2>&1; then
  cat "$log"
  echo "check-publish: pnpm publish --dry-run failed" >&2
  exit 1
fi
expected=$(node -e '
  const { readdirSync, readFileSync, existsSync } = require("node:fs");
  const names = readdirSync("packages")
    .map((dir) => `packages/${dir}/package.json`)
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, "utf8")))
    .filter((pkg) => !pkg.private)
    .map((pkg) => pkg.name)
    .sort();
  console.log(names.join("\n"));
')
published=$(grep -oE '^\+ @herald/[a-z-]+' "$log" | sed 's/^+ //' | sort)
if [ "$expected" != "$published" ]; then
  echo "check-publish: expected to publish:"$'\n'"$expected"$'\n'"but the dry run published:"$'\n'"$published" >&2
  exit 1
fi
echo "check-publish: $(echo "$published" | wc -l) packages would publish"
