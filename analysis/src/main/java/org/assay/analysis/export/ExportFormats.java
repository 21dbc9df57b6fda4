package org.assay.analysis.export;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every {@link ExportFormat} {@code assay export} knows, in the order {@code --help} lists them. */
public final class ExportFormats {

    private static final List<ExportFormat> ALL = List.of(new OpenMetricsExport(), new InfluxLineExport(), new CsvExport());

    private ExportFormats() {
    }

    public static List<ExportFormat> all() {
        return ALL;
    }

    /** The format named {@code name} (any case). */
    public static Optional<ExportFormat> named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The names, for picocli's {@code completionCandidates} (and so for {@code --help}). */
    public static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ALL.stream().map(ExportFormat::name).iterator();
        }
    }

    /** "openmetrics, influx, csv", for messages. */
    public static String names() {
        return ALL.stream().map(ExportFormat::name).collect(Collectors.joining(", "));
    }
}
