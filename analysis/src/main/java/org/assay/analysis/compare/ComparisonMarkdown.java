package org.assay.analysis.compare;

import java.util.List;

/** A comparison as a markdown document: the table, the geometric means, the method in one paragraph. */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    public static String of(ComparisonResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Comparison with ").append(cell(r.baseline())).append("\n\n");
        row(sb, ComparisonTable.DISPLAY_HEADER);
        sb.append("|").append("---|".repeat(ComparisonTable.DISPLAY_HEADER.size())).append("\n");
        for (List<String> row : ComparisonTable.display(r)) {
            row(sb, row);
        }
        sb.append("\n### Geometric means (above 1 is better than the baseline)\n\n");
        for (String line : ComparisonTable.categories(r)) {
            sb.append("- ").append(cell(line)).append("\n");
        }
        if (!r.warnings().isEmpty()) {
            sb.append("\n### Measured under warnings\n\n");
            for (String line : r.warnings()) {
                sb.append("- ").append(cell(line)).append("\n");
            }
        }
        if (!r.skipped().isEmpty()) {
            sb.append("\n### Not compared\n\n");
            for (String line : r.skipped()) {
                sb.append("- ").append(cell(line)).append("\n");
            }
        }
        sb.append("\n").append(method(r)).append("\n");
        return sb.toString();
    }

    /** The method in one paragraph, for the foot of every output. */
    public static String method(ComparisonResult r) {
        CompareSettings s = r.settings();
        return String.format(java.util.Locale.ROOT,
                "ratio = column mean / baseline mean with Fieller's %.0f%% interval; p = Welch's t-test, "
                        + "Holm-adjusted over all %d tests (family-wise alpha %.2f); a significant change under %s%% "
                        + "is 'no meaningful change'; a column of several runs is tested on its runs' means, "
                        + "a single run on its iterations.",
                s.confidence() * 100, r.metrics().stream().mapToInt(m -> m.versus().size()).sum(), s.alpha(),
                stripZeros(s.noise() * 100));
    }

    private static String stripZeros(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append("|");
        for (String c : cells) {
            sb.append(" ").append(cell(c)).append(" |");
        }
        sb.append("\n");
    }

    /** Text from bundles or the user in a markdown cell: pipes, backslashes and HTML cannot break the table. */
    static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\n", " ");
    }
}
