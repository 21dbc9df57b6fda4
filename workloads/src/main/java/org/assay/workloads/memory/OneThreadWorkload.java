package org.assay.workloads.memory;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;

import java.util.List;

/**
 * A memory workload that measures one thread (a latency, a page-fault rate, one NUMA cell):
 * every suite runs it at one thread, and {@link #requireOneThread} refuses any other count.
 */
abstract class OneThreadWorkload extends DescribedWorkload {

    OneThreadWorkload(String id, int definitionVersion, String benchmark, String unit, boolean higherIsBetter,
                      String summary) {
        super(id, definitionVersion, benchmark, unit, higherIsBetter, summary);
    }

    @Override
    public final List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return List.of(1);
    }

    /** @param why what the one thread measures, the start of the refusal */
    static void requireOneThread(int threads, String why) {
        if (threads != 1) {
            throw new IllegalArgumentException(why + "; use --threads 1, not " + threads);
        }
    }
}
