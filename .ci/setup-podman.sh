#!/usr/bin/env bash
# Sourced by .ci/run (as root, no stdin): installs podman and builds the busybox test image the
# container-mode tests use. Idempotent: a second run changes nothing. Docker's engine does not run
# on these machines; podman with runc and cgroupfs does.

nanoclaw_setup_podman() {
  local conf_dir=/etc/containers
  local conf="$conf_dir/nanoclaw-containers.conf"
  local image=localhost/nanoclaw-test:latest

  if ! command -v podman >/dev/null || ! command -v runc >/dev/null || [ ! -x /bin/busybox ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq podman runc busybox-static </dev/null \
      || { apt-get update -qq </dev/null && apt-get install -y -qq podman runc busybox-static </dev/null; }
  fi

  # crun fails here (cgroups hybrid mode); runc with cgroupfs works. The same settings go in the
  # drop-in folder so podman started without CONTAINERS_CONF (a developer's shell) behaves alike.
  mkdir -p "$conf_dir/containers.conf.d"
  local settings='[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"'
  printf '%s\n' "$settings" > "$conf"
  printf '%s\n' "$settings" > "$conf_dir/containers.conf.d/50-nanoclaw.conf"
  export CONTAINERS_CONF="$conf"

  if ! podman image exists "$image"; then
    local build
    build="$(mktemp -d)"
    mkdir -p "$build/rootfs/bin" "$build/rootfs/tmp"
    cp /bin/busybox "$build/rootfs/bin/busybox"
    local applet
    for applet in $(/bin/busybox --list); do
      [ "$applet" = busybox ] || ln -sf busybox "$build/rootfs/bin/$applet"
    done
    tar -C "$build/rootfs" -cf "$build/rootfs.tar" .
    podman import --change 'ENV PATH=/bin' "$build/rootfs.tar" "$image" >/dev/null
    rm -rf "$build"
  fi
  echo "podman $(podman --version | awk '{print $3}') ready; image $image"
}

nanoclaw_setup_podman
