package org.assay.results;

/**
 * Rows of {@code probes.csv}. Numbers go through {@link Double#toString(double)}, which ignores
 * the default locale: {@code String.format("%f")} under a German locale writes "3,5" and splits
 * one cell into two (JMH tests its writers under a decimal-comma locale for this reason). A value
 * that could not be read is an empty cell, never 0. Text cells are quoted as RFC 4180 asks when
 * they hold a comma, a quote or a line break. {@link #cell} and {@link #number} are public so that
 * every CSV Assay writes ({@code assay export --format csv} too) spells cells the same way.
 */
public final class ProbesCsv {

    static final String HEADER = "timestamp,probe,scope,value,unit\n";

    private ProbesCsv() {
    }

    static String row(ProbeSample s) {
        return cell(s.timestamp()) + ',' + cell(s.probe()) + ',' + cell(s.scope()) + ',' + number(s.value()) + ','
                + cell(s.unit()) + '\n';
    }

    public static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
