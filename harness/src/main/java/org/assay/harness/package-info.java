/**
 * The {@code assay} command line: {@link org.assay.harness.Main} (the picocli root command, its
 * subcommands and exit statuses: 0 success, 1 a measurement or verification failed, 2 bad input),
 * {@link org.assay.harness.AssayVersion} (the version and git commit baked in at build time) and
 * {@link org.assay.harness.UsageException}, the one-line refusal of bad input.
 *
 * <p>The root package uses only {@code org.assay.harness.command}, where each subcommand lives;
 * the sub-packages may use {@code UsageException} and {@code Main}'s exit statuses, nothing
 * else from here. The harness is the only module that depends on all the others.
 */
package org.assay.harness;
