package org.assay.analysis.judging;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.profiles.VendorSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The run's inventory (run.json's {@code inventory}, as {@code assay inventory} records it)
 * against the profile's spec. Only what the spec states is checked; a fact the inventory lacks
 * is {@link Verdict#NOT_CHECKED}. Tolerances, and why:
 * <ul>
 *   <li>counts (sockets, cores, logical CPUs, SMT) and L1/L2 sizes must be equal;</li>
 *   <li>L3 per socket within 1%, since data sheets round (27.5 MiB);</li>
 *   <li>memory: the OS's MemTotal between 90% and 101% of the stated size, since firmware and
 *       the kernel keep some of it;</li>
 *   <li>the maximum clock (cpufreq's {@code cpuinfo_max_freq}) within 3% of the maximum boost;</li>
 *   <li>NUMA nodes a whole multiple of the sockets (1, 2 or 4 per socket are all legitimate BIOS
 *       settings, so no exact count follows from a data sheet);</li>
 *   <li>the CPU model: every word of the spec's model in the OS's model name.</li>
 * </ul>
 * Memory channels and the base clock are not in the inventory, so they are reported as not checked.
 */
public final class InventoryChecks {

    private InventoryChecks() {
    }

    public static List<InventoryCheck> check(JsonNode inventory, VendorSpec spec) {
        List<InventoryCheck> out = new ArrayList<>();
        JsonNode inv = inventory == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : inventory;
        VendorSpec.Cpu cpu = spec == null ? null : spec.cpu();
        JsonNode ic = inv.path("cpu");
        if (cpu != null) {
            if (cpu.model() != null) {
                String name = ic.path("name").asText(null);
                out.add(name == null ? notChecked("cpu model", cpu.model())
                        : verdict("cpu model", cpu.model(), name, sameModel(cpu.model(), name)));
            }
            if (cpu.sockets() != null) {
                out.add(count("sockets", cpu.sockets(), ic.path("sockets")));
                if (cpu.coresPerSocket() != null) {
                    int cores = cpu.sockets() * cpu.coresPerSocket();
                    out.add(count("physical cores", cores, ic.path("physicalCores")));
                    if (cpu.threadsPerCore() != null) {
                        out.add(count("logical CPUs", cores * cpu.threadsPerCore(), ic.path("logicalCpus")));
                    }
                }
            }
            if (cpu.threadsPerCore() != null) {
                JsonNode smt = ic.path("smt");
                boolean want = cpu.threadsPerCore() > 1;
                out.add(smt.isBoolean() ? verdict("SMT", onOff(want), onOff(smt.asBoolean()), smt.asBoolean() == want)
                        : notChecked("SMT", onOff(want)));
            }
            caches(cpu, inv.path("caches"), ic.path("sockets").asInt(0), out);
            if (cpu.baseGhz() != null) {
                out.add(new InventoryCheck("base clock", Acceptance.num(cpu.baseGhz()) + " GHz", null, Verdict.NOT_CHECKED,
                        "the inventory records no base clock (measure it with the clock probes)"));
            }
            if (cpu.maxBoostGhz() != null) {
                JsonNode khz = inv.path("frequency").path("cpufreqMaxKhz");
                String want = Acceptance.num(cpu.maxBoostGhz()) + " GHz";
                if (!khz.isNumber()) {
                    out.add(new InventoryCheck("max clock", want, null, Verdict.NOT_CHECKED,
                            "no cpufreq on this machine (a VM, usually): the maximum clock is not recorded"));
                } else {
                    double ghz = khz.asDouble() / 1e6;
                    out.add(verdict("max clock", want, Acceptance.num(ghz) + " GHz",
                            Math.abs(ghz - cpu.maxBoostGhz()) <= 0.03 * cpu.maxBoostGhz()));
                }
            }
            if (cpu.sockets() != null) {
                JsonNode numa = inv.path("numa");
                if (!numa.isArray() || numa.isEmpty()) {
                    out.add(notChecked("NUMA nodes", "a multiple of " + cpu.sockets()));
                } else {
                    int nodes = numa.size();
                    out.add(verdict("NUMA nodes", "a multiple of " + cpu.sockets() + " (sockets)", String.valueOf(nodes),
                            nodes >= cpu.sockets() && nodes % cpu.sockets() == 0));
                }
            }
        }
        VendorSpec.Memory mem = spec == null ? null : spec.memory();
        if (mem != null && mem.sizeGib() != null) {
            JsonNode total = inv.path("memory").path("totalBytes");
            String want = Acceptance.num(mem.sizeGib()) + " GiB";
            if (!total.isNumber()) {
                out.add(notChecked("memory size", want));
            } else {
                double gib = total.asDouble() / (1L << 30);
                out.add(verdict("memory size", want + " (MemTotal 90-101% of it)", Acceptance.num(gib) + " GiB",
                        gib >= 0.90 * mem.sizeGib() && gib <= 1.01 * mem.sizeGib()));
            }
        }
        if (mem != null && mem.channelsPerSocket() != null) {
            out.add(new InventoryCheck("memory channels", mem.channelsPerSocket() + " per socket", null, Verdict.NOT_CHECKED,
                    "the inventory does not record populated memory channels"));
        }
        return out;
    }

    /** {@code machineSockets}: the inventory's socket count (0 when unknown), so the L3 per socket is the machine's own. */
    private static void caches(VendorSpec.Cpu cpu, JsonNode caches, int machineSockets, List<InventoryCheck> out) {
        VendorSpec.Caches c = cpu.caches();
        if (c == null) {
            return;
        }
        if (c.l1dKibPerCore() != null) {
            out.add(cache("L1d per core", c.l1dKibPerCore() * 1024, find(caches, 1, "Data"), 0));
        }
        if (c.l1iKibPerCore() != null) {
            out.add(cache("L1i per core", c.l1iKibPerCore() * 1024, find(caches, 1, "Instruction"), 0));
        }
        if (c.l2KibPerCore() != null) {
            out.add(cache("L2 per core", c.l2KibPerCore() * 1024, find(caches, 2, null), 0));
        }
        if (c.l3MibPerSocket() != null && cpu.sockets() != null) {
            JsonNode l3 = find(caches, 3, null);
            Double perSocket = null;
            if (l3 != null && l3.path("sizeBytes").isNumber()) {
                int sockets = machineSockets > 0 ? machineSockets : cpu.sockets();
                int instances = l3.path("instances").isNumber() ? l3.path("instances").asInt() : sockets;
                perSocket = l3.path("sizeBytes").asDouble() * instances / sockets;
            }
            out.add(cache("L3 per socket", c.l3MibPerSocket() * 1024 * 1024, perSocket, 0.01));
        }
    }

    private static JsonNode find(JsonNode caches, int level, String type) {
        for (JsonNode c : caches) {
            if (c.path("level").asInt() == level && (type == null || type.equals(c.path("type").asText()))) {
                return c;
            }
        }
        return null;
    }

    private static InventoryCheck cache(String name, double wantBytes, JsonNode cache, double tolerance) {
        Double have = cache != null && cache.path("sizeBytes").isNumber() ? cache.path("sizeBytes").asDouble() : null;
        return cache(name, wantBytes, have, tolerance);
    }

    private static InventoryCheck cache(String name, double wantBytes, Double haveBytes, double tolerance) {
        if (haveBytes == null) {
            return notChecked(name, bytes(wantBytes));
        }
        return verdict(name, bytes(wantBytes), bytes(haveBytes), Math.abs(haveBytes - wantBytes) <= tolerance * wantBytes);
    }

    private static String bytes(double b) {
        return b >= 1 << 20 ? Acceptance.num(b / (1 << 20)) + " MiB" : Acceptance.num(b / 1024) + " KiB";
    }

    private static InventoryCheck count(String name, int want, JsonNode have) {
        if (!have.isNumber()) {
            return notChecked(name, String.valueOf(want));
        }
        return verdict(name, String.valueOf(want), have.asText(), have.asInt() == want);
    }

    private static InventoryCheck verdict(String name, String want, String have, boolean ok) {
        return new InventoryCheck(name, want, have, ok ? Verdict.PASS : Verdict.FAIL,
                ok ? name + " " + have + " as specified" : name + " is " + have + ", the spec says " + want);
    }

    private static InventoryCheck notChecked(String name, String want) {
        return new InventoryCheck(name, want, null, Verdict.NOT_CHECKED, "the inventory does not record the " + name);
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    /** Every word of the spec's model name appears in the OS's ("Intel(R) Xeon(R) Platinum 8488C" has "Xeon Platinum 8488C"). */
    static boolean sameModel(String specModel, String osName) {
        Set<String> have = words(osName);
        return words(specModel).stream().allMatch(have::contains);
    }

    private static Set<String> words(String s) {
        return Arrays.stream(s.toLowerCase(Locale.ROOT).replace("(r)", " ").replace("(tm)", " ").split("[^a-z0-9+]+"))
                .filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}
