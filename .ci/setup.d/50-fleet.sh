#!/usr/bin/env bash
# The Kubernetes manifests' schema test (harness KubernetesManifestsTest): Node.js and the npm
# package kubernetes-models (validators generated from the Kubernetes OpenAPI document), in
# ~/.cache/assay-k8s-models. kubectl, where installed, renders the Kustomize tree (no cluster
# needed). Without them those tests skip and say why. The container image test
# (deploy/test-image.sh) is not run here: a first run debootstraps Debian and installs a JDK,
# several minutes; docs/fleet.md describes running it by hand.
set -uo pipefail
dir="$HOME/.cache/assay-k8s-models"
version=5.1.0
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null 2>&1 \
    || echo "50-fleet: could not install nodejs and npm: the Kubernetes schema tests will skip"
fi
if command -v npm >/dev/null; then
  installed="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/kubernetes-models/package.json" 2>/dev/null | head -n 1)"
  if [[ "$installed" != "$version" ]]; then
    mkdir -p "$dir"
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$dir" "kubernetes-models@$version" >/dev/null 2>&1 \
      || echo "50-fleet: npm install kubernetes-models@$version failed: the Kubernetes schema tests will skip"
  fi
fi
command -v kubectl >/dev/null || echo "50-fleet: no kubectl: the rendered Kustomize tree is not checked"
exit 0
