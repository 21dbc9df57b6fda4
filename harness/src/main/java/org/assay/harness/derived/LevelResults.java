package org.assay.harness.derived;

import org.assay.analysis.CacheLevelDetector;
import org.assay.analysis.CacheLevelDetector.Level;
import org.assay.analysis.CacheLevelDetector.Point;
import org.assay.probes.topology.CacheLevel;
import org.assay.results.InvocationResult;
import org.assay.results.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives {@code memory.latency.level} results from the random-pattern chase results of a run:
 * the plateaus {@link CacheLevelDetector} finds, each beside the size the OS reports for that
 * level ({@code settings.reportedBytes}, one instance of the data or unified cache). The
 * harness appends them to the bundle after the chase invocations ran; they are results like any
 * other so reports and comparisons can use them.
 */
public final class LevelResults {

    static final String METRIC = "memory.latency.level";
    static final String CHASE = "memory.latency.chase";
    /** 2: knees where the climb is steepest, not above a fixed x1.68 per doubling (merged a soft L2-L3 knee). */
    static final int DEFINITION_VERSION = 2;

    private LevelResults() {
    }

    public static List<InvocationResult> derive(List<InvocationResult> results, List<CacheLevel> caches) {
        List<Point> curve = new ArrayList<>();
        InvocationResult any = null;
        for (InvocationResult r : results) {
            if (CHASE.equals(r.metric()) && r.status() == Status.ok && r.score() != null
                    && !r.params().containsKey("strideBytes") && !"huge".equals(r.params().get("thp"))
                    && r.params().get("workingSetBytes") instanceof Number n) {
                curve.add(new Point(n.longValue(), r.score()));
                any = r;
            }
        }
        if (any == null) {
            return List.of();
        }
        List<Level> levels = CacheLevelDetector.detect(curve);
        long llc = reported(caches, Integer.MAX_VALUE);
        String now = Instant.now().toString();
        List<InvocationResult> out = new ArrayList<>();
        for (Level l : levels) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("level", l.name());
            params.put("detectedBytes", l.detectedBytes());
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("harness", "derived");
            settings.put("derivedFrom", CHASE);
            settings.put("method", "plateaus of the random chase curve; a knee is a step of elasticity > "
                    + CacheLevelDetector.STEEP + ", or > " + CacheLevelDetector.RISING
                    + " and steeper than both neighbours; score = median plateau latency");
            settings.put("plateauBytes", l.plateau().stream().map(Point::bytes).toList());
            boolean dram = "DRAM".equals(l.name());
            long reported = dram ? llc : reported(caches, Integer.parseInt(l.name().substring(1)));
            if (reported > 0) {
                settings.put(dram ? "reportedLastLevelCacheBytes" : "reportedBytes", reported);
                boolean ok = dram ? l.detectedBytes() <= 2 * reported : CacheLevelDetector.withinOneStep(l.detectedBytes(), reported);
                settings.put("matchesReported", ok);
                if (!ok) {
                    settings.put("finding", dram
                            ? "DRAM latency only from " + mib(l.detectedBytes()) + ", past twice the reported "
                              + mib(reported) + " last-level cache"
                            : l.name() + " behaves like " + mib(l.detectedBytes()) + " although the OS reports "
                              + mib(reported) + " (a VM often gets a slice of a shared cache)");
                }
            }
            List<Double> samples = l.plateau().stream().map(Point::latencyNs).toList();
            out.add(InvocationResult.builder().invocationId(SweepResults.id(METRIC, params, 1)).workload(METRIC)
                    .definitionVersion(DEFINITION_VERSION).metric(METRIC).params(params).threads(1)
                    .requestedCpus(any.requestedCpus()).cpus(any.cpus()).unit(any.unit()).higherIsBetter(false)
                    .score(l.latencyNs()).samples(samples).status(Status.ok).start(now).end(now).settings(settings)
                    .build());
        }
        return out;
    }

    /** One instance of the data or unified cache at {@code level}; the highest level for MAX_VALUE. */
    static long reported(List<CacheLevel> caches, int level) {
        CacheLevel best = null;
        for (CacheLevel c : caches) {
            if ("Instruction".equals(c.type())) {
                continue;
            }
            if (level == Integer.MAX_VALUE ? best == null || c.level() > best.level() : c.level() == level) {
                best = c;
            }
        }
        return best == null ? 0 : best.sizeBytes();
    }

    private static String mib(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
