package org.assay.harness.interop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fio's sizes and patterns as Assay's storage workloads take them. */
class FioImportTest {

    @Test
    void sizesAreBase1024AsFioReadsThem() {
        assertEquals(4096L, FioImport.size("4k"));
        assertEquals(4096L, FioImport.size("4K"));
        assertEquals(4096L, FioImport.size("4KiB"));
        assertEquals(67108864L, FioImport.size("64m"));
        assertEquals(1L << 30, FioImport.size("1g"));
        assertEquals(512L, FioImport.size("512"));
        assertNull(FioImport.size("50%"), "a share of the device is no size");
        assertNull(FioImport.size("4k-64k"), "a range is no one block size");
    }

    @Test
    void patternsMapToTheStorageWorkloads() {
        assertEquals("storage.randread", FioImport.workload("randread", false).orElseThrow().id());
        assertEquals("storage.seqread", FioImport.workload("read", false).orElseThrow().id());
        assertEquals("storage.seqwrite", FioImport.workload("write", false).orElseThrow().id());
        assertEquals("storage.fsync", FioImport.workload("write", true).orElseThrow().id());
        assertEquals("storage.randrw", FioImport.workload("randrw", false).orElseThrow().id());
        assertTrue(FioImport.workload("trim", false).isEmpty());
    }
}
