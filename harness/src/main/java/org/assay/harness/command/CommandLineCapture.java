package org.assay.harness.command;

import java.util.List;

/** The arguments {@code assay} was started with, for run.json's exact command line. */
public final class CommandLineCapture {
    private static volatile List<String> args = List.of();

    private CommandLineCapture() {
    }

    public static void set(String... a) {
        args = List.of(a);
    }

    static List<String> args() {
        return args;
    }
}
