package org.assay.probes.internal;

import java.io.IOException;

/**
 * A failed read with the kernel's errno, so a probe can tell "register not implemented" (EIO)
 * from "msr module not loaded" (ENOENT) from "no CAP_SYS_RAWIO" (EPERM) and say the right fix.
 */
public final class ProbeIoException extends IOException {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EOPNOTSUPP = 95;

    private final int errno;

    ProbeIoException(int errno, String message) {
        super(message + " (" + name(errno) + ")");
        this.errno = errno;
    }

    int errno() {
        return errno;
    }

    static String name(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EIO: return "EIO";
            case ENXIO: return "ENXIO";
            case EACCES: return "EACCES";
            case ENODEV: return "ENODEV";
            case EINVAL: return "EINVAL";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            default: return "errno " + errno;
        }
    }
}
