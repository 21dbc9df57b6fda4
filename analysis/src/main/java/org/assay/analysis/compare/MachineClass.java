package org.assay.analysis.compare;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.Bundle;

import java.util.List;

/**
 * What makes two runs "the same kind of machine": the instance type where the firmware names one
 * (DMI product name, as clouds set it) or else the host name, the CPU model, and the CPUs the run
 * gave its workers. Several runs of one class are measurements of one population, so their spread
 * is the machine-to-machine (and run-to-run) variation a comparison of classes is tested against.
 * The CPUs ({@code --cpus} of the run's command) are part of the key because a run restricted to one CPU is a different configuration of
 * the same machine, not another sample of it.
 *
 * @param name  short name: the instance type or host, with the CPU list when the run was restricted
 * @param key   everything that must be equal for two runs to be grouped
 */
public record MachineClass(String name, String key) {

    public static MachineClass of(Bundle bundle) {
        JsonNode inv = bundle.manifest().inventory();
        String instanceType = text(inv, "virtualization", "dmiProductName");
        String host = text(inv, "os", "hostname");
        if (host == null) {
            host = bundle.manifest().host();
        }
        String cpuModel = text(inv, "cpu", "name");
        String used = cpusOption(bundle.manifest().command());
        String machine = instanceType != null ? instanceType : (host != null ? host : "unknown machine");
        String name = used != null ? machine + " cpus " + used : machine;
        // two runs of unknown machines (imported from a tool's file that names none) are not one class
        String key = instanceType == null && host == null ? "unknown|" + bundle.dir().toAbsolutePath().normalize()
                : machine + "|" + (cpuModel == null ? "" : cpuModel) + "|" + (used == null ? "all" : used);
        return new MachineClass(name, key);
    }

    /** The value of {@code --cpus} on the run's command line, or null when the run used every allowed CPU. */
    static String cpusOption(List<String> command) {
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.startsWith("--cpus=")) {
                return arg.substring("--cpus=".length());
            }
            if (arg.equals("--cpus") && i + 1 < command.size()) {
                return command.get(i + 1);
            }
        }
        return null;
    }

    private static String text(JsonNode inv, String section, String field) {
        if (inv == null || !inv.has(section)) {
            return null;
        }
        JsonNode v = inv.get(section).get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
