package org.assay.probes.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code assay probes} tells a user whose MSRs are unavailable, by errno and by who they are. */
class MsrFixTest {

    private static ProbeIoException errno(int e) {
        return new ProbeIoException(e, "/dev/cpu/0/msr");
    }

    @Test
    void anOrdinaryUserIsToldBothStepsWhenTheModuleIsMissing() {
        String fix = ProbeContext.msrFix(errno(ProbeIoException.ENOENT), false);
        assertTrue(fix.startsWith("load the msr module (modprobe msr)"), fix);
        assertTrue(fix.contains("CAP_SYS_RAWIO") && fix.contains("or run as root"), fix);
        String asRoot = ProbeContext.msrFix(errno(ProbeIoException.ENOENT), true);
        assertFalse(asRoot.contains("CAP_SYS_RAWIO"), "root needs only the module: " + asRoot);
    }

    @Test
    void aPermissionErrorNamesTheCapabilityForEveryone() {
        for (boolean root : new boolean[]{true, false}) {
            assertTrue(ProbeContext.msrFix(errno(ProbeIoException.EPERM), root).contains("CAP_SYS_RAWIO"));
            assertTrue(ProbeContext.msrFix(errno(ProbeIoException.EACCES), root).contains("chmod o+r /dev/cpu/*/msr"));
        }
    }

    @Test
    void whoIsRunningIsTheLiveProcess() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status")),
                "needs Linux procfs");
        // user.name comes from the password database, not from /proc: an independent answer
        assertEquals("root".equals(System.getProperty("user.name")), ProbeContext.runningAsRoot());
    }
}
