package org.assay.workloads.memory;

import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory.numa.latency} (ns per dependent load, a DRAM-sized random chase) and
 * {@code memory.numa.bandwidth} (GB/s, the read kernel at one thread) for every cell of the
 * {@link NumaMatrix}, CPU node x memory node.
 *
 * <p>One invocation measures the whole matrix: params {@code cpuNodes} (the rows), {@code rowCpus}
 * (the CPU each row's worker runs on, the first usable CPU of its node), {@code memNodes} (the
 * columns, every node of the machine), {@code nodes} (how many it has; 1 means the matrix is the
 * single local cell) and the size. In the fork the worker builds one buffer per memory node,
 * each allocated and first-touched while its allocations are bound to that node, then measures
 * the cells in rotation as the chase measures its working sets ({@link #sweepPoints}): row by
 * row, the worker moving to the row's CPU, every cell its own result with its own samples and
 * interval. A fork per cell (definition 1) spent most of an 8-node matrix starting JVMs and
 * building the same buffers again: 128 forks and ~6.5 minutes of the quick suite, against two.
 */
final class NumaWorkload extends OneThreadWorkload {

    private final boolean latency;

    NumaWorkload(boolean latency) {
        super(latency ? "memory.numa.latency" : "memory.numa.bandwidth", 2,
                "org.assay.workloads.jmh.NumaBench." + (latency ? "latency" : "bandwidth"),
                latency ? "ns" : "GB/s", !latency,
                latency
                        ? "NUMA matrix of chase latency, CPU node x memory node (1x1 on a single-node machine), ns per load"
                        : "NUMA matrix of read bandwidth at one thread, CPU node x memory node (1x1 on one node), GB/s");
        this.latency = latency;
    }

    /** The matrix's rows, CPUs and columns come from the topology: a node the machine lacks would fail in the fork. */
    @Override public java.util.Set<String> derivedParams() {
        return java.util.Set.of("cpuNodes", "rowCpus", "memNodes", "nodes");
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        long bytes = ChaseWorkload.largestSet(Suite.standard, sizing);
        if (sizing.topology() == null) {
            // a sizes-only context knows no layout: the one cell every machine has, on the planned CPU
            return List.of(params(List.of(new NumaMatrix.Row(0, -1)), List.of(0), bytes));
        }
        // the run's layout (under --root when given), never a second reading of the live machine
        NumaMatrix m = NumaMatrix.of(sizing.topology(), sizing.usableCpus());
        if (m.rows().isEmpty()) {
            return List.of();
        }
        return List.of(params(m.rows(), m.memNodes(), bytes));
    }

    /** The worker starts on the first row's CPU (the fork moves it row by row); the planner's CPU where none is known. */
    @Override
    public List<Integer> workerCpus(Map<String, Object> params, List<Integer> planned, SizingContext sizing) {
        if (planned.size() != 1 || !params.containsKey("rowCpus")) {
            return planned;
        }
        int first = ints(params, "rowCpus").get(0);
        return first >= 0 ? List.of(first) : planned;
    }

    private Map<String, Object> params(List<NumaMatrix.Row> rows, List<Integer> memNodes, long bytes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("cpuNodes", join(rows.stream().map(NumaMatrix.Row::cpuNode).toList()));
        p.put("rowCpus", join(rows.stream().map(NumaMatrix.Row::cpu).toList()));
        p.put("memNodes", join(memNodes));
        p.put("nodes", memNodes.size());
        p.put(sizeKey(), latency ? bytes : bytes / Double.BYTES);
        return p;
    }

    private static String join(List<Integer> values) {
        StringBuilder b = new StringBuilder();
        for (int n : values) {
            b.append(b.length() > 0 ? "," : "").append(n);
        }
        return b.toString();
    }

    private String sizeKey() {
        return latency ? "workingSetBytes" : "arrayElements";
    }

    @Override
    public Map<String, Object> testParams() {
        return params(List.of(new NumaMatrix.Row(0, -1)), List.of(0), latency ? 1L << 20 : 1L << 17);
    }

    /** One point per cell, row by row: the cell's nodes and the size. */
    @Override
    public List<Map<String, Object>> sweepPoints(Map<String, Object> params) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int cpuNode : ints(params, "cpuNodes")) {
            for (int memNode : ints(params, "memNodes")) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("cpuNode", cpuNode);
                p.put("memNode", memNode);
                p.put("nodes", params.get("nodes"));
                p.put(sizeKey(), params.get(sizeKey()));
                points.add(p);
            }
        }
        return points;
    }

    static List<Integer> ints(Map<String, Object> params, String key) {
        Object v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing parameter " + key);
        }
        List<Integer> out = new ArrayList<>();
        for (String s : String.valueOf(v).split(",")) {
            try {
                out.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be numbers separated by commas, got '" + v + "'");
            }
        }
        return out;
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        requireOneThread(threads, "the NUMA matrix measures one worker, row by row");
        List<Integer> memNodes = ints(params, "memNodes");
        List<Integer> cpuNodes = ints(params, "cpuNodes");
        List<Integer> rowCpus = ints(params, "rowCpus");
        for (int node : concat(memNodes, cpuNodes)) {
            if (node < 0 || node >= 64) {
                throw new IllegalArgumentException("cpuNodes and memNodes must be node numbers 0..63, got "
                        + params.get("cpuNodes") + " and " + params.get("memNodes"));
            }
        }
        if (rowCpus.size() != cpuNodes.size()) {
            throw new IllegalArgumentException("rowCpus must name one CPU per row of cpuNodes, got "
                    + params.get("rowCpus") + " for " + params.get("cpuNodes"));
        }
        long bytes = latency ? Workload.longParam(params, "workingSetBytes")
                : Workload.longParam(params, "arrayElements") * Double.BYTES * 3;
        if (latency && (bytes > ChaseWorkload.MAX_WORKING_SET || bytes % 64 != 0 || bytes < 128)) {
            throw new IllegalArgumentException("workingSetBytes must be a multiple of 64 from 128 bytes to 1 GiB, got " + bytes);
        }
        // every column's buffer lives at once, as the chase's working sets do, plus the scrub buffer
        long need = (latency ? ChaseWorkload.sweepBytes(java.util.Collections.nCopies(memNodes.size(), bytes))
                : bytes * memNodes.size()) + bytes / 2;
        if (sizing.availableMemoryBytes() > 0 && need > sizing.availableMemoryBytes() / 2) {
            throw new IllegalArgumentException("the NUMA matrix needs " + (need >> 20) + " MiB (" + memNodes.size()
                    + " buffers) but only " + (sizing.availableMemoryBytes() >> 20) + " MiB are available");
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return latency ? 1.0 // NumaBench.latency declares @OperationsPerInvocation: ns per load
                : 8.0 * Workload.longParam(params, "arrayElements") / 1e9;
    }

    /**
     * Two warm-up iterations (the JIT warms the one walk or pass every cell shares; each
     * iteration's set-up re-warms its own buffer) and five measured iterations per cell per fork
     * (the suite's count where it is smaller), each 1/25 of the suite's iteration (20 ms in quick, 40 ms in standard: ~160 000 DRAM
     * loads, or 3-6 passes over a 128 MiB array): one DRAM-bound number per sample needs no
     * longer, and with 64 cells the per-iteration cost is what the matrix's time is made of.
     */
    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        int cells = sweepPoints(params).size();
        MeasurementSettings s = base.shortened(25, 25);
        return new MeasurementSettings(s.forks(), Math.min(2, s.warmupIterations()), s.warmupMillis(),
                cells * Math.min(5, s.measurementIterations()), s.measurementMillis());
    }

    /**
     * JVM start aside: building each column's buffer (a chase permutation, or three arrays), and
     * the scrub before each move to another row (half a buffer written at ~5 GB/s, taken as eight
     * rounds over the rows, the standard suite's).
     */
    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        int columns = ints(params, "memNodes").size();
        int rows = ints(params, "cpuNodes").size();
        long buffer = latency ? Workload.longParam(params, "workingSetBytes") : 8 * Workload.longParam(params, "arrayElements");
        double gb = columns * (latency ? buffer : 3 * buffer) / 1e9;
        double scrubs = rows > 1 ? rows * 8 * (buffer / 2 / 5e9) : 0;
        return 0.3 + (latency ? 1.2 : 0.5) * gb + scrubs;
    }
}
