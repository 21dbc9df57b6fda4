package org.assay.workloads.kernel;

/**
 * What one storage job does, in fio's vocabulary ({@code --rw}). {@link #SYNC} is fio's
 * {@code --rw=write --fdatasync=1}: a small sequential write followed by {@code fdatasync}
 * ({@code FileChannel.force(false)}), whose latency is the figure.
 */
public enum IoPattern {
    SEQ_READ("read", true, false),
    SEQ_WRITE("write", true, false),
    RAND_READ("randread", false, false),
    RAND_WRITE("randwrite", false, false),
    RAND_RW("randrw", false, false),
    SYNC("write+fdatasync", true, true);

    private final String fioName;
    private final boolean sequential;
    private final boolean syncs;

    IoPattern(String fioName, boolean sequential, boolean syncs) {
        this.fioName = fioName;
        this.sequential = sequential;
        this.syncs = syncs;
    }

    /** fio's {@code --rw} value (with {@code --fdatasync=1} for {@link #SYNC}). */
    public String fioName() {
        return fioName;
    }

    public boolean sequential() {
        return sequential;
    }

    public boolean syncs() {
        return syncs;
    }

    /** Whether the pattern reads at all: a file it reads must be filled first (they all are). */
    public boolean reads() {
        return this == SEQ_READ || this == RAND_READ || this == RAND_RW;
    }

    public static IoPattern of(String name) {
        for (IoPattern p : values()) {
            if (p.name().equalsIgnoreCase(name) || p.fioName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown I/O pattern '" + name + "'");
    }
}
