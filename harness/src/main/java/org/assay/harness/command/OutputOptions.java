package org.assay.harness.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.assay.results.BundleFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * {@code --json} and the writers a command prints through: picocli's, so that a caller (a test,
 * an embedding program) that sets the command line's out and err sees everything a command says.
 * JSON is written from records by the bundle's shared mapper, so it has the same settings as
 * {@code run.json} (nulls written, NaN as null).
 */
final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    boolean json() {
        return json;
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    void printJson(Object value) throws JsonProcessingException {
        PrintWriter out = out();
        out.println(BundleFormat.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
    }
}
