#!/usr/bin/env bash
# Installs what the workspace needs beyond Rust, Node and npm: the wasm32
# target and the pinned npm packages (typings, binaryen, acorn, WeChat's
# component test tools).
set -euo pipefail
cd "$(dirname "$0")/.."

# Node first, before anything is installed: the versions the workspace
# supports are package.json's engines.node (">=MAJOR[.MINOR[.PATCH]]"), read
# here without running node.
need=$(sed -n 's/^ *"node": *">=\([0-9][0-9.]*\)" *,\{0,1\} *$/\1/p' package.json | head -n 1)
if [ -z "$need" ]; then
    echo "setup.sh: package.json has no engines.node of the form \">=X.Y.Z\"; cannot check the Node version" >&2
    exit 1
fi
if ! command -v node >/dev/null 2>&1; then
    echo "wx-host and wx-pack need Node >= $need (package.json engines.node); node is not on PATH; install Node $need or newer" >&2
    exit 1
fi
have=$(node --version 2>/dev/null || true)
# "v20.20.2" and "20" -> "20 20 2" and "20 0 0", compared part by part.
read -r h1 h2 h3 _ <<<"$(printf '%s' "${have#v}" | sed 's/[-+].*//' | tr . ' ') 0 0 0"
read -r n1 n2 n3 _ <<<"$(printf '%s' "$need" | tr . ' ') 0 0 0"
if ! [[ "$h1.$h2.$h3" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    (( h1 < n1 || (h1 == n1 && (h2 < n2 || (h2 == n2 && h3 < n3))) )); then
    echo "wx-host and wx-pack need Node >= $need (package.json engines.node); this is ${have:-a node whose --version failed} ($(command -v node)); install a newer Node" >&2
    exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
if ! npm ls --all >/dev/null 2>&1; then
    npm ci --no-audit --no-fund
fi
# WeChat's WXML and WXSS compilers ship in miniprogram-compiler's tarball
# without the execute bit; the component tests (tests/components) run them.
for f in node_modules/miniprogram-compiler/bin/linux/wcc node_modules/miniprogram-compiler/bin/linux/wcsc; do
    if [ -f "$f" ] && [ ! -x "$f" ]; then
        chmod +x "$f"
    fi
done
