package org.assay.harness.storage;

import org.HdrHistogram.Histogram;
import org.assay.harness.plan.PlanEntry;
import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.assay.workloads.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A storage invocation's results completed from what the harness knows beside JMH's score: the
 * latency histogram (into {@code histograms/} and as percentiles), IOPS and bandwidth in both MB/s
 * (10^6 bytes) and MiB/s (2^20 bytes), and {@code settings.storage} (file system, device, I/O mode,
 * label).
 */
public final class StorageResults {

    private StorageResults() {
    }

    public static InvocationResult complete(InvocationResult r, PlanEntry e, Path forkLogs, BundleWriter writer,
                                            StorageRun run) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>(r.settings() == null ? Map.of() : r.settings());
        settings.put("storage", run.settings());
        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>(r.secondary() == null ? Map.of() : r.secondary());
        if (r.status() == Status.ok) {
            Path bundleLog = writer.histogramPath(r.invocationId());
            Histogram total = LatencyHistograms.merge(forkLogs, bundleLog);
            if (total != null) {
                secondary.putAll(LatencyHistograms.percentiles(total));
                settings.put("histogram", BundleFormat.HISTOGRAMS_DIR + "/" + bundleLog.getFileName());
            } else {
                java.nio.file.Files.deleteIfExists(bundleLog);
            }
            if (r.score() != null) {
                double perOp = e.workload().scorePerOp(e.params(), e.threads());
                double iops = r.score() / perOp;
                double bytes = iops * Workload.longParam(e.params(), "blockSize");
                secondary.put("storage.iops", new SecondaryMetric(iops, "IOPS"));
                secondary.put("storage.bandwidth", new SecondaryMetric(bytes / 1e6, "MB/s"));
                secondary.put("storage.bandwidth.mib", new SecondaryMetric(bytes / (1 << 20), "MiB/s"));
            }
        }
        return r.toBuilder().settings(settings).secondary(secondary).build();
    }

    /** Every result of the invocation, completed. */
    public static List<InvocationResult> completeAll(List<InvocationResult> rs, PlanEntry e, Path forkLogs,
                                                     BundleWriter writer, StorageRun run) throws IOException {
        List<InvocationResult> out = new java.util.ArrayList<>();
        for (InvocationResult r : rs) {
            out.add(complete(r, e, forkLogs, writer, run));
        }
        return out;
    }
}
