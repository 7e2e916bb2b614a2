# Debian's Chromium, for the dashboard's browser tests (sourced by .ci/run). Playwright drives it;
# Playwright's own browser download is not reachable and is never asked for.
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
