#!/usr/bin/env bash
# The export tests (PrometheusServersTest, InfluxServerTest) start their own Prometheus,
# Pushgateway and InfluxDB 1.x in a temporary directory, on free loopback ports, and stop them.
# This script only makes sure the binaries are there, and that the Debian services the packages
# start on installation are not left running: they would listen on 9090, 9091 and 8086 on every
# address, for nothing. Idempotent; never fails the CI run (the tests then skip, saying why).
set -u

packages=()
[[ -x /usr/bin/prometheus ]] || packages+=(prometheus)
[[ -x /usr/bin/prometheus-pushgateway ]] || packages+=(prometheus-pushgateway)
[[ -x /usr/bin/influxd ]] || packages+=(influxdb)
if ((${#packages[@]})); then
  echo "installing ${packages[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; }; then
    echo "warning: could not install ${packages[*]}; the tests that need them will skip" >&2
  fi
fi

for service in prometheus prometheus-pushgateway influxdb; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then
    systemctl stop "$service" && systemctl disable --quiet "$service" 2>/dev/null || true
  elif command -v service >/dev/null && service "$service" status >/dev/null 2>&1; then
    service "$service" stop >/dev/null 2>&1 || true
  fi
done

for bin in prometheus prometheus-pushgateway; do
  command -v "$bin" >/dev/null && echo "$("$bin" --version 2>&1 | head -n 1)"
done
command -v influxd >/dev/null && influxd version 2>&1 | head -n 1
exit 0
