package org.assay.harness.command;

import org.assay.harness.UsageException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --root DIR}, shared by every command that reads the machine through procfs and sysfs. */
final class RootOption {

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
            description = "Read /proc, /sys and /dev/cpu under DIR: the host's root mounted into a container "
                    + "(e.g. /host), or a captured tree (default: ${DEFAULT-VALUE}).")
    private Path root;

    /** The root to read, refused as bad input when it is not a directory. */
    Path directory() {
        if (!Files.isDirectory(root)) {
            throw new UsageException("--root " + root + ": not a directory (expected the root of a Linux file tree, e.g. /)");
        }
        return root;
    }
}
