# The assay image: the launcher and the shaded jar on a JDK 17+ runtime, run as a non-root user.
#
#   podman build -t assay .                      # or: docker build -t assay .
#   podman run --rm assay --version
#   podman run --rm assay run --smoke --only cpu.primes.sieve --out /tmp/smoke
#
# Build arguments:
#   BUILD_BASE  the build stage's image: any JDK 17+ image with a POSIX shell (./mvnw fetches
#               Maven and the dependencies from Maven Central). Default: eclipse-temurin 17 JDK.
#   BASE        the runtime image: JDK or JRE 17+ with `java` on PATH (or JAVA_HOME set), bash,
#               coreutils, findutils, sed and useradd, i.e. a Debian or Ubuntu based image.
#               Default: eclipse-temurin 17 JRE. A local base works the same way:
#               --build-arg BASE=localhost/assay-jdk:17 (deploy/test-image.sh makes one).
#   ARTIFACTS   "build" (default): the jar is built in the build stage from the sources.
#               "prebuilt": the jar the host already built (./mvnw -B -DskipTests package) is
#               copied in instead, for a machine whose build containers cannot reach Maven Central.
#
# Running it (docs/fleet.md has the details, and the Kubernetes Job):
#   - Unprivileged by default; nothing needs --privileged. Without extra flags the msr and
#     cpuid probes report themselves unavailable with the reason, and every workload still runs.
#   - MSR and CPUID probes: --device /dev/cpu (every /dev/cpu/N/msr and /cpuid node) and
#     --cap-add SYS_RAWIO (the msr driver checks it on open). The nodes are root-only (mode
#     0600), so also --user 0: root inside the container, still with only the default
#     capabilities plus SYS_RAWIO. The host needs the modules loaded (modprobe msr cpuid).
#   - CPUs: Assay reads the container's cgroup (cpuset, CPU quota, memory limit) and its
#     affinity mask, and pins workers only inside that set. Give the container whole CPUs
#     (--cpuset-cpus 2-7) rather than a quota (--cpus 6): a quota throttles a pinned worker
#     and pre-flight warns about it (cgroup.cpu.quota).
#   - The host instead of the container: -v /:/host:ro and `assay run --root /host` reads the
#     host's /proc, /sys and /dev/cpu (docs/probes.md).

ARG BUILD_BASE=docker.io/library/eclipse-temurin:17-jdk
ARG BASE=docker.io/library/eclipse-temurin:17-jre
ARG ARTIFACTS=build

# ---- build: the shaded jar from the sources (tests are CI's job, not the image's) ----
FROM ${BUILD_BASE} AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds (BuildKit, buildah and podman all support it).
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
    && test -f harness/target/assay.jar

# ---- prebuilt: the host's jar, when the build stage cannot download Maven and the dependencies ----
FROM scratch AS prebuilt
COPY assay /src/assay
COPY harness/target/assay.jar /src/harness/target/assay.jar
COPY harness/target/classes/org/assay/harness/execution/jvm-flags.properties \
     /src/harness/target/classes/org/assay/harness/execution/jvm-flags.properties

FROM ${ARTIFACTS} AS artifacts

# ---- runtime ----
FROM ${BASE}
# A fixed numeric uid, so Kubernetes' runAsNonRoot can check it without a user database.
RUN useradd --uid 10001 --user-group --create-home --home-dir /home/assay --shell /bin/bash assay
# The launcher expects the jar and the JVM flags the build wrote at these paths below its own
# directory; with no sources beside them it never tries to rebuild.
COPY --from=artifacts /src/assay /opt/assay/assay
COPY --from=artifacts /src/harness/target/assay.jar /opt/assay/harness/target/assay.jar
COPY --from=artifacts /src/harness/target/classes/org/assay/harness/execution/jvm-flags.properties \
     /opt/assay/harness/target/classes/org/assay/harness/execution/jvm-flags.properties
# ASSAY_LAUNCHER is what run.json records as the command's first word, so a bundle says
# `assay run ...` rather than the launcher's path.
# A UTF-8 locale: without one the JVM writes '?' for the summary's '±'.
ENV PATH=/opt/assay:$PATH \
    ASSAY_LAUNCHER=assay \
    LANG=C.UTF-8
USER 10001:10001
WORKDIR /home/assay
ENTRYPOINT ["/opt/assay/assay"]
CMD ["--help"]
