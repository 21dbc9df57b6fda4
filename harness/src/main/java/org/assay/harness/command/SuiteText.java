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
            case quick -> "one size per workload at 1 and N threads: a first answer in about a minute";
            case standard -> "size and thread sweeps, tighter intervals";
            case thorough -> "full sweeps, more forks: for acceptance and published results";
        };
        return what + " (" + m.forks() + " fork(s), " + m.warmupIterations() + "x" + m.warmupMillis()
                + " ms warm-up, " + m.measurementIterations() + "x" + m.measurementMillis() + " ms measured)";
    }
}
