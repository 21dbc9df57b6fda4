package org.assay.results;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed, realistic values for tests: every field set, nothing left at a default. */
final class Fixtures {

    private Fixtures() {
    }

    static Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        // Order is deliberate (not alphabetical) and types are the ones Jackson reads back:
        // Integer for small integers, Long beyond 2^31, Double for fractions.
        params.put("workingSetBytes", 4_294_967_296L);
        params.put("stride", 64);
        params.put("scalar", 3.0);
        params.put("layout", "interleaved");
        return params;
    }

    static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("forks", 1);
        settings.put("warmupIterations", 3);
        settings.put("warmupTime", "1 s");
        settings.put("measurementIterations", 5);
        settings.put("measurementTime", "2 s");
        settings.put("jvm", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        settings.put("jdkVersion", "17.0.15");
        settings.put("mode", "thrpt");
        return settings;
    }

    static PlannedInvocation planned(String id) {
        return planned(id, List.of(0, 2));
    }

    static PlannedInvocation planned(String id, List<Integer> cpus) {
        return new PlannedInvocation(id, "memory.bandwidth.triad", "memory.bandwidth.triad", params(), cpus.size(),
                cpus, 14.5);
    }

    static InvocationResult result(String id) {
        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>();
        secondary.put("energy.package", new SecondaryMetric(0.125, "J/op"));
        secondary.put("temperature.max", new SecondaryMetric(71.0, "°C"));
        secondary.put("ipc", new SecondaryMetric(null, "insn/cycle"));
        return InvocationResult.builder()
                .invocationId(id)
                .workload("memory.bandwidth.triad")
                .definitionVersion(2)
                .metric("memory.bandwidth.triad")
                .params(params())
                .threads(2)
                .requestedCpus(List.of(0, 2))
                .cpus(List.of(0, 3))
                .unit("GB/s")
                .higherIsBetter(true)
                .score(18.25)
                .scoreError(0.5)
                .ci(List.of(17.75, 18.75))
                .samples(List.of(18.0, 18.5, 18.25, 18.1, 18.4))
                .status(Status.ok)
                .secondary(secondary)
                .start("2026-11-22T10:15:03Z")
                .end("2026-11-22T10:15:21.5Z")
                .settings(settings())
                .placement(List.of(
                        new WorkerPlacement(0, 0, "0,8", "0-15", 0, 0, 0, List.of(0), 0, WorkerPlacement.AS_PLANNED, null),
                        new WorkerPlacement(1, 2, "2,10", "0-15", 0, 0, 2, List.of(2, 3), 3, WorkerPlacement.MISPLACED,
                                "worker 1 planned on CPU 2 ran on CPU 3 (iteration)")))
                .build();
    }

    static RunManifest manifest() {
        ObjectNode inventory = BundleFormat.mapper().createObjectNode();
        inventory.put("cpuModel", "AMD EPYC 7R13 Processor");
        inventory.put("logicalCpus", 8);
        inventory.putArray("cacheBytes").add(32768).add(524288).add(33554432);
        return RunManifest.builder()
                .assayVersion("0.1.0")
                .commit("528cccf0123456789abcdef0123456789abcdef0")
                .dirty(Boolean.FALSE)
                .command(List.of("assay", "run", "--suite", "quick", "--cpus", "0,2"))
                .workingDirectory("/home/perf")
                .host("bench-01")
                .suite("quick")
                .start("2026-11-22T10:15:03Z")
                .inventory(inventory)
                .environment(List.of(new EnvironmentCheck("cpufreq.governor", "performance", null),
                        new EnvironmentCheck("transparentHugepages", "always",
                                "THP is 'always': latency results depend on page size"),
                        new EnvironmentCheck("swap", null, "could not read /proc/swaps")))
                .probes(List.of(new ProbeStatus("rapl", true, null, null),
                        new ProbeStatus("msr", false, "/dev/cpu/0/msr missing",
                                "modprobe msr; run as root or with CAP_SYS_RAWIO")))
                .plan(List.of(planned("memory.bandwidth.triad[threads=2]")))
                .build();
    }

    static RunManifest finished() {
        return manifest().withEnd("2026-11-22T10:20:00Z", RunStatus.complete, null, Termination.normal);
    }
}
