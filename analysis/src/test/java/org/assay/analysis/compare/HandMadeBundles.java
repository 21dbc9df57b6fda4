package org.assay.analysis.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.InvocationResult;
import org.assay.results.PlannedInvocation;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.Status;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small finished bundles with given machines and samples, as a run would. */
final class HandMadeBundles {

    private final Path dir;
    private final String host;
    private String instanceType;
    private String cpuModel = "Test CPU 1000";
    private List<Integer> cpus = List.of(0, 1);
    private String cpusOption;
    private final Map<String, Result> results = new LinkedHashMap<>();

    record Result(String metric, int threads, String unit, boolean higherIsBetter, List<Double> samples) {
    }

    HandMadeBundles(Path dir, String host) {
        this.dir = dir;
        this.host = host;
    }

    HandMadeBundles instanceType(String t) {
        this.instanceType = t;
        return this;
    }

    HandMadeBundles cpus(List<Integer> c) {
        this.cpus = c;
        this.cpusOption = c.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        return this;
    }

    HandMadeBundles result(String metric, double... samples) {
        return result(metric, 1, "ops/s", true, samples);
    }

    HandMadeBundles result(String metric, int threads, String unit, boolean higherIsBetter, double... samples) {
        List<Double> s = new ArrayList<>();
        for (double v : samples) {
            s.add(v);
        }
        results.put(metric + "/" + threads, new Result(metric, threads, unit, higherIsBetter, s));
        return this;
    }

    Path write() throws IOException {
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        inv.putObject("os").put("hostname", host);
        ObjectNode cpu = inv.putObject("cpu");
        cpu.put("name", cpuModel);
        cpu.put("onlineCpus", "0-1");
        ObjectNode virt = inv.putObject("virtualization");
        if (instanceType != null) {
            virt.put("dmiProductName", instanceType);
        } else {
            virt.putNull("dmiProductName");
        }
        List<PlannedInvocation> plan = new ArrayList<>();
        for (Result r : results.values()) {
            plan.add(new PlannedInvocation(id(r), r.metric(), r.metric(), Map.of("n", 64), r.threads(),
                    cpus.subList(0, Math.min(cpus.size(), r.threads())), 1.0));
        }
        RunManifest m = RunManifest.builder().assayVersion("test").host(host).suite("quick")
                .start("2026-01-01T00:00:00Z").inventory(inv).plan(plan)
                .command(cpusOption == null ? List.of("assay", "run", "--out", dir.toString())
                        : List.of("assay", "run", "--cpus", cpusOption, "--out", dir.toString())).build();
        try (BundleWriter w = BundleWriter.create(dir, m)) {
            for (Result r : results.values()) {
                double mean = r.samples().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                w.append(InvocationResult.builder().invocationId(id(r)).workload(r.metric()).definitionVersion(1)
                        .metric(r.metric()).params(Map.of("n", 64)).threads(r.threads())
                        .requestedCpus(cpus.subList(0, Math.min(cpus.size(), r.threads())))
                        .unit(r.unit()).higherIsBetter(r.higherIsBetter()).score(mean).samples(r.samples())
                        .status(Status.ok).start("2026-01-01T00:00:01Z").end("2026-01-01T00:00:02Z").build());
            }
            w.finish(m.withEnd("2026-01-01T00:01:00Z", RunStatus.complete, null, null));
        }
        return dir;
    }

    private static String id(Result r) {
        return r.metric() + "[n=64,threads=" + r.threads() + "]";
    }
}
