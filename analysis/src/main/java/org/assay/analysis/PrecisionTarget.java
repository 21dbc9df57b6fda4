package org.assay.analysis;

import java.util.List;
import java.util.Locale;

/**
 * A precision target for one invocation: measure until the half-width of its
 * {@link ForkAwareInterval} is at most {@code fraction} of the score, or until {@code maxSeconds}
 * of wall time are spent, and say which.
 *
 * <p>More measurement can only come as more forks (JMH fixes the iteration count of a run, and a
 * new run is a new JVM), so the one choice is how many iterations the next fork gets. The
 * variance of a fork mean is {@code sb^2 + sw^2 / n}: between-fork variance plus within-fork
 * variance over its n iterations. While the within-fork part dominates, longer forks pay (the
 * next fork gets twice the iterations, at most four times the plan); once the between-fork part
 * dominates only more forks help, and they get the planned count. A target is reached only with
 * at least two forks: one JVM cannot show what another would measure.
 */
public record PrecisionTarget(double fraction, double maxSeconds) {

    public static final int MAX_ITERATION_FACTOR = 4;

    public PrecisionTarget {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("precision must be above 0% and below 100%, got " + fraction);
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("time budget must be positive, got " + maxSeconds);
        }
    }

    /** What to do after a measurement. */
    public enum Verdict { REACHED, CONTINUE, NOT_REACHED }

    /** @param nextIterations for {@link Verdict#CONTINUE}, the measured iterations of the next fork */
    public record Decision(Verdict verdict, int nextIterations, String outcome) {
    }

    /**
     * @param perFork         the samples so far, per fork
     * @param elapsedSeconds  wall time spent on the invocation so far
     * @param forkSeconds     cost of one more fork besides its measured iterations (JVM start, warm-up)
     * @param iterationSeconds cost of one measured iteration
     * @param plannedIterations the plan's measured iterations per fork
     */
    public Decision decide(List<List<Double>> perFork, double elapsedSeconds, double forkSeconds,
                           double iterationSeconds, int plannedIterations) {
        ForkAwareInterval iv = ForkAwareInterval.of(perFork);
        double rel = iv.relativeHalfWidth();
        if (iv.forks() >= 2 && rel <= fraction) {
            return new Decision(Verdict.REACHED, 0, String.format(Locale.ROOT, "reached: half-width %s <= %s after %s",
                    percent(rel), percent(fraction), shape(iv)));
        }
        int next = nextIterations(perFork, plannedIterations);
        double cost = forkSeconds + next * iterationSeconds;
        if (elapsedSeconds + cost > maxSeconds) {
            return new Decision(Verdict.NOT_REACHED, 0, String.format(Locale.ROOT,
                    "not reached: budget spent (%.0f s of %.0f s, another fork needs ~%.0f s), half-width %s after %s",
                    elapsedSeconds, maxSeconds, cost, Double.isNaN(rel) ? "unknown" : percent(rel), shape(iv)));
        }
        return new Decision(Verdict.CONTINUE, next, null);
    }

    /** Twice the current mean iterations while within-fork noise dominates the fork means, else the plan. */
    static int nextIterations(List<List<Double>> perFork, int planned) {
        List<List<Double>> forks = perFork.stream().filter(f -> f.size() >= 2).toList();
        if (forks.size() < 2) {
            return planned;
        }
        double within = forks.stream().mapToDouble(f -> {
            double s = ForkAwareInterval.stdDev(f);
            return s * s;
        }).average().orElse(Double.NaN);
        double n = forks.stream().mapToInt(List::size).average().orElse(planned);
        double sm = ForkAwareInterval.stdDev(forks.stream().map(ForkAwareInterval::mean).toList());
        double between = Math.max(0, sm * sm - within / n);
        if (within / n > between) {
            return (int) Math.min((long) Math.ceil(2 * n), (long) MAX_ITERATION_FACTOR * planned);
        }
        return planned;
    }

    /** "5 iterations x 3 forks", or "5+5+10 iterations in 3 forks" when the forks differ. */
    public static String shape(ForkAwareInterval iv) {
        List<Integer> c = iv.iterationsPerFork();
        boolean same = c.stream().distinct().count() == 1;
        if (same) {
            return c.get(0) + " iterations x " + c.size() + (c.size() == 1 ? " fork" : " forks");
        }
        return String.join("+", c.stream().map(String::valueOf).toList()) + " iterations in " + c.size() + " forks";
    }

    public static String percent(double fraction) {
        double p = 100 * fraction;
        return (p >= 10 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.2g", p)) + "%";
    }
}
