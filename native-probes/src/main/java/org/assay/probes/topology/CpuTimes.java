package org.assay.probes.topology;

/**
 * Cumulative CPU time from one {@code /proc/stat} line, in USER_HZ ticks (normally 1/100 s).
 * {@code guest} and {@code guest_nice} are left out on purpose: the kernel already counts them in
 * {@code user} and {@code nice}, and adding them again would inflate the total.
 */
public record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                       long steal) {

    /** Every tick of the first eight columns. */
    public long total() {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }

    /** Ticks not idle: user + nice + system + irq + softirq + steal (proc(5); iowait counts as idle). */
    public long busy() {
        return user + nice + system + irq + softirq + steal;
    }

    /**
     * What happened between two snapshots. Each column's difference is clamped at zero because
     * {@code iowait} can go backwards (proc(5): "unreliable"); percentages are NaN, not 0, when no
     * tick elapsed, since nothing was measured.
     *
     * @param ticks            total ticks elapsed over all CPUs of the line
     * @param busyPercent      utilisation, steal included
     * @param stealPercent     time the hypervisor ran someone else while this guest wanted the CPU
     * @param iowaitPercent    idle time with I/O outstanding
     */
    public record Delta(long ticks, double busyPercent, double stealPercent, double iowaitPercent) {
    }

    public static Delta delta(CpuTimes before, CpuTimes after) {
        CpuTimes d = new CpuTimes(
                diff(before.user, after.user), diff(before.nice, after.nice),
                diff(before.system, after.system), diff(before.idle, after.idle),
                diff(before.iowait, after.iowait), diff(before.irq, after.irq),
                diff(before.softirq, after.softirq), diff(before.steal, after.steal));
        long total = d.total();
        if (total == 0) {
            return new Delta(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Delta(total, 100.0 * d.busy() / total, 100.0 * d.steal / total, 100.0 * d.iowait / total);
    }

    /** Since boot: the same figures over the whole uptime. */
    public Delta sinceBoot() {
        return delta(new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0), this);
    }

    private static long diff(long a, long b) {
        return Math.max(0, b - a);
    }
}
