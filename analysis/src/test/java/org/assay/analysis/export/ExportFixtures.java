package org.assay.analysis.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A closed, verifiable bundle with what an exporter must get right: several categories and
 * units (GB/s, ns, ops/s, transactions/s), parameters (one with a space, comma and quote), an
 * interval or none, secondary figures (one with no reading), a failed result whose reason
 * spans two lines, and an instance type with spaces, commas and parentheses (a KVM guest's DMI
 * product name).
 */
public final class ExportFixtures {

    public static final String HOST = "bench-01";
    public static final String INSTANCE_TYPE = "Standard PC (Q35 + ICH9, 2009)";
    public static final String CPU = "AMD EPYC 7R13 Processor";
    public static final String TRIAD_END = "2026-11-22T10:15:21.500Z";

    private ExportFixtures() {
    }

    public static Path bundle(Path dir) throws IOException {
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        inv.putObject("cpu").put("name", CPU);
        inv.putObject("virtualization").put("dmiProductName", INSTANCE_TYPE);
        inv.putObject("os").put("hostname", HOST);
        RunManifest m = RunManifest.builder().assayVersion("0.1.0").commit("528cccf0123456789abcdef0123456789abcdef0")
                .dirty(false).host(HOST).suite("quick").inventory(inv).start("2026-11-22T10:15:03Z")
                .command(List.of("assay", "run")).build();
        try (BundleWriter w = BundleWriter.create(dir, m)) {
            for (InvocationResult r : results()) {
                w.append(r);
            }
            w.finish(m.withEnd("2026-11-22T10:20:00Z", RunStatus.partial, "1 of 5 invocations failed", null));
        }
        return dir;
    }

    static List<InvocationResult> results() {
        Map<String, Object> triadParams = new LinkedHashMap<>();
        triadParams.put("workingSetBytes", 4294967296L);
        triadParams.put("layout", "inter leaved, \"x\"");
        Map<String, SecondaryMetric> triadSecondary = new LinkedHashMap<>();
        triadSecondary.put("energy.package", new SecondaryMetric(0.125, "J/op"));
        triadSecondary.put("temperature.max", new SecondaryMetric(71.0, "°C"));
        triadSecondary.put("ipc", new SecondaryMetric(null, "insn/cycle"));
        triadSecondary.put("host.steal", new SecondaryMetric(0.4, "%"));
        InvocationResult triad = InvocationResult.builder().invocationId("memory.bandwidth.triad[threads=2]")
                .workload("memory.bandwidth.triad").definitionVersion(2).metric("memory.bandwidth.triad")
                .params(triadParams).threads(2).requestedCpus(List.of(0, 1)).cpus(List.of(0, 1)).unit("GB/s")
                .higherIsBetter(true).score(18.25).scoreError(0.5).ci(List.of(17.75, 18.75))
                .samples(List.of(18.0, 18.5, 18.25)).status(Status.ok).secondary(triadSecondary)
                .start("2026-11-22T10:15:03Z").end(TRIAD_END).build();
        InvocationResult failed = InvocationResult.builder().invocationId("memory.bandwidth.triad[threads=4]")
                .workload("memory.bandwidth.triad").definitionVersion(2).metric("memory.bandwidth.triad")
                .params(triadParams).threads(4).unit("GB/s").higherIsBetter(true).status(Status.failed)
                .reason("fork exited with status 137\n(killed: out of memory?)")
                .start("2026-11-22T10:15:22Z").end("2026-11-22T10:15:30Z").build();
        InvocationResult chase = InvocationResult.builder().invocationId("memory.latency.chase[workingSetBytes=32768]")
                .workload("memory.latency.chase").definitionVersion(1).metric("memory.latency.chase")
                .params(Map.of("workingSetBytes", 32768L)).threads(1).unit("ns").higherIsBetter(false)
                .score(1.25).scoreError(0.05).ci(List.of(1.2, 1.3)).samples(List.of(1.2, 1.25, 1.3))
                .secondary(Map.of("latency.cycles", new SecondaryMetric(4.5, "cycles"))).status(Status.ok)
                .start("2026-11-22T10:16:00Z").end("2026-11-22T10:16:40Z").build();
        InvocationResult rr = InvocationResult.builder().invocationId("network.tcp.rr[threads=1]")
                .workload("network.tcp.rr").definitionVersion(1).metric("network.tcp.rr").threads(1)
                .unit("transactions/s").higherIsBetter(true).score(41234.5).samples(List.of(41234.5))
                .secondary(Map.of("latency.p99.9", new SecondaryMetric(87.5, "µs"))).status(Status.ok)
                .start("2026-11-22T10:17:00Z").end("2026-11-22T10:17:30Z").build();
        InvocationResult sieve = InvocationResult.builder().invocationId("cpu.primes.sieve[limit=10000000]")
                .workload("cpu.primes.sieve").definitionVersion(1).metric("cpu.primes.sieve")
                .params(Map.of("limit", 10_000_000L)).threads(1).unit("ops/s").higherIsBetter(true)
                .score(123.456).scoreError(1.5).ci(List.of(121.956, 124.956)).samples(List.of(122.0, 123.456, 125.0))
                .status(Status.ok).start("2026-11-22T10:18:00Z").end("2026-11-22T10:19:00Z").build();
        return List.of(triad, failed, chase, rr, sieve);
    }
}
