package org.assay.harness.command;

import org.assay.analysis.DisturbedIterations;
import org.assay.results.InvocationResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary's lines about how far its intervals can be trusted: a host noisy throughout (with
 * its measured spread, so a wide interval is read as the host's and not the hardware's), the
 * iterations marked disturbed with the score with and without them, and each precision target's
 * outcome.
 */
final class PrecisionNotes {
    private PrecisionNotes() {
    }

    static void print(PrintWriter out, List<InvocationResult> results) {
        int noisy = 0;
        int measured = 0;
        double worst = 0;
        String worstName = null;
        for (InvocationResult r : results) {
            Map<String, Object> d = r.disturbed();
            if (d == null) {
                continue;
            }
            measured++;
            double robust = number(d.get("robustCv"));
            if (Boolean.TRUE.equals(d.get("noisy"))) {
                noisy++;
                if (robust > worst) {
                    worst = robust;
                    worstName = name(r);
                }
            }
        }
        if (noisy > 0) {
            out.printf(Locale.ROOT, "noisy host: %d of %d result(s) spread more than %.0f%% across iterations "
                            + "(robust CV = 1.4826 x MAD / median; widest %.1f%%, %s): their intervals measure this "
                            + "host's noise, not the hardware's%n", noisy, measured,
                    100 * DisturbedIterations.NOISY_SPREAD, 100 * worst, worstName);
        }
        for (InvocationResult r : results) {
            Map<String, Object> d = r.disturbed();
            int count = d == null ? 0 : (int) number(d.get("count"));
            if (count > 0) {
                out.printf(Locale.ROOT, "disturbed: %s: %d of %d iteration(s) outside %s (k = %s); score %s with "
                                + "them, %s without (results.jsonl disturbed)%n", name(r), count, r.samples().size(),
                        "fork median ± k x 1.4826 x MAD", DisturbedIterations.K, num(r.score()),
                        num(number(d.get("scoreWithout"))));
            }
            Object precision = r.interval() == null ? null : r.interval().get("precision");
            if (precision != null) {
                out.println("precision: " + name(r) + ": " + precision);
            }
        }
    }

    private static String name(InvocationResult r) {
        return r.metric() + (r.params() == null || r.params().isEmpty() ? "" : " " + r.params()) + " threads="
                + r.threads();
    }

    /** Four significant digits without trailing zeros; "-" when unknown. */
    private static String num(Double v) {
        return v == null || !Double.isFinite(v) ? "-"
                : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
