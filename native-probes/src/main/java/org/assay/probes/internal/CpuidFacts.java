package org.assay.probes.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What CPUID says about the processor, decoded from the raw leaves (Intel SDM Vol. 2A, AMD APM
 * Vol. 3): identity, the features the workloads and probes care about, the cache descriptors
 * (leaf 4 on Intel, 0x8000001D on AMD), and the power-management bits that decide which MSRs
 * are worth reading (leaf 6, 0x80000007).
 */
public record CpuidFacts(String vendor, int family, int model, int stepping, int maxLeaf, long maxExtendedLeaf,
                  List<String> features, List<CacheDescriptor> caches, boolean hypervisor,
                  boolean digitalThermalSensor, boolean packageThermal, boolean powerLimitNotification,
                  boolean aperfMperf, boolean invariantTsc, boolean amdRapl, boolean amdEffFreqReadOnly,
                  int baseMHz, int maxMHz, int perfmonVersion) {

    /** One cache as CPUID describes it; sharedBy = logical CPUs sharing it (EAX[25:14] + 1). */
    public record CacheDescriptor(int level, String type, long sizeBytes, int ways, int lineSize, int sharedBy) {
        @Override
        public String toString() {
            return "L" + level + " " + type + " " + (sizeBytes / 1024) + " KiB " + ways + "-way, " + lineSize + " B lines";
        }
    }

    public boolean amd() {
        return vendor.equals("AuthenticAMD") || vendor.equals("HygonGenuine");
    }

    public boolean intel() {
        return vendor.equals("GenuineIntel");
    }

    static CpuidFacts read(CpuidReader r, int cpu) throws ProbeIoException {
        int[] l0 = r.read(cpu, 0, 0);
        String vendor = ascii(l0[1], l0[3], l0[2]);
        int maxLeaf = l0[0];
        int[] l1 = r.read(cpu, 1, 0);
        int eax = l1[0];
        int baseFamily = (eax >>> 8) & 0xF;
        int family = baseFamily == 0xF ? baseFamily + ((eax >>> 20) & 0xFF) : baseFamily;
        int model = (eax >>> 4) & 0xF;
        if (baseFamily == 6 || baseFamily == 0xF) {
            model |= ((eax >>> 16) & 0xF) << 4;
        }
        int stepping = eax & 0xF;
        int ecx1 = l1[2];
        int edx1 = l1[3];
        int[] l7 = maxLeaf >= 7 ? r.read(cpu, 7, 0) : new int[4];
        int[] l6 = maxLeaf >= 6 ? r.read(cpu, 6, 0) : new int[4];
        long maxExt = r.read(cpu, 0x80000000, 0)[0] & 0xFFFFFFFFL;
        int[] e1 = maxExt >= 0x80000001L ? r.read(cpu, 0x80000001, 0) : new int[4];
        int[] e7 = maxExt >= 0x80000007L ? r.read(cpu, 0x80000007, 0) : new int[4];

        List<String> f = new ArrayList<>();
        flag(f, edx1, 26, "sse2");
        flag(f, ecx1, 0, "sse3");
        flag(f, ecx1, 9, "ssse3");
        flag(f, ecx1, 19, "sse4_1");
        flag(f, ecx1, 20, "sse4_2");
        flag(f, ecx1, 23, "popcnt");
        flag(f, ecx1, 25, "aes");
        flag(f, ecx1, 12, "fma");
        flag(f, ecx1, 28, "avx");
        flag(f, l7[1], 5, "avx2");
        flag(f, l7[1], 8, "bmi2");
        flag(f, l7[1], 16, "avx512f");
        flag(f, l7[1], 17, "avx512dq");
        flag(f, l7[1], 30, "avx512bw");
        flag(f, l7[1], 31, "avx512vl");
        flag(f, l7[2], 11, "avx512_vnni");
        flag(f, e1[2], 6, "sse4a");
        flag(f, ecx1, 31, "hypervisor");

        boolean amd = vendor.equals("AuthenticAMD") || vendor.equals("HygonGenuine");
        List<CacheDescriptor> caches = new ArrayList<>();
        int cacheLeaf = amd ? 0x8000001D : 4;
        boolean haveCacheLeaf = amd ? maxExt >= 0x8000001DL && ((e1[2] >>> 22) & 1) == 1 : maxLeaf >= 4;
        for (int sub = 0; haveCacheLeaf && sub < 16; sub++) {
            int[] c = r.read(cpu, cacheLeaf, sub);
            int type = c[0] & 0x1F;
            if (type == 0) {
                break;
            }
            int level = (c[0] >>> 5) & 0x7;
            int ways = ((c[1] >>> 22) & 0x3FF) + 1;
            int partitions = ((c[1] >>> 12) & 0x3FF) + 1;
            int line = (c[1] & 0xFFF) + 1;
            long sets = (c[2] & 0xFFFFFFFFL) + 1;
            int sharing = ((c[0] >>> 14) & 0xFFF) + 1;
            String typeName = type == 1 ? "Data" : type == 2 ? "Instruction" : type == 3 ? "Unified" : "Unknown";
            caches.add(new CacheDescriptor(level, typeName, ways * partitions * line * sets, ways, line, sharing));
        }
        int baseMHz = 0;
        int maxMHz = 0;
        if (vendor.equals("GenuineIntel") && maxLeaf >= 0x16) {
            int[] l16 = r.read(cpu, 0x16, 0);
            baseMHz = l16[0] & 0xFFFF;
            maxMHz = l16[1] & 0xFFFF;
        }
        int perfmon = vendor.equals("GenuineIntel") && maxLeaf >= 0xA ? r.read(cpu, 0xA, 0)[0] & 0xFF : 0;
        return new CpuidFacts(vendor, family, model, stepping, maxLeaf, maxExt, List.copyOf(f), List.copyOf(caches),
                ((ecx1 >>> 31) & 1) == 1, (l6[0] & 1) == 1, ((l6[0] >>> 6) & 1) == 1, ((l6[0] >>> 4) & 1) == 1,
                (l6[2] & 1) == 1, ((e7[3] >>> 8) & 1) == 1, ((e7[3] >>> 14) & 1) == 1, ((e7[3] >>> 10) & 1) == 1,
                baseMHz, maxMHz, perfmon);
    }

    /** Differences from {@code /proc/cpuinfo}'s identity (family and model are decimal there). */
    public List<String> crossCheck(CpuInfo info) {
        List<String> problems = new ArrayList<>();
        info.get("vendor_id").filter(v -> !v.equals(vendor))
                .ifPresent(v -> problems.add("vendor: cpuid " + vendor + ", /proc/cpuinfo " + v));
        info.getInt("cpu family").filter(v -> v != family)
                .ifPresent(v -> problems.add("family: cpuid " + family + ", /proc/cpuinfo " + v));
        info.getInt("model").filter(v -> v != model)
                .ifPresent(v -> problems.add("model: cpuid " + model + ", /proc/cpuinfo " + v));
        return problems;
    }

    public String identity() {
        return String.format(Locale.ROOT, "%s family 0x%x model 0x%x stepping %d", vendor, family, model, stepping);
    }

    private static void flag(List<String> f, int reg, int bit, String name) {
        if (((reg >>> bit) & 1) == 1) {
            f.add(name);
        }
    }

    private static String ascii(int... regs) {
        byte[] b = new byte[regs.length * 4];
        for (int i = 0; i < regs.length; i++) {
            for (int j = 0; j < 4; j++) {
                b[i * 4 + j] = (byte) (regs[i] >>> (8 * j));
            }
        }
        return new String(b, StandardCharsets.US_ASCII).trim();
    }
}
