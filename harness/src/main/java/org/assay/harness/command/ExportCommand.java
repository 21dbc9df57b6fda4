package org.assay.harness.command;

import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.analysis.export.ExportFormat;
import org.assay.analysis.export.ExportFormats;
import org.assay.harness.export.HttpPusher;
import org.assay.harness.export.PushException;
import org.assay.harness.export.PushTarget;
import org.assay.results.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code assay export RUN --format F [--output FILE] [--push URL]}: a verified bundle's results
 * for another tool. Exit status: 0 written or pushed, 2 bad input (unknown format, no bundle,
 * a bundle that fails verify, a bad URL or output path), 1 the server refused the push or never
 * answered.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a run's results for another tool (Prometheus, InfluxDB, a spreadsheet), or push them "
                + "to a Prometheus Pushgateway or an InfluxDB 1.x /write endpoint. See docs/exporting.md.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The bundle directory (verified before use).")
    Path run;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", completionCandidates = ExportFormats.Names.class,
            description = "One of ${COMPLETION-CANDIDATES} (docs/exporting.md).")
    String formatName;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write to FILE (whole or not at all) instead of standard output.")
    Path output;

    @Option(names = "--push", paramLabel = "URL",
            description = "Send to a Pushgateway (--format openmetrics; http://HOST:9091[/metrics/job/NAME...]) or "
                    + "InfluxDB 1.x (--format influx; http://HOST:8086/write?db=NAME), retrying a few times.")
    String pushUrl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ExportFormat format = ExportFormats.named(formatName).orElseThrow(() -> new UsageException(
                "--format " + formatName + ": unknown format; one of " + ExportFormats.names()));
        if (pushUrl != null) {
            PushTarget.of(pushUrl, format, "check"); // a bad URL is refused before the bundle is read
        }
        JudgeInputs.checkWritable(output, "--output");
        Bundle bundle = JudgeInputs.verifiedBundle(run);
        String text = format.render(bundle);
        PrintWriter console = spec.commandLine().getOut();
        if (output != null) {
            try {
                JudgeInputs.writeWhole(output, text);
            } catch (IOException e) {
                throw new UsageException("--output " + output + ": cannot write (" + e.getMessage() + ")");
            }
            console.println("wrote " + output + " (" + format.name() + ", " + bundle.results().size() + " result(s))");
        } else if (pushUrl == null) {
            console.print(text);
        }
        console.flush();
        if (pushUrl == null) {
            return Main.EXIT_OK;
        }
        PushTarget target = PushTarget.of(pushUrl, format, bundle.manifest().host());
        try {
            int status = new HttpPusher().push(target, target.body(bundle, format));
            console.println("pushed " + bundle.results().size() + " result(s) to " + target.kind() + " " + target.uri()
                    + " (HTTP " + status + ")");
            console.flush();
            return Main.EXIT_OK;
        } catch (PushException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("assay export: " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILED;
        }
    }
}
