package org.assay.analysis.report;

import org.assay.results.BundleFormat;
import org.assay.results.ProbeSample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code probes.csv} (RFC 4180 quoting, an empty value meaning "could not be read", which
 * becomes NaN). A last row cut short by a power loss is skipped, as the format allows.
 */
public final class ProbeCsvReader {

    private ProbeCsvReader() {
    }

    public static List<ProbeSample> read(Path bundleDir) throws IOException {
        Path file = bundleDir.resolve(BundleFormat.PROBES_CSV);
        List<ProbeSample> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<List<String>> rows = parse(text);
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() != 5) {
                continue;
            }
            double v;
            try {
                v = r.get(3).isEmpty() ? Double.NaN : Double.parseDouble(r.get(3));
            } catch (NumberFormatException e) {
                continue;
            }
            out.add(new ProbeSample(r.get(0), r.get(1), r.get(2), v, r.get(4)));
        }
        return out;
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        // An unterminated last row is incomplete by the format's own rule: not used.
        return rows;
    }
}
