# zsh and fish, for the shell completion tests (sourced by .ci/run).
if ! command -v zsh >/dev/null 2>&1 || ! command -v fish >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq zsh fish >/dev/null || { apt-get update -qq && apt-get install -y -qq zsh fish >/dev/null; }
fi
zsh --version
fish --version
