package org.assay.harness.burnin;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every verifier's errors, from every worker thread: a count per component and the first
 * {@code keep} errors in full. A machine with a bad DIMM can produce millions of miscompares; the
 * bundle keeps the first ones (where it started) and the count (how bad it is), not a log that
 * fills the disk.
 */
public final class ErrorLog {

    private final int keep;
    private final Map<Component, AtomicLong> counts = new EnumMap<>(Component.class);
    private final List<BurnInError> first = new ArrayList<>();

    public ErrorLog(int keep) {
        this.keep = keep;
        for (Component c : Component.values()) {
            counts.put(c, new AtomicLong());
        }
    }

    public void add(BurnInError e) {
        counts.get(e.component()).incrementAndGet();
        synchronized (first) {
            if (first.size() < keep) {
                first.add(e);
            }
        }
    }

    public long count(Component c) {
        return counts.get(c).get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The first errors, in the order they were found. */
    public List<BurnInError> first() {
        synchronized (first) {
            return List.copyOf(first);
        }
    }

    public int keep() {
        return keep;
    }
}
