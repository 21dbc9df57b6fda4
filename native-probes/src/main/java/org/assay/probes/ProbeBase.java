package org.assay.probes;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import java.util.Objects;

/**
 * What the eight probes share: a fixed id, unit and description, the context they read through,
 * and an availability that each probe's constructor decides exactly once (the interface promises
 * it does not change while the probe is open).
 */
abstract class ProbeBase implements Probe {

    protected final ProbeContext ctx;
    private final String id;
    private final String unit;
    private final String description;
    private Availability availability;

    ProbeBase(ProbeContext ctx, String id, String unit, String description) {
        this.ctx = ctx;
        this.id = id;
        this.unit = unit;
        this.description = description;
    }

    /** Records the probe's availability; called once, from the subclass constructor. */
    final void decide(Availability decided) {
        if (availability != null) {
            throw new IllegalStateException(id + ": availability already decided");
        }
        availability = Objects.requireNonNull(decided, "availability");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String unit() {
        return unit;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Availability availability() {
        return availability;
    }

    /** Null when the first CPU's MSR device opens, else why not (the open error's message). */
    final String msrProblem() {
        try {
            ctx.msr.check(ctx.firstCpu());
            return null;
        } catch (ProbeIoException e) {
            return e.getMessage();
        }
    }
}
