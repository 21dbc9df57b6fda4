package org.assay.harness.derived;

import org.assay.analysis.CacheLevelDetector;
import org.assay.analysis.CacheLevelDetector.Level;
import org.assay.analysis.CacheLevelDetector.Point;
import org.assay.analysis.CacheLevelMatcher;
import org.assay.analysis.CacheLevelMatcher.Kind;
import org.assay.analysis.CacheLevelMatcher.Named;
import org.assay.analysis.CacheLevelMatcher.Naming;
import org.assay.analysis.CacheLevelMatcher.Reported;
import org.assay.probes.inventory.ByteSizes;
import org.assay.probes.topology.CacheLevel;
import org.assay.results.InvocationId;
import org.assay.results.InvocationResult;
import org.assay.results.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives {@code memory.latency.level} results from the random-pattern chase results of a run:
 * the plateaus {@link CacheLevelDetector} finds, named by {@link CacheLevelMatcher} after the cache
 * the OS reports nearest in size ({@code settings.reportedBytes}, one instance of the data or
 * unified cache), not by their position: a TLB step or a level the sweep starts above does not
 * shift the names of the others. A level no reported cache is near is {@code level=unmatched}
 * with {@code settings.label} "unmatched step at 5.5 KiB"; a finding ("L3 behaves like 3.1 MiB
 * although the OS reports 32 MiB") only when the matcher's evidence rule holds, otherwise
 * {@code settings.evidence} says what was missing. The harness appends them to the bundle after the
 * chase invocations ran; they are results like any other so reports and comparisons can use them.
 */
public final class LevelResults {

    static final String METRIC = "memory.latency.level";
    static final String CHASE = "memory.latency.chase";
    /**
     * 3: named by size, not position; plateaus trimmed of points x1.5 off their median and held over
     * a doubling; an even multi-knee climb ends the level at its start; findings only with clear
     * evidence, none for DRAM's onset. 2: knees where the climb is steepest, not above a fixed x1.68
     * per doubling (merged a soft L2-L3 knee).
     */
    static final int DEFINITION_VERSION = 3;

    private LevelResults() {
    }

    public static List<InvocationResult> derive(List<InvocationResult> results, List<CacheLevel> caches) {
        List<Point> curve = new ArrayList<>();
        Map<Long, List<Double>> rounds = new HashMap<>();
        InvocationResult any = null;
        for (InvocationResult r : results) {
            if (CHASE.equals(r.metric()) && r.status() == Status.ok && r.score() != null
                    && !r.params().containsKey("strideBytes") && !"huge".equals(r.params().get("thp"))
                    && r.params().get("workingSetBytes") instanceof Number n) {
                curve.add(new Point(n.longValue(), r.score()));
                if (r.samples() != null && !r.samples().isEmpty()) {
                    rounds.computeIfAbsent(n.longValue(), k -> new ArrayList<>()).addAll(r.samples());
                }
                any = r;
            }
        }
        if (any == null) {
            return List.of();
        }
        List<Level> levels = CacheLevelDetector.detect(curve);
        List<Reported> reported = reportedCaches(caches);
        Naming naming = CacheLevelMatcher.name(levels, curve, rounds, reported);
        long llc = reported(caches, Integer.MAX_VALUE);
        String now = Instant.now().toString();
        List<InvocationResult> out = new ArrayList<>();
        for (int i = 0; i < naming.levels().size(); i++) {
            Named n = naming.levels().get(i);
            Level l = n.level();
            // with no sizes from the OS (a guest without cpuN/cache) there is nothing to match: the
            // levels keep the detector's plateau-order names, and say so
            boolean unknown = reported.isEmpty() && n.kind() == Kind.UNMATCHED;
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("level", unknown ? l.name() : n.name());
            params.put("detectedBytes", l.detectedBytes());
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("harness", "derived");
            settings.put("derivedFrom", CHASE);
            settings.put("method", "plateaus of the random chase curve (a knee is a step of elasticity > "
                    + CacheLevelDetector.STEEP + ", or > " + CacheLevelDetector.RISING
                    + " and steeper than both neighbours), named after the reported cache nearest in log-size within "
                    + CacheLevelMatcher.NAME_OCTAVES + " octaves; score = median plateau latency");
            settings.put("plateauBytes", l.plateau().stream().map(Point::bytes).toList());
            settings.put("plateauOrder", i + 1);
            settings.put("label", unknown ? l.name() + " by plateau order"
                    : n.kind() == Kind.UNMATCHED ? "unmatched step at " + ByteSizes.format(l.detectedBytes()) : n.name());
            switch (n.kind()) {
                case DRAM -> {
                    if (llc > 0) {
                        settings.put("reportedLastLevelCacheBytes", llc);
                    }
                }
                case MATCHED -> {
                    settings.put("reportedBytes", n.reported().bytes());
                    boolean oneStep = CacheLevelDetector.withinOneStep(l.detectedBytes(), n.reported().bytes());
                    settings.put("matchesReported", oneStep);
                    if (!oneStep) {
                        settings.put("evidence", "named after the nearest reported size, more than one step (x2) from it: "
                                + "too close for a finding");
                    }
                }
                case DIFFERS -> {
                    settings.put("reportedBytes", n.reported().bytes());
                    settings.put("matchesReported", false);
                    settings.put("finding", n.name() + " behaves like " + ByteSizes.format(l.detectedBytes())
                            + " although the OS reports " + ByteSizes.format(n.reported().bytes())
                            + (n.octaves() < 0 ? " (a VM often gets a slice of a shared cache)" : ""));
                    settings.put("evidence", String.format(Locale.ROOT,
                            "x%.1f from the reported size, knee x%.1f, every round at the set nearest the reported size"
                                    + " on the far side of halfway", Math.pow(2, Math.abs(n.octaves())), n.kneeRatio()));
                }
                case UNMATCHED -> {
                    if (n.reported() != null) {
                        settings.put("reportedBytes", n.reported().bytes());
                        settings.put("matchesReported", false);
                    }
                    settings.put("evidence", unknown ? "the OS reports no cache sizes: nothing to match" : doubt(n));
                }
            }
            if (i == naming.levels().size() - 1 && !naming.withoutLevel().isEmpty()) {
                settings.put("reportedWithoutLevel", naming.withoutLevel().stream()
                        .map(r -> r.name() + " " + ByteSizes.format(r.bytes())).toList());
            }
            List<Double> samples = l.plateau().stream().map(Point::latencyNs).toList();
            out.add(InvocationResult.builder().invocationId(InvocationId.of(METRIC, params, 1)).workload(METRIC)
                    .definitionVersion(DEFINITION_VERSION).metric(METRIC).params(params).threads(1)
                    .requestedCpus(any.requestedCpus()).cpus(any.cpus()).unit(any.unit()).higherIsBetter(false)
                    .score(l.latencyNs()).samples(samples).status(Status.ok).start(now).end(now).settings(settings)
                    .build());
        }
        return out;
    }

    /** Why an unmatched level is not a finding, in words. */
    static String doubt(Named n) {
        String reported = n.reported() == null ? "" : n.reported().name() + " " + ByteSizes.format(n.reported().bytes());
        return switch (n.doubt()) {
            case NO_REPORTED_CACHE -> "no reported cache within x2.8 and none left unmatched beside it"
                    + " (a TLB's reach, or a cache the OS does not list)";
            case AMBIGUOUS -> "several unmatched levels or reported caches between the same neighbours:"
                    + " which is which is not clear";
            case TOO_CLOSE -> String.format(Locale.ROOT, "x%.1f from the reported %s: a finding needs x4",
                    Math.pow(2, Math.abs(n.octaves())), reported);
            case SOFT_KNEE -> Double.isNaN(n.kneeRatio()) ? "the curve ends on this level: no knee to judge"
                    : String.format(Locale.ROOT, "the next level is only x%.2f slower: a finding needs x%.0f",
                    n.kneeRatio(), CacheLevelMatcher.CLEAR_KNEE);
            case NOT_MEASURED -> "no set within a factor of two of the reported " + reported;
            case ROUNDS_DISAGREE -> "a round at the set nearest the reported " + reported
                    + " reads on this level's side of halfway";
            case NONE -> "";
        };
    }

    /** One data or unified cache per level, smallest level first, named L1, L2, ... */
    static List<Reported> reportedCaches(List<CacheLevel> caches) {
        TreeMap<Integer, Long> byLevel = new TreeMap<>();
        for (CacheLevel c : caches) {
            if (!"Instruction".equals(c.type()) && c.sizeBytes() > 0) {
                byLevel.putIfAbsent(c.level(), c.sizeBytes());
            }
        }
        List<Reported> out = new ArrayList<>();
        byLevel.forEach((level, bytes) -> out.add(new Reported("L" + level, bytes)));
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

}
