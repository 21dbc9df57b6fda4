package org.assay.harness.interop;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.InvocationResult;

import java.util.List;

/**
 * What one tool's output file says, mapped: the results, the tool and its version, the machine as
 * far as the file describes it, and what the file leaves unknown.
 *
 * @param inventory  the machine facts the file holds, in the inventory's field names; null when it holds none
 * @param host       the host name the file names; null when it names none
 * @param start      ISO-8601 instant the tool's run started, as the file says; null when it does not
 * @param end        ISO-8601 instant it ended; null when the file does not say
 * @param notes      what the file does not say or what the mapping could not carry, one line each
 * @param jmhEntries JMH's own entries for {@code jmh.json}; null for other tools
 */
public record ToolImport(ToolFormat tool, String toolVersion, List<InvocationResult> results, JsonNode inventory,
                         String host, String start, String end, List<String> notes, JsonNode jmhEntries) {

    public ToolImport {
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }
}
