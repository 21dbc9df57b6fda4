#!/usr/bin/env bash
# Least privilege (docs/probes.md, "Least privilege"): a short run works as an ordinary user, and
# the only differences from the same run as root are which probes are available. Creates a user
# (useradd), runs `assay probes --json` and a short `assay run` as that user and as root, and
# compares: probe availability (only the probes in the allowed list may differ), the plan, every
# invocation's status, the pre-flight check names, and that each bundle verifies. Also checks that
# the user is told why MSR is unavailable and how to fix it.
#
#   .ci/nonroot-check.sh [--allow ID,ID...] [--only GLOBS]
#
# Needs root (to create the user); skips with the reason otherwise. Runs a few seconds of
# workloads under --smoke, not the quick suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# Probes that need privileges an ordinary user lacks: the MSR and CPUID device nodes (mode 0600,
# CAP_SYS_RAWIO), RAPL energy (root-only since the PLATYPUS fix), system-wide hardware counters
# (perf_event_paranoid), and the readings that fall back to MSRs (clock via APERF/MPERF, throttle).
allow="msr,cpuid,rapl.energy,perf.counters,frequency,throttle,thermal"
only="cpu.primes.sieve,memory.latency.chase,storage.randread"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --allow) allow="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "nonroot-check: unknown argument $1 (expected --allow ID,... or --only GLOBS)" >&2; exit 2 ;;
  esac
done

echo "== least privilege: .ci/nonroot-check.sh (allowed to differ: $allow)"
if [[ "$(id -u)" -ne 0 ]]; then
  echo "nonroot-check: skipped: must start as root, to create the user it runs Assay as"
  exit 0
fi
if ! command -v jq >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq
fi
user=assay-nonroot
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
fi

./assay --version >/dev/null     # builds the jar on first use

# The checkout may sit where the user cannot read (/root): run a copy of the launcher and jar.
work="$(mktemp -d /tmp/assay-nonroot.XXXXXX)"
trap 'rm -rf "$work"' EXIT
flags=harness/target/classes/org/assay/harness/execution/jvm-flags.properties
mkdir -p "$work/app/harness/target/$(dirname "${flags#harness/target/}")"
cp assay "$work/app/"
cp harness/target/assay.jar "$work/app/harness/target/"
cp "$flags" "$work/app/$flags"
chmod -R a+rX "$work"
chmod 755 "$work"
install -d -m 755 "$work/root"
install -d -m 755 -o "$user" "$work/user"

java_home="${JAVA_HOME:-}"
as() {   # as root|user COMMAND...: run in $work/<who>, with the same JDK and JMH settings
  local who="$1"; shift
  local envs=(HOME="$work/$who" PATH="$PATH" ASSAY_JAVA_OPTS="-Djmh.ignoreLock=true" ASSAY_LAUNCHER=assay)
  [[ -n "$java_home" ]] && envs+=(JAVA_HOME="$java_home")
  if [[ "$who" == root ]]; then
    (cd "$work/root" && env "${envs[@]}" "$@")
  else
    (cd "$work/user" && runuser -u "$user" -- env "${envs[@]}" "$@")
  fi
}

failed=0
fail() { echo "nonroot-check: FAIL: $*"; failed=1; }

for who in root user; do
  echo "== $who: assay probes --json"
  as "$who" "$work/app/assay" probes --json >"$work/$who.probes.json"
  echo "== $who: assay run --smoke --only $only --threads 1"
  if ! as "$who" "$work/app/assay" run --smoke --only "$only" --threads 1 --progress plain --probe-rate 2 \
      --out "$work/$who/bundle" >"$work/$who.run.log" 2>&1; then
    tail -n 20 "$work/$who.run.log"
    fail "the run as $who failed"
  fi
  if ! as "$who" "$work/app/assay" verify "$work/$who/bundle"; then
    fail "the bundle written as $who does not verify"
  fi
done

allowed() { [[ ",$allow," == *",$1,"* ]]; }

# Availability per probe id, from `assay probes --json` and from each bundle's run.json.
compare_availability() {   # compare_availability LABEL JQ-FILTER ROOT-FILE USER-FILE
  local label="$1" filter="$2"
  local rootmap usermap
  rootmap="$(jq -r "$filter" "$3" | sort)"
  usermap="$(jq -r "$filter" "$4" | sort)"
  printf '%-14s %-6s %-6s %s\n' "probe ($label)" root user verdict
  local ids
  ids="$(printf '%s\n%s\n' "$rootmap" "$usermap" | cut -f1 | sort -u)"
  for id in $ids; do
    local r u
    r="$(printf '%s\n' "$rootmap" | awk -F'\t' -v id="$id" '$1 == id {print $2}')"
    u="$(printf '%s\n' "$usermap" | awk -F'\t' -v id="$id" '$1 == id {print $2}')"
    local verdict=same
    if [[ "$r" != "$u" ]]; then
      if allowed "$id"; then verdict="differs (allowed)"; else verdict="DIFFERS"; fail "$label: probe $id is $r as root, $u as the user"; fi
    fi
    printf '%-14s %-6s %-6s %s\n' "$id" "${r:--}" "${u:--}" "$verdict"
  done
}
compare_availability "probes" '.probes[] | "\(.id)\t\(.available)"' "$work/root.probes.json" "$work/user.probes.json"
if [[ -f "$work/root/bundle/run.json" && -f "$work/user/bundle/run.json" ]]; then
  compare_availability "run.json" '.probes[] | "\(.id)\t\(.available)"' "$work/root/bundle/run.json" "$work/user/bundle/run.json"

  same() {   # same WHAT JQ-FILTER FILE-SUFFIX [slurp]
    local what="$1" filter="$2" file="$3" slurp="${4:-}"
    local r u
    r="$(jq -c $slurp "$filter" "$work/root/bundle/$file")"
    u="$(jq -c $slurp "$filter" "$work/user/bundle/$file")"
    if [[ "$r" == "$u" ]]; then echo "same $what: $r" | cut -c1-160; else fail "$what differ: root $r, user $u"; fi
  }
  same "plan" '[.plan[].invocationId]' run.json
  same "pre-flight check names" '[.environment[].name]' run.json
  same "run status" '.status' run.json
  same "invocation statuses" '[.[] | {invocationId, status}]' results.jsonl -s
  for who in root user; do
    if [[ "$(jq -s 'length > 0 and all(.status == "ok")' "$work/$who/bundle/results.jsonl")" != true ]]; then
      fail "not every invocation of the run as $who is ok"
    fi
  done
fi

msr="$(jq -r '.probes[] | select(.id == "msr") | "\(.available)\t\(.reason // "")\t\(.fix // "")"' "$work/user.probes.json")"
IFS=$'\t' read -r available reason fix <<<"$msr"
if [[ "$available" == "true" ]]; then
  echo "msr is readable by the user (CAP_SYS_RAWIO and a readable node): nothing to explain"
elif [[ -z "$reason" || -z "$fix" ]]; then
  fail "assay probes as the user says msr is unavailable without saying why and how to fix it"
else
  echo "as the user, msr: $reason; fix: $fix"
  if [[ "$fix" != *CAP_SYS_RAWIO* ]]; then
    fail "the msr fix shown to the user does not name CAP_SYS_RAWIO"
  fi
fi

if [[ "$failed" -ne 0 ]]; then
  echo "nonroot-check: FAILED"
  exit 1
fi
echo "nonroot-check: OK: as an ordinary user only the availability of allowed probes differs ($allow)"
