package org.assay.harness.interop;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The intervals of imported figures, against values worked out by hand from t tables. */
class ToolIntervalsTest {

    @Test
    void oneJobsSummaryGivesTTimesSdOverRootN() {
        // t(0.9995, 4) = 8.6103; 8.6103 * 10 / sqrt(5) = 38.506
        ToolIntervals.Interval iv = ToolIntervals.fromSummaries(1000, List.of(new ToolIntervals.Summary(990, 10, 5)), "s");
        assertEquals(38.506, iv.halfWidth(), 0.001);
        assertEquals(List.of(1000 - iv.halfWidth(), 1000 + iv.halfWidth()), iv.ci(), "centred on the tool's figure, not its samples' mean");
        assertEquals(4, iv.interval().get("degreesOfFreedom"));
        assertEquals("within-run", iv.interval().get("method"));
        assertEquals(5L, iv.interval().get("toolSamples"));
    }

    @Test
    void twoEqualJobsAddVariancesWithWelchSatterthwaiteDegrees() {
        // var of the sum of means = 2 * 100/5 = 40; df = 40^2 / (2 * 20^2 / 4) = 8; t(0.9995, 8) = 5.0413
        ToolIntervals.Interval iv = ToolIntervals.fromSummaries(2000, List.of(new ToolIntervals.Summary(1000, 10, 5),
                new ToolIntervals.Summary(1000, 10, 5)), "s");
        assertEquals(5.0413 * Math.sqrt(40), iv.halfWidth(), 0.001);
        assertEquals(8, iv.interval().get("degreesOfFreedom"));
    }

    @Test
    void oneSampleOrNoSpreadFigureHasNoInterval() {
        ToolIntervals.Interval one = ToolIntervals.fromSummaries(1000, List.of(new ToolIntervals.Summary(1000, 0, 1)), "s");
        assertNull(one.halfWidth());
        assertNull(one.ci());
        assertNull(one.interval().get("halfWidth"));
        ToolIntervals.Interval nan = ToolIntervals.fromSummaries(1000, List.of(new ToolIntervals.Summary(1000, Double.NaN, 6)), "s");
        assertNull(nan.halfWidth());
    }

    @Test
    void perIntervalSamplesGiveStudentTCentredOnTheScore() {
        // mean 10, sd 1 (values 9, 10, 11), t(0.9995, 2) = 31.599; 31.599 / sqrt(3) = 18.244
        ToolIntervals.Interval iv = ToolIntervals.fromSamples(10.5, List.of(9.0, 10.0, 11.0), "s");
        assertEquals(18.244, iv.halfWidth(), 0.001);
        assertEquals(10.5 - 18.244, iv.ci().get(0), 0.001);
        assertEquals(List.of(3), iv.interval().get("iterationsPerFork"));
        assertNull(ToolIntervals.fromSamples(10, List.of(10.0), "s").halfWidth(), "one interval: no interval");
    }
}
