package org.assay.probes.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * What only OSHI can tell: the microarchitecture name, cache sizes from CPUID (a second opinion on
 * sysfs), the page size (sysconf), the vendor and maximum frequency, and disk models from udev.
 * OSHI always describes the live machine, never a fixture root, so the collector calls it only in
 * live mode.
 *
 * <p>Observed on the 2-vCPU EPYC guest (OSHI 7.5.0): the whole query costs 0.15-0.2 s in a warm
 * JVM, vendor and max frequency are -1, the cache sizes agree with sysfs (L1d 32 KiB, L3 32 MiB),
 * and family 25 model 17 (Genoa's identity, Zen 4 in AMD's documents) is named "Zen 3". The
 * microarchitecture is OSHI's table lookup on the family/model the guest sees, which a hypervisor
 * may choose (QEMU's EPYC-Genoa model presents exactly this identity on newer silicon); it is
 * recorded as OSHI's claim, not checked. A value of -1 or 0 from
 * OSHI means "unknown" and becomes null here.
 */
record OshiFacts(String name, String vendor, String microarchitecture, String family, String model,
                 String stepping, Long vendorFreqHz, Long maxFreqHz, List<OshiCache> caches,
                 Long pageSizeBytes, Map<String, String> diskModels, List<String> notes) {

    record OshiCache(int level, String type, long sizeBytes, int lineSize, int ways) {
    }

    static OshiFacts collect() {
        List<String> notes = new ArrayList<>();
        String name = null, vendor = null, uarch = null, family = null, model = null, stepping = null;
        Long vendorFreq = null, maxFreq = null, pageSize = null;
        List<OshiCache> caches = new ArrayList<>();
        Map<String, String> disks = new LinkedHashMap<>();
        HardwareAbstractionLayer hal;
        try {
            hal = new SystemInfo().getHardware();
        } catch (Throwable t) {   // UnsatisfiedLinkError from JNA, unsupported platform...
            notes.add("OSHI unavailable: " + t);
            return new OshiFacts(null, null, null, null, null, null, null, null, List.of(), null, Map.of(), notes);
        }
        try {
            CentralProcessor cpu = hal.getProcessor();
            CentralProcessor.ProcessorIdentifier id = cpu.getProcessorIdentifier();
            name = known(id.getName());
            vendor = known(id.getVendor());
            uarch = known(id.getMicroarchitecture());
            family = known(id.getFamily());
            model = known(id.getModel());
            stepping = known(id.getStepping());
            vendorFreq = positive(id.getVendorFreq());
            maxFreq = positive(cpu.getMaxFreq());
            if (vendorFreq == null) {
                notes.add("OSHI vendor frequency unknown (-1: typical of VMs)");
            }
            if (maxFreq == null) {
                notes.add("OSHI max frequency unknown (-1: no cpufreq, typical of VMs)");
            }
            for (CentralProcessor.ProcessorCache c : cpu.getProcessorCaches()) {
                caches.add(new OshiCache(c.getLevel(), typeName(c.getType()),
                        Integer.toUnsignedLong(c.getCacheSize()), c.getLineSize(), c.getAssociativity()));
            }
        } catch (Throwable t) {
            notes.add("OSHI processor query failed: " + t);
        }
        try {
            pageSize = positive(hal.getMemory().getPageSize());
        } catch (Throwable t) {
            notes.add("OSHI memory query failed: " + t);
        }
        try {
            for (HWDiskStore d : hal.getDiskStores()) {
                String m = known(d.getModel());
                if (m != null) {
                    disks.put(d.getName().replaceFirst("^/dev/", ""), m);
                }
            }
        } catch (Throwable t) {
            notes.add("OSHI disk query failed: " + t);
        }
        return new OshiFacts(name, vendor, uarch, family, model, stepping, vendorFreq, maxFreq, caches, pageSize,
                disks, notes);
    }

    /** Same spelling as sysfs's {@code type} file, so the two can be compared. */
    private static String typeName(CentralProcessor.ProcessorCache.Type t) {
        return switch (t) {
            case DATA -> "Data";
            case INSTRUCTION -> "Instruction";
            case UNIFIED -> "Unified";
            default -> t.name();
        };
    }

    private static String known(String s) {
        return s == null || s.isBlank() || s.equalsIgnoreCase("unknown") ? null : s.strip();
    }

    private static Long positive(long v) {
        return v > 0 ? v : null;
    }
}
