package org.assay.analysis.judging;

import org.assay.profiles.MetricKey;
import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.assay.results.Status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a bundle measured, as a profile sees it: the ok results with a score, and the others
 * (failed, skipped, no score) kept with their reason, so a metric the profile needs and the run
 * lacks is reported as "failed: ..." rather than as absent.
 */
public final class RunMeasurements {

    private final List<Measurement> measured = new ArrayList<>();
    private final List<InvocationResult> unmeasured = new ArrayList<>();

    private RunMeasurements() {
    }

    public static RunMeasurements of(Bundle bundle) {
        return of(bundle.results());
    }

    public static RunMeasurements of(List<InvocationResult> results) {
        RunMeasurements m = new RunMeasurements();
        for (InvocationResult r : results) {
            if (r.status() == Status.ok && r.score() != null && r.metric() != null) {
                m.measured.add(Measurement.of(r));
            } else if (r.metric() != null) {
                m.unmeasured.add(r);
            }
        }
        return m;
    }

    public List<Measurement> all() {
        return List.copyOf(measured);
    }

    /**
     * The measurements a profile key covers: every one the key matches (a key without some
     * parameter covers every value of it), exact matches only when there are any.
     */
    public List<Measurement> matching(MetricKey key) {
        List<Measurement> exact = measured.stream().filter(m -> m.key().equals(key)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        return measured.stream().filter(m -> key.matches(m.key()))
                .sorted(Comparator.comparing(m -> m.key().toString())).toList();
    }

    /** Why a key has no measurement: the reason of a failed or skipped result it matches, else "not in this run". */
    public String whyMissing(MetricKey key) {
        Optional<InvocationResult> r = unmeasured.stream().filter(u -> key.matches(Measurement.keyOf(u))).findFirst();
        return r.map(u -> u.status() + (u.reason() == null ? "" : ": " + u.reason())).orElse("not in this run");
    }
}
