#!/usr/bin/env bash
# Builds the Assay image (Dockerfile) on a local Debian base and runs Assay inside it:
# `assay --version`, then a smoke run of one workload as the image's non-root user with a
# read-only root file system, then `assay verify` of the bundle it wrote.
#
#   deploy/test-image.sh              the jar built on the host is copied in (ARTIFACTS=prebuilt);
#                                     the launcher builds it first if it is missing or stale
#   deploy/test-image.sh --from-source  the build stage runs ./mvnw in the container (downloads
#                                     Maven and every dependency from Maven Central: minutes)
#
# No registry image is needed: the base is made with debootstrap from the Debian mirror and
# imported with `podman import`; a JDK is installed on it from the same mirror. Both are
# cached (the tarball in $ASSAY_IMAGE_CACHE, the images in podman's store), so a second run
# only builds the Assay layers. Prints "test-image: SKIPPED: <reason>" and exits 0 when this
# machine cannot do it (no podman, no debootstrap, not root, no network to the mirror).
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  echo "test-image: SKIPPED: $*"
  exit 0
}
fail() {
  echo "test-image: FAILED: $*" >&2
  exit 1
}

from_source=false
case "${1:-}" in
  --from-source) from_source=true ;;
  "") ;;
  *) echo "test-image: unknown argument '$1' (use --from-source or nothing)" >&2; exit 2 ;;
esac

suite="${DEBIAN_SUITE:-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${ASSAY_IMAGE_CACHE:-$HOME/.cache/assay-image}"
debian_image="localhost/assay-debian:$suite"
image="localhost/assay:test"

command -v podman >/dev/null || skip "podman is not installed (apt-get install podman)"
[[ "$(id -u)" == 0 ]] || skip "debootstrap and podman import need root here"
podman info >/dev/null 2>&1 || skip "podman cannot run here: $(podman info 2>&1 | tail -n 1)"

started=$SECONDS
step() { echo "== test-image [$((SECONDS - started))s] $*"; }

# 1. A minimal Debian as an image, from the mirror.
if ! podman image exists "$debian_image"; then
  tarball="$cache/debian-$suite-minbase.tar"
  if [[ ! -s "$tarball" ]]; then
    command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install debootstrap)"
    step "debootstrap $suite from $mirror"
    root="$(mktemp -d)"
    trap 'rm -rf "$root"' EXIT
    debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1 \
      || { tail -n 5 "$root.log"; skip "debootstrap of $suite from $mirror failed (log: $root.log)"; }
    rm -f "$root.log"
    # apt in the image uses the same mirror; no package lists or caches in the tarball.
    echo "deb $mirror $suite main" >"$root/etc/apt/sources.list"
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
    mkdir -p "$cache"
    tar -C "$root" --numeric-owner -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$root"
    trap - EXIT
  fi
  step "podman import $tarball"
  podman import "$tarball" "$debian_image" >/dev/null
fi

# How containers can run here. A host where podman's defaults fail is still usable with lower
# resource limits (no CAP_SYS_RESOURCE to raise them) or with runc (crun refuses a hybrid
# cgroup tree that has controllers on its v2 side): the first way that starts a container is
# used for the build and the runs, and the script says which.
podman_global=()
container_flags=()
pick_runtime() {
  local soft hard err=""
  soft="$(ulimit -Sn)"
  hard="$(ulimit -Hn)"
  local limits=(--ulimit "nofile=$soft:$hard" --ulimit nproc=32768:32768)
  local candidates=("default||" "lower limits||${limits[*]}")
  command -v runc >/dev/null && candidates+=("runc, lower limits|--runtime runc|${limits[*]}")
  for c in "${candidates[@]}"; do
    local name="${c%%|*}" rest="${c#*|}"
    read -r -a podman_global <<<"${rest%%|*}"
    read -r -a container_flags <<<"${rest#*|}"
    if err="$(podman "${podman_global[@]}" run --rm "${container_flags[@]}" "$debian_image" true 2>&1)"; then
      step "containers run with: $name ${podman_global[*]} ${container_flags[*]}"
      return 0
    fi
  done
  skip "no way to start a container here (last error: $(tail -n 1 <<<"$err"))"
}
pick_runtime

# 2. A JDK on it (the build stage compiles; the runtime needs only a JRE, one base keeps it simple).
# ca-certificates-java: without it the JDK trusts no certificate, and ./mvnw in the build stage
# cannot fetch from Maven Central. The tag names the recipe, so a changed recipe is rebuilt.
jdk_recipe="FROM $debian_image
RUN apt-get update -qq \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \\
      openjdk-17-jdk-headless ca-certificates ca-certificates-java passwd \\
 && rm -rf /var/lib/apt/lists/*"
jdk_image="localhost/assay-jdk:17-$suite-$(sha256sum <<<"$jdk_recipe" | cut -c1-8)"
if ! podman image exists "$jdk_image"; then
  step "JDK 17 image on $debian_image"
  ctx="$(mktemp -d)"
  printf '%s\n' "$jdk_recipe" >"$ctx/Containerfile"
  podman "${podman_global[@]}" build -q "${container_flags[@]}" -t "$jdk_image" "$ctx" >/dev/null || { rm -rf "$ctx"; fail "installing the JDK on $debian_image"; }
  rm -rf "$ctx"
fi

# 3. The Assay image.
if $from_source; then
  artifacts=build
else
  artifacts=prebuilt
  step "host jar (./assay builds it if missing or stale)"
  ./assay --version >/dev/null
fi
step "podman build ARTIFACTS=$artifacts BASE=BUILD_BASE=$jdk_image"
podman "${podman_global[@]}" build -q "${container_flags[@]}" -t "$image" --build-arg BASE="$jdk_image" --build-arg BUILD_BASE="$jdk_image" \
  --build-arg ARTIFACTS="$artifacts" -f Dockerfile . >/dev/null || fail "podman build"

# 4. Assay inside it, as the image's own user, root file system read-only.
step "assay --version in the image"
version="$(podman "${podman_global[@]}" run --rm "${container_flags[@]}" "$image" --version)" || fail "assay --version in the image"
echo "$version"
[[ "$(podman "${podman_global[@]}" run --rm "${container_flags[@]}" --entrypoint id "$image" -u)" == 10001 ]] || fail "the image does not run as uid 10001"

step "assay run --smoke --only cpu.primes.sieve in the image (read-only root, 1 CPU, /results volume)"
results="$(mktemp -d)"
chmod 0777 "$results"
trap 'rm -rf "$results"' EXIT
podman "${podman_global[@]}" run --rm "${container_flags[@]}" --read-only --tmpfs /tmp --cpuset-cpus 0 -v "$results:/results" \
  -e ASSAY_JAVA_OPTS=-Djmh.ignoreLock=true "$image" \
  run --smoke --only cpu.primes.sieve --progress plain --probe-rate 0 --out /results/smoke \
  || fail "the smoke run in the image"
podman "${podman_global[@]}" run --rm "${container_flags[@]}" -v "$results:/results:ro" "$image" verify /results/smoke || fail "assay verify of the image's bundle"
grep -q '"status" *: *"ok"' "$results/smoke/results.jsonl" || fail "no ok result in the smoke bundle"
grep -q '"cpus" *: *\[ *0 *\]' "$results/smoke/results.jsonl" \
  || fail "the worker did not run on the container's cpuset (CPU 0): $(grep -o '"cpus" *: *\[[^]]*\]' "$results/smoke/results.jsonl" | head -n 1)"
step "done"
echo "test-image: passed ($(( SECONDS - started ))s): $version"
