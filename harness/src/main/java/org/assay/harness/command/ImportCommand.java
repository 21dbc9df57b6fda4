package org.assay.harness.command;

import org.assay.harness.AssayVersion;
import org.assay.harness.Main;
import org.assay.harness.UsageException;
import org.assay.harness.interop.ImportException;
import org.assay.harness.interop.ImportedBundle;
import org.assay.harness.interop.ToolFormat;
import org.assay.harness.interop.ToolImport;
import org.assay.harness.interop.ToolOutputs;
import org.assay.probes.inventory.InventoryCollector;
import org.assay.results.Bundle;
import org.assay.results.BundleException;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assay import FILE [--out DIR] [--tool jmh|fio|iperf3] [--this-machine]}: another tool's
 * output as a bundle ({@code org.assay.harness.interop}), which {@code verify}, {@code score},
 * {@code accept}, {@code compare} and {@code report} then take. The format is recognised by
 * content; the machine is what the file says, unknown beyond it unless {@code --this-machine}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn fio (--output-format=json), iperf3 (-J) or JMH (-rf json) output into an Assay bundle.",
                "Exit status: 0 written, 2 bad input (nothing written). See docs/interop.md."})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The tool's JSON output.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Bundle directory (default: runs/<timestamp>_import_<tool>/). Must not exist or be empty.")
    Path out;

    @Option(names = "--tool", paramLabel = "TOOL", description = "jmh, fio or iperf3: refuse the file unless it is this tool's output.")
    ToolFormat tool;

    @Option(names = "--this-machine",
            description = "Record this machine's inventory: only when the file was written here (the file itself names little or none).")
    boolean thisMachine;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ToolOutputs.Read read;
        try {
            read = ToolOutputs.read(file, tool);
        } catch (ImportException e) {
            throw new UsageException(e.getMessage());
        }
        ToolImport t = read.imported();
        Path dir = out != null ? out : defaultOut(t.tool());
        RunCommand.BundleTarget.check(dir);
        AssayVersion v = AssayVersion.current();
        List<String> command = new ArrayList<>();
        String launcher = System.getenv("ASSAY_LAUNCHER");
        command.add(launcher != null ? launcher : "assay");
        command.addAll(CommandLineCapture.args());
        RunManifest.Builder base = RunManifest.builder().assayVersion(v.version())
                .commit("unknown".equals(v.commit()) ? null : v.commit()).dirty(v.dirty()).command(command)
                .workingDirectory(Path.of("").toAbsolutePath().toString());
        ImportedBundle.Machine machine = thisMachine ? new ImportedBundle.Machine(
                BundleFormat.mapper().valueToTree(InventoryCollector.collect(Path.of("/"), true)), hostName(),
                "inventory collected at " + Instant.now()) : null;
        Bundle b;
        try {
            b = ImportedBundle.write(dir, t, file.toString(), read.bytes(), base, machine);
        } catch (BundleException e) {
            throw new UsageException(e.getMessage());
        }
        if (output.json()) {
            output.printJson(b.manifest());
            return Main.EXIT_OK;
        }
        print(output.out(), t, dir);
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, ToolImport t, Path dir) {
        out.println("imported " + t.results().size() + " result(s) from " + t.tool()
                + (t.toolVersion() == null ? "" : " (" + t.toolVersion() + ")"));
        TextTable table = new TextTable("  ");
        table.row("metric", "params", "threads", "score", "±99.9%", "unit", "status");
        for (InvocationResult r : t.results()) {
            table.row(r.metric(), params(r), r.threads(), number(r.score()), number(r.scoreError()),
                    r.unit() == null ? "" : r.unit(), r.status() + (r.reason() == null ? "" : ": " + r.reason()));
        }
        table.print(out);
        t.notes().forEach(n -> out.println("note: " + n));
        out.println("bundle: " + dir + "  (check it with: assay verify " + dir + ")");
        out.flush();
    }

    private static String params(InvocationResult r) {
        StringBuilder b = new StringBuilder();
        r.params().forEach((k, v) -> b.append(b.length() > 0 ? " " : "").append(k).append('=').append(v));
        return b.toString();
    }

    private static String number(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static Path defaultOut(ToolFormat tool) {
        String ts = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        return Path.of("runs", ts + "_import_" + tool.name());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return System.getenv("HOSTNAME");
        }
    }
}
