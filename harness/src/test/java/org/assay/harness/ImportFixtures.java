package org.assay.harness;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The real tool outputs under {@code src/test/resources/interop/} (their commands are in its README.md). */
final class ImportFixtures {

    static final String FIO = "fio-randread-4k-qd32.json";
    static final String IPERF3 = "iperf3-loopback-3s.json";
    static final String IPERF3_ERROR = "iperf3-error-refused.json";
    static final String JMH = "jmh-sieve-thrpt-avgt.json";
    /** A real {@code assay run} of storage.randread at the fio file's parameters, in /tmp on the same machine. */
    static final String ASSAY_STORAGE = "assay-storage-randread-4k-qd32";

    private ImportFixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(ImportFixtures.class.getResource("/interop/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource interop/" + name + " is missing", e);
        }
    }
}
