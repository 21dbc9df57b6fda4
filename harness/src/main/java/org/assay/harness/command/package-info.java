/**
 * One class per subcommand ({@code run}, {@code list}, {@code inventory}, {@code probes},
 * {@code verify}, {@code profile} with {@code create}, {@code score}, {@code accept}), each a picocli {@code @Command} registered in {@link org.assay.harness.Main},
 * and the printers of what they show (the plan, the end-of-run summary, suite text).
 * {@link org.assay.harness.command.CommandLineCapture} keeps the exact argument list for
 * {@code run.json}.
 *
 * <p>A command parses and checks its options, then delegates: planning to
 * {@code org.assay.harness.plan}, measuring to {@code org.assay.harness.execution}, the bundle to
 * {@code org.assay.results}, machine facts and probes to native-probes, the summary table to
 * {@code org.assay.analysis} (with the affected-iteration notes of
 * {@code org.assay.harness.derived}), scores and verdicts to {@code org.assay.analysis.judging}
 * ({@link org.assay.harness.command.JudgeInputs} reads the profile and the verified bundle they
 * need, and writes their output files whole). Commands are the top of the harness: nothing else uses them except
 * {@code Main}.
 */
package org.assay.harness.command;
