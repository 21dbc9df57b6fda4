package org.assay.analysis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.EnvironmentCheck;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeSample;
import org.assay.results.ProbeStatus;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished bundle with something for every chart: a chase curve with two levels, triad
 * bandwidth at 1, 2 and 4 threads, a CPU kernel at 1, 2 and 4 threads, and probes.csv with clock,
 * temperature, power and steal around two workloads. Its host name and a warning carry markup, to
 * check that the page escapes them.
 */
final class ReportFixtures {

    static final String HOSTILE_HOST = "box<script>alert('x')</script>";

    private ReportFixtures() {
    }

    static Path write(Path dir, String host, double speed) throws IOException {
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        inv.putObject("os").put("hostname", host).put("name", "Test OS").put("kernel", "6.1");
        inv.putObject("cpu").put("name", "Test CPU <b>9000</b>").put("sockets", 1).put("physicalCores", 4)
                .put("logicalCpus", 4).put("onlineCpus", "0-3");
        ArrayNode caches = inv.putArray("caches");
        caches.addObject().put("label", "L1d").put("type", "Data").put("sizeBytes", 32768);
        caches.addObject().put("label", "L2").put("type", "Unified").put("sizeBytes", 1048576);
        inv.putObject("peak").put("gflopsFp64", 200.0).put("physicalCores", 4).put("isa", "AVX2");
        List<EnvironmentCheck> env = List.of(new EnvironmentCheck("os.loadavg", "3.1", "load <high> & rising"),
                new EnvironmentCheck("memory.swap", "off", null));
        List<ProbeStatus> probes = List.of(new ProbeStatus("frequency", true, "cpufreq", null),
                new ProbeStatus("thermal", true, "coretemp", null),
                new ProbeStatus("rapl.energy", true, "powercap", null),
                new ProbeStatus("host.procstat", true, "/proc/stat", null),
                new ProbeStatus("msr", false, "/dev/cpu/0/msr missing", "modprobe msr"));
        RunManifest m = RunManifest.builder().assayVersion("test").commit("abc123").host(host).suite("quick")
                .start("2026-01-01T00:00:00Z").inventory(inv).environment(env).probes(probes)
                .command(List.of("./assay", "run", "--only", "cpu.*", "--out", dir.toString()))
                .workingDirectory("/work").build();
        try (BundleWriter w = BundleWriter.create(dir, m)) {
            long[] sets = {16384, 65536, 262144, 4194304, 67108864};
            double[] ns = {1.2, 3.5, 4.0, 12.0, 90.0};
            for (int i = 0; i < sets.length; i++) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("workingSetBytes", sets[i]);
                w.append(result("memory.latency.chase", p, 1, "ns", false, ns[i] / speed));
            }
            Map<String, Object> l1 = new LinkedHashMap<>();
            l1.put("level", "L1d");
            l1.put("detectedBytes", 16384);
            w.append(result("memory.latency.level", l1, 1, "ns", false, 1.2));
            Map<String, Object> l2 = new LinkedHashMap<>();
            l2.put("level", "L2");
            l2.put("detectedBytes", 262144);
            w.append(result("memory.latency.level", l2, 1, "ns", false, 4.0));
            for (int t : new int[]{1, 2, 4}) {
                w.append(result("memory.bandwidth.triad", Map.of("arrayBytes", 1 << 26), t, "GB/s", true,
                        speed * 10 * Math.min(t, 3)));
                w.append(result("cpu.dgemm", Map.of("n", 512), t, "GFLOP/s", true, speed * 20 * t * 0.9));
            }
            Map<String, Object> rr = new LinkedHashMap<>();
            rr.put("pattern", "RAND_READ");
            rr.put("blockSize", 4096);
            rr.put("queueDepth", 1);
            w.append(withLatency(result("storage.randread", rr, 1, "IOPS", true, speed * 14000), "storage.latency.", "µs",
                    storageThroughput(speed * 14000, speed * 14000 * 4096 / 1e6), 62, 87, 161, 669, 1971, 2546));
            Map<String, Object> sr = new LinkedHashMap<>();
            sr.put("pattern", "SEQ_READ");
            sr.put("blockSize", 1 << 20);
            sr.put("queueDepth", 1);
            w.append(withLatency(result("storage.seqread", sr, 1, "MB/s", true, speed * 1369), "storage.latency.", "µs",
                    storageThroughput(speed * 1306, speed * 1369), 700, 900, 1500, 3000, 4000, 5000));
            w.append(withLatency(result("network.tcp.rr", Map.of("messageBytes", 1), 2, "transactions/s", true,
                    speed * 12000), "latency.", "us", Map.of(), 72, 97, 193, 2049, Double.NaN, 6836));
            List<ProbeSample> samples = new ArrayList<>();
            Instant t0 = Instant.parse("2026-01-01T00:00:01Z");
            samples.add(new ProbeSample(t0.toString(), "workload.start", "cpu.dgemm[n=512,threads=1]", Double.NaN, ""));
            for (int i = 0; i < 40; i++) {
                String ts = t0.plusMillis(100L * i).toString();
                if (i == 20) {
                    samples.add(new ProbeSample(ts, "workload.end", "cpu.dgemm[n=512,threads=1]", Double.NaN, ""));
                    samples.add(new ProbeSample(ts, "workload.start", "cpu.dgemm[n=512,threads=4]", Double.NaN, ""));
                }
                samples.add(new ProbeSample(ts, "freq.cpufreq", "cpu0", 3000 + 10 * (i % 7), "MHz"));
                samples.add(new ProbeSample(ts, "temp.package", "package0", 50 + i * 0.5, "°C"));
                samples.add(new ProbeSample(ts, "rapl.package.power", "package0", 40 + (i > 20 ? 30 : 0), "W"));
                samples.add(new ProbeSample(ts, "cpu.steal", "", i % 10 == 0 ? 1.5 : 0.0, "%"));
            }
            samples.add(new ProbeSample(t0.plusMillis(4000).toString(), "workload.end", "cpu.dgemm[n=512,threads=4]",
                    Double.NaN, ""));
            w.appendProbeSamples(samples);
            w.finish(m.withEnd("2026-01-01T00:01:00Z", RunStatus.complete, null, null));
        }
        return dir;
    }

    /**
     * A result carrying {@code extra} and a latency summary under {@code prefix} (p50, p90, p99,
     * p99.9, p99.99, max; NaN: absent), as the storage and socket workloads write them.
     */
    private static InvocationResult withLatency(InvocationResult r, String prefix, String unit,
                                                Map<String, SecondaryMetric> extra, double... v) {
        String[] names = {"p50", "p90", "p99", "p99.9", "p99.99", "max"};
        Map<String, SecondaryMetric> sec = new LinkedHashMap<>(extra);
        for (int i = 0; i < names.length; i++) {
            if (!Double.isNaN(v[i])) {
                sec.put(prefix + names[i], new SecondaryMetric(v[i], unit));
            }
        }
        return r.toBuilder().secondary(sec).build();
    }

    private static Map<String, SecondaryMetric> storageThroughput(double iops, double mbps) {
        Map<String, SecondaryMetric> sec = new LinkedHashMap<>();
        sec.put("storage.iops", new SecondaryMetric(iops, "IOPS"));
        sec.put("storage.bandwidth", new SecondaryMetric(mbps, "MB/s"));
        return sec;
    }

    private static InvocationResult result(String metric, Map<String, Object> params, int threads, String unit,
                                           boolean higher, double score) {
        List<Double> samples = List.of(score * 0.99, score, score * 1.01, score * 1.005, score * 0.995);
        String id = metric + params.toString().replace(" ", "") + "[threads=" + threads + "]";
        return InvocationResult.builder().invocationId(id).workload(metric).definitionVersion(1).metric(metric)
                .params(params).threads(threads).unit(unit).higherIsBetter(higher).score(score)
                .scoreError(score * 0.02).ci(List.of(score * 0.98, score * 1.02)).samples(samples)
                .status(Status.ok).start("2026-01-01T00:00:01Z").end("2026-01-01T00:00:05Z").build();
    }
}
