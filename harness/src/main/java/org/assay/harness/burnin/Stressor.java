package org.assay.harness.burnin;

import java.util.List;
import java.util.Map;

/**
 * One component's load for one phase: its worker loops (each run on its own thread, pinned to
 * its planned CPU by the runner), the meters they count verified work on (the first is the
 * component's throughput, the one its trend is judged by) and what it allocated, released by
 * {@link #close()} (memory freed, files removed) after the workers have stopped.
 */
public interface Stressor extends AutoCloseable {

    Component component();

    /** The meters; the first is the component's main throughput. */
    List<Meter> meters();

    /** One loop per worker thread; each returns when the context says stop. */
    List<Worker> workers();

    /** What this load is (sizes, threads, I/O mode), for burnin.json. */
    Map<String, Object> settings();

    @Override
    void close();

    /** A worker loop and the CPU it is planned on (-1: unpinned). */
    record Worker(String name, int cpu, Runnable loop) {
    }
}
