package org.assay.harness.command;

import org.assay.harness.UsageException;
import org.assay.harness.execution.PrecisionGoal;
import org.assay.workloads.Suite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --precision} and {@code --max-time}: the run's {@link PrecisionGoal}, or none. The
 * thorough suite measures towards {@value #THOROUGH_DEFAULT_TEXT} unless told otherwise; quick and
 * standard keep their planned time unless a target is given. Smoke runs check the path, not the
 * numbers, and get no default target.
 */
final class PrecisionOptions {

    static final String THOROUGH_DEFAULT_TEXT = "1%";
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%?");

    private PrecisionOptions() {
    }

    /** @return the goal, or null for none */
    static PrecisionGoal parse(String precision, String maxTime, Suite suite, boolean smoke) {
        Double budget = maxTime == null ? null : seconds(maxTime);
        boolean off = precision != null && (precision.equalsIgnoreCase("none") || precision.equalsIgnoreCase("off"));
        Double fraction = precision == null
                ? (suite == Suite.thorough && !smoke ? PrecisionGoal.THOROUGH_DEFAULT : null)
                : off ? null : fraction(precision);
        if (fraction == null) {
            if (budget != null) {
                throw new UsageException("--max-time " + maxTime + ": only with a precision target; add --precision, "
                        + "e.g. --precision 1%");
            }
            return null;
        }
        return new PrecisionGoal(fraction, budget);
    }

    /** "1%", "0.5%" or "2": a percentage above 0 and below 100, as a fraction. */
    static double fraction(String text) {
        Matcher m = PERCENT.matcher(text.strip());
        double p = m.matches() ? Double.parseDouble(m.group(1)) : Double.NaN;
        if (!(p > 0 && p < 100)) {
            throw new UsageException("--precision " + text + ": give a half-width above 0% and below 100% of the "
                    + "score, e.g. --precision 1% (or 'none')");
        }
        return p / 100;
    }

    /** "20s", "500ms", "5m", "1h" or a number of seconds; positive. */
    static double seconds(String text) {
        try {
            return org.assay.profiles.Quantities.seconds(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--max-time " + text + ": give a positive duration per invocation, e.g. 20s, "
                    + "90s, 5m or 1h");
        }
    }
}
