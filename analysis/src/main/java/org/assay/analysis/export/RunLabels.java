package org.assay.analysis.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.Bundle;
import org.assay.results.InvocationResult;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What every exported figure of a run is labelled with, read once from the bundle: the host,
 * the instance type where the firmware names one (the DMI product name clouds set, as the report
 * and the comparison use it; absent on most bare metal), the CPU model, and a result's category
 * and time.
 */
record RunLabels(String host, String instanceType, String cpuModel, String suite) {

    static RunLabels of(Bundle bundle) {
        JsonNode inv = bundle.manifest().inventory();
        String host = bundle.manifest().host();
        if (host == null || host.isBlank()) {
            host = text(inv, "os", "hostname");
        }
        return new RunLabels(host == null ? "unknown" : host, text(inv, "virtualization", "dmiProductName"),
                text(inv, "cpu", "name"), bundle.manifest().suite());
    }

    /** cpu, memory, storage, network: the first part of the workload id. */
    static String category(InvocationResult r) {
        String id = r.workload() != null ? r.workload() : r.metric() != null ? r.metric() : r.invocationId();
        int dot = id.indexOf('.');
        return dot > 0 ? id.substring(0, dot) : id;
    }

    /**
     * When a result was measured: its end, else its start, else the run's end or start. Null
     * only when the bundle has no time at all.
     */
    static Instant time(Bundle bundle, InvocationResult r) {
        for (String t : new String[]{r.end(), r.start(), bundle.manifest().end(), bundle.manifest().start()}) {
            Instant i = instant(t);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode inv, String section, String field) {
        if (inv == null) {
            return null;
        }
        JsonNode v = inv.path(section).path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
