package org.assay.harness.command;

import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.Suite;

/** One-line descriptions of the suites, with the JMH settings they imply. */
final class SuiteText {
    private SuiteText() {
    }

    static String summary(Suite s) {
        MeasurementSettings m = MeasurementSettings.forSuite(s);
        String what = switch (s) {
            case quick -> "one size per workload at 1 worker and all cores: a first answer in a few minutes";
            case standard -> "size sweeps at 1 worker and all cores; headline sizes on the ladder 1, 2, 4 ..."
                    + " one L3, one node, one socket, all cores, all hardware threads; tighter intervals";
            case thorough -> "full sweeps, every size and every power of two on the ladder, more forks:"
                    + " for acceptance and published results";
        };
        return what + " (" + m.forks() + " fork(s), " + m.warmupIterations() + "x" + m.warmupMillis()
                + " ms warm-up, " + m.measurementIterations() + "x" + m.measurementMillis() + " ms measured)";
    }
}
