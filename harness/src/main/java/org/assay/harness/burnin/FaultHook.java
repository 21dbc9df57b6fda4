package org.assay.harness.burnin;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test-only fault injection, so that tests prove each verifier catches a wrong value: the system
 * property {@value #PROPERTY} names components ({@code memory}, {@code cpu}, {@code storage},
 * {@code network}, comma-separated), and each named component's verifier flips one bit in a
 * buffer it is about to check, once per run. It is a system property and never an option: a
 * user cannot turn it on by mistake from the command line, and the run records it in
 * {@code burnin.json} whenever it is set, so a bundle made with it cannot pass for a real one.
 */
public final class FaultHook {

    public static final String PROPERTY = "assay.burnin.fault";

    private final Set<Component> armed;
    private final java.util.Map<Component, AtomicBoolean> fired = new java.util.EnumMap<>(Component.class);

    private FaultHook(Set<Component> armed) {
        this.armed = armed;
        for (Component c : Component.values()) {
            fired.put(c, new AtomicBoolean());
        }
    }

    /** The hook the system property asks for; an unknown name is refused (a typo must not pass silently). */
    public static FaultHook fromSystemProperty() {
        String v = System.getProperty(PROPERTY, "").strip();
        Set<Component> set = EnumSet.noneOf(Component.class);
        if (!v.isEmpty()) {
            for (String name : v.split(",")) {
                try {
                    set.add(Component.of(name.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(PROPERTY + "=" + v + ": '" + name + "' is not cpu, memory, storage or network");
                }
            }
        }
        return new FaultHook(set);
    }

    public static FaultHook none() {
        return new FaultHook(EnumSet.noneOf(Component.class));
    }

    /** The components armed, for the record. */
    public Set<Component> armed() {
        return Set.copyOf(armed);
    }

    /** True exactly once per armed component: the caller then flips a bit in what it is about to verify. */
    public boolean fire(Component c) {
        return armed.contains(c) && fired.get(c).compareAndSet(false, true);
    }
}
