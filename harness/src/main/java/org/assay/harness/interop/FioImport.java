package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationId;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.assay.workloads.Workload;
import org.assay.workloads.kernel.IoPattern;
import org.assay.workloads.storage.StorageWorkload;
import org.assay.workloads.storage.StorageWorkloads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fio's {@code --output-format=json} as {@code storage.*} results, one per job (jobs of one name
 * in one group, fio's {@code numjobs}, are one result with that many threads), named, measured
 * and parameterised as Assay's storage workloads are, so an imported {@code randread} at 4 KiB and
 * queue depth 32 lines up with Assay's {@code storage.randread} at the same parameters:
 *
 * <ul>
 *   <li>metric from {@code rw} ({@code read} → {@code storage.seqread}, {@code randread} →
 *       {@code storage.randread}, ..., {@code write} with {@code fdatasync=1} → {@code storage.fsync}),
 *       score in the workload's unit: IOPS for random patterns and fdatasync, MB/s (10^6 bytes) for
 *       sequential ones;</li>
 *   <li>params {@code pattern}, {@code blockSize} ({@code bs}, fio's default 4096),
 *       {@code fileBytes} ({@code size}), {@code queueDepth} ({@code iodepth}; 1 for a synchronous
 *       engine, which ignores it), {@code preconditionPasses} 0, and {@code readPercent}
 *       ({@code rwmixread}) for the mix; threads = {@code numjobs};</li>
 *   <li>secondary {@code storage.iops}, {@code storage.bandwidth} (MB/s), {@code storage.bandwidth.mib}
 *       and {@code storage.latency.p50 ... p99.99, max, mean} (µs) and {@code count} (ops), from the
 *       completion latency {@code clat_ns} that fio gives percentiles of by default, or the total
 *       {@code lat_ns} when the file has its percentiles ({@code --lat_percentiles=1}).</li>
 * </ul>
 *
 * <p>Pitfalls avoided: fio's own percentiles of several jobs cannot be merged (they are per job),
 * so they are given only for one job or with {@code group_reporting}; a mix's read and write
 * latencies are separate distributions and keep separate names ({@code storage.latency.read.*});
 * and fio writes no host name, CPU or memory: only the disks it saw ({@code disk_util}).
 */
public final class FioImport {

    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final Pattern SIZE = Pattern.compile("(?i)^(\\d+)\\s*([kmgtp]?)(i?b)?$");
    private static final List<String> SYNC_ENGINES = List.of("sync", "psync", "vsync", "pvsync", "pvsync2");

    private FioImport() {
    }

    public static ToolImport read(JsonNode root, String file) throws ImportException {
        String version = JsonValues.text(root.get("fio version"));
        JsonNode jobs = root.path("jobs");
        if (!jobs.isArray() || jobs.isEmpty()) {
            throw new ImportException(file + ": fio output with no jobs, nothing to import"
                    + " (give the JSON of a fio run that measured, e.g. fio --name=randread --rw=randread ... --output-format=json)");
        }
        JsonNode global = root.path("global options");
        Map<String, List<JsonNode>> byJob = new LinkedHashMap<>();
        for (JsonNode j : jobs) {
            String name = JsonValues.text(j.get("jobname"));
            byJob.computeIfAbsent(j.path("groupid").asInt(0) + "/" + name, k -> new ArrayList<>()).add(j);
        }
        long reportMillis = root.path("timestamp_ms").asLong(root.path("timestamp").asLong(0) * 1000);
        String end = reportMillis > 0 ? Instant.ofEpochMilli(reportMillis).toString() : null;
        List<InvocationResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String earliest = end;
        for (List<JsonNode> entries : byJob.values()) {
            InvocationResult r = job(entries, global, end, file, notes);
            results.add(r);
            if (r.start() != null && (earliest == null || r.start().compareTo(earliest) < 0)) {
                earliest = r.start();
            }
        }
        notes.add("fio's output names no host, CPU or memory: the machine is unknown beyond the disks fio saw (disk_util)");
        return new ToolImport(ToolFormat.fio, version, results, inventory(root), null, earliest, end, notes, null);
    }

    private static InvocationResult job(List<JsonNode> entries, JsonNode global, String end, String file,
                                        List<String> notes) throws ImportException {
        JsonNode first = entries.get(0);
        String name = JsonValues.text(first.get("jobname"));
        Map<String, String> options = options(global, first.path("job options"));
        String rw = options.getOrDefault("rw", options.getOrDefault("readwrite", "read"));
        boolean syncs = truthy(options.get("fdatasync")) || truthy(options.get("fsync"));
        StorageWorkload w = workload(rw, syncs).orElseThrow(() -> new ImportException(file + ": job '" + name
                + "' has rw=" + rw + ", which no Assay storage workload measures"
                + " (known: read, write, randread, randwrite, randrw, and write with fdatasync=1)"));
        IoPattern pattern = w.pattern();
        Long block = size(first(options.getOrDefault("bs", options.get("blocksize"))));
        if (options.containsKey("bs") && block == null) {
            throw new ImportException(file + ": job '" + name + "' has bs=" + options.get("bs")
                    + ": one block size is needed to line it up with Assay's blockSize (e.g. bs=4k)");
        }
        long blockSize = block == null ? 4096 : block;
        String engine = options.getOrDefault("ioengine", "psync");
        int iodepth = intOption(options, "iodepth", 1);
        int queueDepth = SYNC_ENGINES.contains(engine) ? 1 : iodepth;
        int numjobs = intOption(options, "numjobs", 1);
        Long fileBytes = size(options.get("size"));

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("pattern", pattern.name());
        params.put("blockSize", (int) blockSize);
        if (fileBytes != null) {
            params.put("fileBytes", fileBytes);
        }
        params.put("queueDepth", queueDepth);
        params.put("preconditionPasses", 0);
        if (pattern == IoPattern.RAND_RW) {
            params.put("readPercent", options.containsKey("rwmixread") ? intOption(options, "rwmixread", 50)
                    : 100 - intOption(options, "rwmixwrite", 50));
        }
        if (fileBytes == null) {
            notes.add("job '" + name + "': no size in its options, so no fileBytes parameter (it will not line up with"
                    + " an Assay run, which always has one)");
        }
        String id = InvocationId.of(w.id(), params, numjobs);

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("harness", "fio");
        settings.put("jobName", name);
        settings.put("jobs", entries.size());
        settings.put("ioengine", engine);
        settings.put("iodepth", iodepth);
        settings.put("numjobs", numjobs);
        settings.put("runtimeMillis", first.path("job_runtime").isNumber() ? first.path("job_runtime").asLong() : null);
        settings.put("jobOptions", options);
        Map<String, Object> storage = new LinkedHashMap<>();
        boolean direct = truthy(options.get("direct")) || options.containsKey("buffered") && !truthy(options.get("buffered"));
        storage.put("io", direct ? "direct" : "buffered");
        storage.put("filename", options.get("filename"));
        storage.put("directory", options.get("directory"));
        storage.put("label", direct ? null : "buffered I/O: the page cache's figures, not the device's");
        settings.put("storage", storage);

        long startMillis = end == null ? 0 : Instant.parse(end).toEpochMilli() - first.path("job_runtime").asLong(0);
        String start = end == null ? null : Instant.ofEpochMilli(startMillis).toString();
        InvocationResult.Builder b = InvocationResult.builder().invocationId(id).workload(w.id())
                .definitionVersion(w.definitionVersion()).metric(w.id()).params(params).threads(numjobs)
                .unit(w.unit()).higherIsBetter(w.higherIsBetter()).start(start).end(end);

        int error = entries.stream().mapToInt(e -> e.path("error").asInt(0)).max().orElse(0);
        if (error != 0) {
            return b.status(Status.failed).reason("fio reported error " + error + " for job '" + name + "'")
                    .settings(settings).build();
        }
        List<String> dirs = switch (pattern) {
            case SEQ_READ, RAND_READ -> List.of("read");
            case SEQ_WRITE, RAND_WRITE, SYNC -> List.of("write");
            case RAND_RW -> List.of("read", "write");
        };
        boolean megabytes = "MB/s".equals(w.unit());
        double iops = 0;
        double bwBytes = 0;
        List<ToolIntervals.Summary> spread = new ArrayList<>();
        for (JsonNode e : entries) {
            for (String d : dirs) {
                JsonNode s = e.path(d);
                iops += JsonValues.number(s.get("iops"));
                bwBytes += JsonValues.number(s.get("bw_bytes"));
                spread.add(megabytes
                        // fio's bw samples are KiB/s
                        ? new ToolIntervals.Summary(JsonValues.number(s.get("bw_mean")) * 1024 / 1e6,
                                JsonValues.number(s.get("bw_dev")) * 1024 / 1e6, s.path("bw_samples").asLong(0))
                        : new ToolIntervals.Summary(JsonValues.number(s.get("iops_mean")),
                                JsonValues.number(s.get("iops_stddev")), s.path("iops_samples").asLong(0)));
            }
        }
        double score = megabytes ? bwBytes / 1e6 : iops;
        ToolIntervals.Interval iv;
        if (pattern == IoPattern.RAND_RW) {
            // a mix's read and write samples move together (one queue): their variances do not add
            iv = ToolIntervals.none("fio's read and write samples of a mix are not independent: no interval", 0);
        } else {
            iv = ToolIntervals.fromSummaries(score, spread, megabytes
                    ? "t over fio's bandwidth samples (bw_mean, bw_dev, bw_samples; one per 500 ms by default)"
                    : "t over fio's IOPS samples (iops_mean, iops_stddev, iops_samples; one per 500 ms by default)");
        }
        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>();
        secondary.put("storage.iops", new SecondaryMetric(JsonValues.finite(iops), "IOPS"));
        secondary.put("storage.bandwidth", new SecondaryMetric(JsonValues.finite(bwBytes / 1e6), "MB/s"));
        secondary.put("storage.bandwidth.mib", new SecondaryMetric(JsonValues.finite(bwBytes / (1 << 20)), "MiB/s"));
        if (entries.size() == 1) {
            String source = latencies(first, dirs, secondary, settings);
            settings.put("latencySource", source);
        } else {
            settings.put("latencySource", null);
            notes.add("job '" + name + "': " + entries.size() + " jobs without group_reporting; fio's percentiles are"
                    + " per job and cannot be merged, so there are none (run fio with --group_reporting)");
        }
        secondary.put("cpu.user", new SecondaryMetric(JsonValues.finite(JsonValues.number(first.get("usr_cpu"))), "%"));
        secondary.put("cpu.system", new SecondaryMetric(JsonValues.finite(JsonValues.number(first.get("sys_cpu"))), "%"));
        return b.score(JsonValues.finite(score)).scoreError(iv.halfWidth()).ci(iv.ci()).samples(List.of())
                .status(Status.ok).secondary(secondary).settings(settings).interval(iv.interval()).build();
    }

    /** Latency figures of one job entry, in µs; returns which of fio's latencies they are. */
    private static String latencies(JsonNode job, List<String> dirs, Map<String, SecondaryMetric> out,
                                    Map<String, Object> settings) {
        String source = null;
        for (String d : dirs) {
            JsonNode s = job.path(d);
            // the total latency when fio was asked for its percentiles, else completion latency (fio's default)
            String kind = s.path("lat_ns").has("percentile") ? "lat_ns" : "clat_ns";
            source = kind;
            JsonNode lat = s.path(kind);
            String prefix = dirs.size() == 1 ? "storage.latency." : "storage.latency." + d + ".";
            JsonNode pct = lat.path("percentile");
            for (double p : PERCENTILES) {
                String key = String.format(Locale.ROOT, "%.6f", p);
                String n = prefix + "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p));
                out.put(n, new SecondaryMetric(JsonValues.finite(JsonValues.number(pct.get(key)) / 1e3), "µs"));
            }
            out.put(prefix + "max", new SecondaryMetric(JsonValues.finite(JsonValues.number(lat.get("max")) / 1e3), "µs"));
            out.put(prefix + "mean", new SecondaryMetric(JsonValues.finite(JsonValues.number(lat.get("mean")) / 1e3), "µs"));
            out.put(prefix + "count", new SecondaryMetric(JsonValues.finite(JsonValues.number(lat.get("N"))), "ops"));
        }
        return source;
    }

    /** The storage workload measuring fio's {@code rw} pattern; with fdatasync, fio's write is {@code storage.fsync}. */
    static java.util.Optional<StorageWorkload> workload(String rw, boolean syncs) {
        String fio = syncs && "write".equals(rw) ? IoPattern.SYNC.fioName() : rw;
        for (Workload w : StorageWorkloads.all()) {
            if (w instanceof StorageWorkload s && s.pattern().fioName().equals(fio)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /** The job's options over the global ones, as fio lists them (strings). */
    static Map<String, String> options(JsonNode global, JsonNode job) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode o : List.of(global, job)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /**
     * A fio size in bytes: a number with an optional k, m, g, t, p suffix, base 1024 as fio's
     * default {@code kb_base} reads them ("4k" = 4096, "64m" = 67108864); null when it is not one
     * plain size (a percentage, a range).
     */
    static Long size(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        int power = m.group(2).isEmpty() ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        return n << (10 * power);
    }

    /** The read size of a "read,write" pair ("4k,8k"); the value itself otherwise. */
    private static String first(String value) {
        return value == null ? null : value.split(",", -1)[0];
    }

    /** fio's boolean options: present without value, or a non-zero number. */
    private static boolean truthy(String v) {
        return v != null && (v.isEmpty() || !v.equals("0") && !v.equalsIgnoreCase("false"));
    }

    /** A whole-number option, or {@code otherwise} when absent or not a number. */
    private static int intOption(Map<String, String> options, String key, int otherwise) {
        String v = options.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The disks fio saw, as the inventory names them; null when it reports none. */
    static JsonNode inventory(JsonNode root) {
        JsonNode util = root.path("disk_util");
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        ArrayNode disks = inv.putArray("disks");
        for (JsonNode d : util) {
            ObjectNode disk = disks.addObject();
            disk.put("name", JsonValues.text(d.get("name")));
            if (d.has("util")) {
                disk.put("utilPercent", JsonValues.number(d.get("util")));
            }
        }
        if (disks.isEmpty()) {
            return null;
        }
        inv.putArray("notes").add("from fio's disk_util: the devices fio's jobs used; no other machine facts are in the file");
        return inv;
    }
}
