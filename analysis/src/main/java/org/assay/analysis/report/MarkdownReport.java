package org.assay.analysis.report;

import org.assay.analysis.compare.ComparisonMarkdown;
import org.assay.analysis.compare.ComparisonResult;
import org.assay.profiles.SpecLimits;
import org.assay.results.Bundle;
import org.assay.results.EnvironmentCheck;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeStatus;
import org.assay.results.Status;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as markdown: what the HTML page says, without the charts, readable in a terminal and
 * in a pull request. Cells are escaped so that a pipe or a tag in a host name cannot break a table.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(List<ReportRun> runs, ComparisonResult comparison, SpecLimits limits) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Assay report\n\n");
        if (comparison != null) {
            sb.append(ComparisonMarkdown.of(comparison)).append("\n");
        }
        for (ReportRun r : runs) {
            run(sb, r.name(), r.bundle(), limits);
        }
        return sb.toString();
    }

    /**
     * A bundle's {@code summary.md}: its section of the report. It is written before
     * {@code SHA256SUMS} (so the sums cover it), hence without the checksum, which it cannot hold.
     */
    public static String summary(Bundle b) throws IOException {
        StringBuilder sb = new StringBuilder();
        run(sb, "Assay run: " + b.manifest().host() + " — " + b.dir().getFileName(), b, null);
        return sb.toString();
    }

    private static void run(StringBuilder sb, String name, Bundle b, SpecLimits limits) throws IOException {
        var m = b.manifest();
        sb.append("## ").append(cell(name)).append("\n\n");
        sb.append(cell(m.suite() + " suite, " + m.start() + " to " + m.end() + ", status " + m.status()
                + (m.statusReason() == null ? "" : " (" + m.statusReason() + ")"))).append("\n\n");
        sb.append("| machine | |\n|---|---|\n");
        for (Map.Entry<String, String> e : RunFacts.machine(b).entrySet()) {
            sb.append("| ").append(cell(e.getKey())).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        List<EnvironmentCheck> warnings = m.environment().stream().filter(e -> e.warning() != null).toList();
        sb.append("\n**Environment:** ").append(warnings.isEmpty() ? "no warnings.\n" : "\n\n");
        for (EnvironmentCheck w : warnings) {
            sb.append("- ").append(cell(w.name())).append(": ").append(cell(w.warning())).append("\n");
        }
        sb.append("\n| metric | params | threads | score | 99.9% interval | unit | share of the limit | status |\n")
                .append("|---|---|--:|--:|--:|---|---|---|\n");
        for (InvocationResult r : b.results()) {
            sb.append("| ").append(cell(r.metric())).append(" | ")
                    .append(cell(new TreeMap<>(r.params()).toString().replaceAll("[{}]", ""))).append(" | ")
                    .append(r.threads()).append(" | ").append(number(r.score())).append(" | ")
                    .append(r.ci() == null || r.ci().get(0) == null ? "-" : "[" + number(r.ci().get(0)) + ", "
                            + number(r.ci().get(1)) + "]").append(" | ").append(cell(r.unit())).append(" | ")
                    .append(cell(SpecShare.of(r, limits, m.inventory()).orElse(""))).append(" | ")
                    .append(r.status() == Status.ok ? "ok" : cell(r.status() + ": " + r.reason())).append(" |\n");
        }
        sb.append("\n**Probes:** ");
        List<ProbeStatus> missing = m.probes().stream().filter(p -> !p.available()).toList();
        sb.append(m.probes().size() - missing.size()).append(" of ").append(m.probes().size()).append(" available")
                .append(missing.isEmpty() ? ".\n" : "; missing:\n\n");
        for (ProbeStatus p : missing) {
            sb.append("- ").append(cell(p.id())).append(": ").append(cell(p.reason()))
                    .append(p.fix() == null ? "" : " (fix: " + cell(p.fix()) + ")").append("\n");
        }
        sb.append("\n**Reproduce:** `").append(RunFacts.command(b).replace("`", "'")).append("`")
                .append(m.commit() == null ? "" : " at commit " + cell(m.commit())).append("\n\n")
                .append(RunFacts.checksum(b) == null ? "Check the bundle with `assay verify " + cell(b.dir().toString()) + "`.\n"
                        : "**Bundle checksum** (SHA-256 of SHA256SUMS): `" + RunFacts.checksum(b) + "`\n\n");
    }

    private static String number(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.4g", v);
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("`", "'").replace("\n", " ");
    }
}
