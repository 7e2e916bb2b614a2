# systemd-analyze, for the check of the shipped unit file (sourced by .ci/run). Only the tool is
# needed: nothing here starts systemd.
if ! command -v systemd-analyze >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq systemd </dev/null >/dev/null \
    || { apt-get update -qq </dev/null && apt-get install -y -qq systemd </dev/null >/dev/null; }
fi
systemd-analyze --version | head -n 1
