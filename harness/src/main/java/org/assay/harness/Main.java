package org.assay.harness;

import org.assay.harness.command.AcceptCommand;
import org.assay.harness.command.BurnInCommand;
import org.assay.harness.command.CommandLineCapture;
import org.assay.harness.command.CompareCommand;
import org.assay.harness.command.ExportCommand;
import org.assay.harness.command.ImportCommand;
import org.assay.harness.command.ReportCommand;
import org.assay.harness.command.InventoryCommand;
import org.assay.harness.command.ListCommand;
import org.assay.harness.command.ProbesCommand;
import org.assay.harness.command.ProfileCommand;
import org.assay.harness.command.RunCommand;
import org.assay.harness.command.ScoreCommand;
import org.assay.harness.command.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code assay} command. Exit status: 0 success, 1 a measurement or verification failed (for
 * {@code accept}: a check failed), 2 bad input (one line saying what was wrong and what would be
 * right; nothing written), 3 ({@code accept} only) nothing failed but something is inconclusive.
 */
@Command(name = "assay",
        mixinStandardHelpOptions = true,
        versionProvider = AssayVersion.Provider.class,
        description = "Microbenchmark-grade hardware characterization: measure, watch, score.",
        subcommands = {RunCommand.class, ListCommand.class, InventoryCommand.class, ProbesCommand.class,
                VerifyCommand.class, ProfileCommand.class, ScoreCommand.class, AcceptCommand.class,
                CompareCommand.class, ReportCommand.class, BurnInCommand.class, ImportCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI without exiting: tests call this. */
    public static int execute(String... args) {
        CommandLineCapture.set(args);
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // One clear line for bad input instead of picocli's error plus the whole usage text.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(badInputLine(ex));
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            if (ex instanceof UsageException) {
                err.println(name + ": " + ex.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            err.println(name + ": internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return EXIT_FAILED;
        });
        return cl;
    }

    /**
     * The one line for input picocli refused. A word where a command belongs is an unknown
     * command; anything else keeps picocli's message, prefixed with the command it was given to
     * ("assay run: Unknown option: '--x'").
     */
    static String badInputLine(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption()
                && cmd.getParent() == null && !u.getUnmatched().isEmpty()) {
            return name + ": unknown command '" + u.getUnmatched().get(0) + "'";
        }
        return name + ": " + ex.getMessage() + " (see '" + name + " --help')";
    }
}
