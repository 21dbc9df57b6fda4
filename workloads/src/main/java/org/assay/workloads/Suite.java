package org.assay.workloads;

import java.util.Locale;

/** How much of the machine's time a run may take: each workload decides what each suite covers. */
public enum Suite {
    /** A first answer in about a minute: one size per workload, at 1 and N threads. */
    quick,
    /** Size and thread sweeps with enough iterations for tight intervals. */
    standard,
    /** Everything, with more forks: for acceptance and published results. */
    thorough;

    public static Suite parse(String name) {
        try {
            return valueOf(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown suite '" + name
                    + "': expected one of quick, standard, thorough");
        }
    }
}
