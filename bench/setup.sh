#!/usr/bin/env bash
# Installs n8n's built-in WhatsApp Trigger (n8n-nodes-base) for the trigger benchmark ONLY.
# It goes to a cache folder outside this repository, so package.json and node_modules here are
# untouched. Idempotent: does nothing when the wanted version is already there.
#
# The version is the n8n-nodes-base that n8n 1.123.81 bundles, built against n8n-workflow
# 1.120.31, the n8n-workflow this package is developed with.
set -euo pipefail
PREFIX="${WABM_BENCH_PREFIX:-/var/cache/wabm-bench}"
VERSION="${WABM_BENCH_NODES_BASE_VERSION:-1.121.53}"
INSTALLED="$PREFIX/node_modules/n8n-nodes-base/package.json"

if [ -f "$INSTALLED" ] && node -e "process.exit(require('$INSTALLED').version === '$VERSION' ? 0 : 1)"; then
	echo "n8n-nodes-base@$VERSION already installed in $PREFIX"
	exit 0
fi

mkdir -p "$PREFIX"
# overrides: n8n pins xlsx to a tarball URL outside the npm registry (unreachable here), and
# isolated-vm 6 needs Node 24; neither is used by the WhatsApp Trigger.
cat > "$PREFIX/package.json" <<JSON
{
  "name": "wabm-bench-builtins",
  "private": true,
  "description": "n8n's built-in nodes, installed only to benchmark against them",
  "dependencies": { "n8n-nodes-base": "$VERSION" },
  "overrides": { "xlsx": "0.18.5", "isolated-vm": "5.0.4" }
}
JSON
echo "Installing n8n-nodes-base@$VERSION into $PREFIX (no install scripts, no peer dependencies)..."
npm install --prefix "$PREFIX" --ignore-scripts --omit=peer --no-audit --no-fund --loglevel=error
node -e "console.log('installed n8n-nodes-base@' + require('$INSTALLED').version)"
