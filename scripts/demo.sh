#!/usr/bin/env bash
# make demo: a sample repository in a temp folder, enrolled under a temp
# TICKET_MASTER_HOME, a few commits with TODOs, the drafts that appear.
# Everything it starts or writes is removed on the way out.
set -euo pipefail

tm=${1:-bin/ticket-master}
case $tm in /*) ;; *) tm=$PWD/$tm ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/ticket-master-demo.XXXXXX")
repo=$work/gadgets
# Seal the demo off from the user's own setup: its home, XDG folders and
# ticket-master state are temp folders, and the daemon runs detached, never
# through the user's service manager (systemd --user, launchd).
export HOME=$work/home
export XDG_CONFIG_HOME=$HOME/.config XDG_STATE_HOME=$HOME/.local/state \
	XDG_DATA_HOME=$HOME/.local/share XDG_CACHE_HOME=$HOME/.cache XDG_RUNTIME_DIR=$work/run
export TICKET_MASTER_HOME=$work/tm TICKET_MASTER_NO_SERVICE=1
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# Nor the user's git configuration, GitHub tokens or gh login: the demo
# publishes nothing, and a dry run needs none.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$work/gitconfig GH_CONFIG_DIR=$work/gh
unset GH_TOKEN GITHUB_TOKEN GH_ENTERPRISE_TOKEN GITHUB_ENTERPRISE_TOKEN GH_HOST
git config --global user.name "Demo Developer"
git config --global user.email demo@example.com
git config --global init.defaultBranch main
# "GitHub" is a bare repository in the temp folder: the demo's origin says
# https://github.com/acme/gadgets.git (so drafts link there), and git pushes
# to the bare repository instead. Publishing holds drafts whose commits the
# remote does not have, since their links would 404.
git init -q --bare "$work/github/acme/gadgets.git"
git config --global url."$work/github/".insteadOf https://github.com/

cleanup() {
	"$tm" unenroll "$repo" --purge >/dev/null 2>&1 || true
	"$tm" daemon stop >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

if [ -t 1 ] && [ -z "${NO_COLOR-}" ]; then bold=$(printf '\033[1m') plain=$(printf '\033[0m'); else bold= plain=; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }

git init -q "$repo"
cd "$repo"
git remote add origin https://github.com/acme/gadgets.git
printf '# gadgets\n\nA small service that exports gadgets to S3.\n' > README.md
git add . && git commit -qm "start gadgets"

step "ticket-master enroll"
"$tm" enroll

mkdir -p svc web db
cat > svc/upload.py <<'PY'
import boto3


def upload(path, bucket):
    # TODO: retry uploads that fail with a 503 from the bucket
    # S3 asks clients to retry these; today the whole export fails.
    boto3.client("s3").upload_file(path, bucket, path)
PY
cat > web/app.js <<'JS'
export function render(list) {
  // FIXME: escape item names before putting them into HTML
  return list.map((item) => `<li>${item.name}</li>`).join("");
}
JS
cat > db/schema.sql <<'SQL'
CREATE TABLE gadgets (id INTEGER PRIMARY KEY, name TEXT);
-- HACK: drop the name index once the search service lands
CREATE INDEX gadgets_name ON gadgets (name);
SQL
step "git commit -m 'upload, render and schema'   (the hook nudges the daemon)"
git add . && git commit -qm "upload, render and schema"

step "ticket-master daemon sync   (wait for the daemon to finish; not needed in daily use)"
"$tm" daemon sync "$repo"

step "ticket-master drafts list"
"$tm" drafts list

step "ticket-master drafts show 1"
"$tm" drafts show 1

step "git commit   (escape names: the FIXME is gone, so its draft is withdrawn)"
sed -i.bak '/FIXME/d' web/app.js && rm -f web/app.js.bak
git commit -qam "escape item names"
"$tm" daemon sync "$repo" >/dev/null
"$tm" drafts list --state all

step "ticket-master publish --all --dry-run   (not pushed yet: the drafts are held)"
"$tm" publish --all --dry-run

step "git push   (now GitHub has the commits the drafts link to)"
git push -q origin main
"$tm" publish --all --dry-run

step "ticket-master status"
"$tm" status
printf '\nDemo done; cleaning up %s\n' "$work"
