package org.assay.harness.burnin;

import org.assay.results.ProbeSample;

import org.assay.harness.execution.RunObserver;

import java.util.List;

/**
 * The latest probe readings a burn-in watches, fed by the run's probe sampler (the same samples
 * that go to {@code probes.csv}): the hottest temperature now and over the run, the mean clock,
 * package power. Read by the live view, the metrics and the temperature limit.
 */
public final class ProbeWatch implements RunObserver {

    private volatile double temperature = Double.NaN;
    private volatile double maxTemperature = Double.NaN;
    private volatile double clockMHz = Double.NaN;
    private volatile double powerWatts = Double.NaN;

    @Override
    public void probed(List<ProbeSample> rows) {
        double hottest = Double.NaN;
        double clockSum = 0;
        int clocks = 0;
        String clockName = null;
        double power = Double.NaN;
        for (ProbeSample r : rows) {
            double v = r.value();
            if (!Double.isFinite(v)) {
                continue;
            }
            if ("°C".equals(r.unit())) {
                hottest = Double.isNaN(hottest) ? v : Math.max(hottest, v);
            } else if (r.probe().startsWith("freq.")) {
                // the best clock source present: effective (APERF/MPERF), then cpufreq, then the estimate
                if (clockName == null || rank(r.probe()) < rank(clockName)) {
                    clockName = r.probe();
                    clockSum = 0;
                    clocks = 0;
                }
                if (r.probe().equals(clockName)) {
                    clockSum += v;
                    clocks++;
                }
            } else if (r.probe().startsWith("rapl.") && r.probe().endsWith(".power") && r.probe().contains("package")) {
                power = Double.isNaN(power) ? v : power + v;
            }
        }
        if (!Double.isNaN(hottest)) {
            temperature = hottest;
            maxTemperature = Double.isNaN(maxTemperature) ? hottest : Math.max(maxTemperature, hottest);
        }
        if (clocks > 0) {
            clockMHz = clockSum / clocks;
        }
        if (!Double.isNaN(power)) {
            powerWatts = power;
        }
    }

    private static int rank(String probe) {
        return switch (probe) {
            case "freq.effective" -> 0;
            case "freq.cpufreq" -> 1;
            default -> 2;
        };
    }

    public double temperature() {
        return temperature;
    }

    public double maxTemperature() {
        return maxTemperature;
    }

    public double clockMHz() {
        return clockMHz;
    }

    public double powerWatts() {
        return powerWatts;
    }
}
