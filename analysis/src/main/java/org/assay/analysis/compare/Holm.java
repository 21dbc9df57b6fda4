package org.assay.analysis.compare;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values: a comparison is significant at family-wise level
 * {@code alpha} when its adjusted p-value is at most {@code alpha}. Holm controls the chance of
 * even one false "faster" among all the metrics compared, under any dependence between them
 * (metrics measured on one machine in one session are not independent), and it is never less
 * powerful than Bonferroni.
 */
public final class Holm {

    private Holm() {
    }

    /**
     * Adjusted p-values in the order given: the i-th smallest p becomes
     * {@code max over j <= i of min(1, (m - j + 1) p_(j))}. NaN entries (comparisons that could
     * not be tested) are left NaN and do not count towards m.
     */
    public static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            if (!Double.isNaN(p[i])) {
                m++;
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Double.isNaN(p[i]) ? Double.POSITIVE_INFINITY : p[i]));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
