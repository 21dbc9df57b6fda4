package org.assay.harness.command;

import org.assay.probes.inventory.Inventory;
import org.assay.probes.topology.CpuList;

import java.util.List;
import java.util.TreeSet;

/**
 * Says in words how a cache is shared, for the inventory's table: "one per core (SMT pairs)", "one per 8
 * cores (16 CPUs)", "one per socket". Listing every sharing group, as the JSON does, puts 24 L3 groups of a
 * 2-socket chiplet server on one unreadable line; one example group keeps the CPU numbering
 * visible (Linux numbers SMT siblings apart, so "0-7,192-199" tells the reader which CPUs pair).
 */
final class CacheSharing {
    private CacheSharing() {
    }

    static String describe(List<String> sharedBy, Inventory.Cpu cpu) {
        if (sharedBy.isEmpty()) {
            return "";
        }
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String group : sharedBy) {
            sizes.add(CpuList.parse(group).size());
        }
        String example = sharedBy.size() > 1 ? ", e.g. " + sharedBy.get(0) : ": " + sharedBy.get(0);
        if (sizes.size() > 1) {
            return "shared by groups of " + sizes.first() + " to " + sizes.last() + " CPUs" + example;
        }
        return per(sizes.first(), cpu) + example;
    }

    private static String per(int cpusPerGroup, Inventory.Cpu cpu) {
        int threadsPerCore = cpu.physicalCores() > 0 ? Math.max(1, cpu.logicalCpus() / cpu.physicalCores()) : 1;
        int perSocket = cpu.sockets() > 0 ? cpu.logicalCpus() / cpu.sockets() : -1;
        if (cpusPerGroup == cpu.logicalCpus()) {
            return "shared by all " + cpusPerGroup + " CPUs";
        }
        if (cpusPerGroup == perSocket) {
            return "one per socket (" + cpusPerGroup + " CPUs)";
        }
        if (cpusPerGroup == 1) {
            return "one per CPU";
        }
        if (cpu.smt() && cpusPerGroup == threadsPerCore) {
            return "one per core (SMT " + (threadsPerCore == 2 ? "pairs" : "groups of " + threadsPerCore) + ")";
        }
        if (cpu.smt() && cpusPerGroup % threadsPerCore == 0) {
            return "one per " + cpusPerGroup / threadsPerCore + " cores (" + cpusPerGroup + " CPUs)";
        }
        return "one per " + cpusPerGroup + " CPUs";
    }
}
