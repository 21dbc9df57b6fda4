package org.assay.results;

import java.util.List;

/**
 * Where an imported bundle's figures came from: another tool's own output file, turned into a
 * bundle by {@code assay import} (run.json's {@code importedFrom}). The file itself is kept in the
 * bundle at {@code copy}, so its checksum in SHA256SUMS ties every figure to the bytes it was read
 * from.
 *
 * @param tool        {@code fio}, {@code iperf3} or {@code jmh}
 * @param toolVersion the version the file names ({@code fio-3.33}, {@code iperf 3.12}, JMH's
 *                    {@code jmhVersion}); null when the file does not say
 * @param file        the file as the user named it
 * @param sha256      the file's SHA-256, lower-case hex
 * @param copy        the copy's path inside the bundle ({@code source/...})
 * @param machine     where the inventory came from: {@code file} (what the file says, the rest
 *                    unknown), {@code this machine} ({@code --this-machine}) or {@code unknown}
 * @param notes       what the file does not say, one line each
 */
public record ImportedFrom(String tool, String toolVersion, String file, String sha256, String copy,
                           String machine, List<String> notes) {

    public ImportedFrom {
        notes = Unmodifiable.list(notes);
    }
}
