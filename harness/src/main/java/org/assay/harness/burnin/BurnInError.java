package org.assay.harness.burnin;

/**
 * One wrong result: which component saw it, when, on which CPU, where, and what was expected and
 * read. Verifiers create these and carry on; an error never stops the burn-in.
 *
 * @param time      ISO-8601 instant the check failed
 * @param elapsed   seconds since the burn-in started
 * @param phase     the plan phase it happened in
 * @param round     the worker's round (pass, message, block operation) counted from 1
 * @param cpu       the CPU the checking thread ran on (-1 when unknown)
 * @param test      the kernel or pattern that failed (dgemm, walking-ones, block-read, ...)
 * @param location  where: a memory offset, a file and offset, a matrix row, a message number
 * @param expected  what the reference says, as text
 * @param actual    what was read, as text
 */
public record BurnInError(Component component, String time, double elapsed, String phase, long round, int cpu,
                          String test, String location, String expected, String actual) {

    /** One line for the console and the JUnit message. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s %s at %.1f s (%s), round %d, cpu %d, %s: expected %s, read %s",
                component.id(), test, elapsed, time, round, cpu, location, expected, actual);
    }
}
