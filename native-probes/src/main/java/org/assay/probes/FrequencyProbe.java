package org.assay.probes;

import org.assay.probes.internal.ClockEstimator;
import org.assay.probes.internal.CpuidFacts;
import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clock the cores run at, from the best source this machine has:
 * <ol>
 *   <li>APERF/MPERF: effective (busy) clock = base × ΔAPERF / ΔMPERF per CPU
 *       (docs/probes.md, frequency), base from CPUID 0x16, MSR_PLATFORM_INFO, AMD's PStateDef0
 *       or ACPI CPPC;</li>
 *   <li>cpufreq: {@code scaling_cur_freq} (kHz), with min/max and the governor;</li>
 *   <li>estimated: the timing of a dependent add chain on the reading thread ({@link ClockEstimator}).</li>
 * </ol>
 * {@link #read()} covers every online CPU for the time series; an iteration's clock
 * ({@link #counters}, {@link #clockMHz}) covers only the CPUs it is asked about, the workers'.
 * Which one is used is in {@link #availability()} and in the series name ({@code freq.effective},
 * {@code freq.cpufreq}, {@code freq.estimated}), so an estimate is never mistaken for a measurement.
 */
final class FrequencyProbe extends ProbeBase {

    static final long IA32_MPERF = 0xE7;
    static final long IA32_APERF = 0xE8;
    static final long AMD_MPERF_RO = 0xC00000E7L;
    static final long AMD_APERF_RO = 0xC00000E8L;
    static final long MSR_PLATFORM_INFO = 0xCE;
    static final long AMD_PSTATE_DEF0 = 0xC0010064L;

    enum Source { APERF_MPERF, CPUFREQ, ESTIMATED }

    private final Source source;
    private final List<Integer> cpus;
    private double baseMHz = Double.NaN;
    private long mperfReg = IA32_MPERF;
    private long aperfReg = IA32_APERF;
    private long[] lastA;
    private long[] lastM;

    FrequencyProbe(ProbeContext ctx) {
        super(ctx, "frequency", "MHz",
                "core clock: APERF/MPERF effective clock, cpufreq, or an estimate from an add chain");
        this.cpus = ctx.topology.online().isEmpty() ? List.of(ctx.firstCpu()) : ctx.topology.online();
        String aperf = openAperfMperf();
        if (aperf == null) {
            source = Source.APERF_MPERF;
            decide(Availability.available(String.format(java.util.Locale.ROOT,
                    "APERF/MPERF × base %.0f MHz", baseMHz)));
            return;
        }
        String cpufreq = cpufreqProblem();
        if (cpufreq == null) {
            source = Source.CPUFREQ;
            decide(Availability.available("cpufreq scaling_cur_freq (driver "
                    + ctx.sys.read(cpufreqDir(cpus.get(0)) + "/scaling_driver").orElse("?") + ", governor "
                    + ctx.sys.read(cpufreqDir(cpus.get(0)) + "/scaling_governor").orElse("?")
                    + "); APERF/MPERF: " + aperf));
            return;
        }
        source = Source.ESTIMATED;
        decide(Availability.available("estimated from a dependent add chain (APERF/MPERF: " + aperf
                + "; cpufreq: " + cpufreq + ")"));
    }

    Source source() {
        return source;
    }

    @Override
    public synchronized List<Reading> read() {
        List<Reading> out = new ArrayList<>();
        switch (source) {
            case APERF_MPERF:
                double[] mhz = effectiveMHz();
                for (int i = 0; i < cpus.size(); i++) {
                    if (!Double.isNaN(mhz[i])) {
                        out.add(new Reading("freq.effective", "cpu" + cpus.get(i), mhz[i], "MHz"));
                    }
                }
                break;
            case CPUFREQ:
                for (int cpu : cpus) {
                    String dir = cpufreqDir(cpu);
                    out.add(new Reading("freq.cpufreq", "cpu" + cpu, khzToMHz(ctx.sys.readLong(dir + "/scaling_cur_freq")), "MHz"));
                }
                break;
            default:
                out.add(new Reading("freq.estimated", "sampler", ClockEstimator.estimateMHz(), "MHz"));
        }
        return out;
    }

    /** Average clock over the CPUs since the previous call (APERF/MPERF), or now (cpufreq, estimate). */
    synchronized double averageMHz() {
        double sum = 0;
        int n = 0;
        for (Reading r : read()) {
            if (!Double.isNaN(r.value())) {
                sum += r.value();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    // --- per iteration, on the workers' CPUs -------------------------------------------------------

    /** APERF and MPERF of some CPUs at one instant; a CPU whose registers did not answer has -1. */
    record Counters(long[] aperf, long[] mperf) {
    }

    /**
     * The counters of {@code cpus} now, where an iteration's clock starts from; null unless the
     * source is APERF/MPERF. Kept apart from {@link #read()}'s state, so the time series and the
     * iteration windows do not take deltas from each other's reads.
     */
    synchronized Counters counters(List<Integer> cpus) {
        if (source != Source.APERF_MPERF) {
            return null;
        }
        long[] a = new long[cpus.size()];
        long[] m = new long[cpus.size()];
        for (int i = 0; i < cpus.size(); i++) {
            try {
                m[i] = ctx.msr.read(cpus.get(i), mperfReg);
                a[i] = ctx.msr.read(cpus.get(i), aperfReg);
            } catch (ProbeIoException e) {
                m[i] = -1;
                a[i] = -1;
            }
        }
        return new Counters(a, m);
    }

    /**
     * The clock of {@code cpus} over the interval since {@code start} (APERF/MPERF), or now
     * (cpufreq: the mean of their {@code scaling_cur_freq}; the estimate: the add chain run on up
     * to {@link #ESTIMATE_CPUS} of them through {@code runner}). NaN when nothing answered.
     */
    synchronized double clockMHz(List<Integer> cpus, Counters start, CpuRunner runner) {
        switch (source) {
            case APERF_MPERF:
                Counters end = counters(cpus);
                return start == null || end == null ? Double.NaN : busyWeightedMHz(baseMHz, start, end);
            case CPUFREQ:
                double sum = 0;
                int n = 0;
                for (int cpu : cpus) {
                    double mhz = khzToMHz(ctx.sys.readLong(cpufreqDir(cpu) + "/scaling_cur_freq"));
                    if (!Double.isNaN(mhz)) {
                        sum += mhz;
                        n++;
                    }
                }
                return n == 0 ? Double.NaN : sum / n;
            default:
                return estimatedMHz(cpus, runner);
        }
    }

    /** How many worker CPUs the add chain runs on per iteration: ~0.1 ms each, after the iteration. */
    static final int ESTIMATE_CPUS = 4;

    private static double estimatedMHz(List<Integer> cpus, CpuRunner runner) {
        double sum = 0;
        int n = 0;
        for (int cpu : spread(cpus, ESTIMATE_CPUS)) {
            double mhz = runner.onCpu(cpu, ClockEstimator::estimateMHz);
            if (!Double.isNaN(mhz)) {
                sum += mhz;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** At most {@code k} of {@code cpus}, evenly spread over the list (first and last included). */
    static List<Integer> spread(List<Integer> cpus, int k) {
        if (cpus.size() <= k) {
            return cpus;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(cpus.get((int) Math.round(i * (cpus.size() - 1) / (double) (k - 1))));
        }
        return out;
    }

    /**
     * base × ΣΔAPERF / ΣΔMPERF over the CPUs whose deltas are both positive: each CPU weighs by
     * its busy reference cycles, so a worker CPU that sat idle at JMH's barrier for part of the
     * window counts for the part it ran, and the figure is the clock the work ran at.
     */
    static double busyWeightedMHz(double baseMHz, Counters start, Counters end) {
        double da = 0;
        double dm = 0;
        for (int i = 0; i < start.aperf().length; i++) {
            if (start.mperf()[i] < 0 || end.mperf()[i] < 0) {
                continue;
            }
            long a = end.aperf()[i] - start.aperf()[i];
            long m = end.mperf()[i] - start.mperf()[i];
            if (a > 0 && m > 0) {
                da += a;
                dm += m;
            }
        }
        return dm > 0 ? baseMHz * da / dm : Double.NaN;
    }

    private double[] effectiveMHz() {
        double[] mhz = new double[cpus.size()];
        long[] a = new long[cpus.size()];
        long[] m = new long[cpus.size()];
        for (int i = 0; i < cpus.size(); i++) {
            try {
                // back to back, MPERF first, so the two reads cover the same instant as closely as possible
                m[i] = ctx.msr.read(cpus.get(i), mperfReg);
                a[i] = ctx.msr.read(cpus.get(i), aperfReg);
            } catch (ProbeIoException e) {
                m[i] = -1;
            }
        }
        for (int i = 0; i < cpus.size(); i++) {
            mhz[i] = lastA == null || m[i] < 0 || lastM[i] < 0
                    ? Double.NaN : effectiveMHz(baseMHz, lastA[i], a[i], lastM[i], m[i]);
        }
        lastA = a;
        lastM = m;
        return mhz;
    }

    /** base × ΔAPERF/ΔMPERF; NaN unless both deltas are positive (turbostat discards such samples). */
    static double effectiveMHz(double baseMHz, long a0, long a1, long m0, long m1) {
        long da = a1 - a0;
        long dm = m1 - m0;
        if (da <= 0 || dm <= 0) {
            return Double.NaN;
        }
        return baseMHz * da / dm;
    }

    private String openAperfMperf() {
        CpuidFacts f = ctx.facts;
        boolean amd = ctx.amd();
        if (f != null && !f.aperfMperf() && !(amd && f.amdEffFreqReadOnly())) {
            return "no APERF/MPERF (CPUID.06H:ECX[0] clear, common in VMs)";
        }
        String unreadable = msrProblem();
        if (unreadable != null) {
            return unreadable;
        }
        if (amd && f != null && f.amdEffFreqReadOnly()) {
            mperfReg = AMD_MPERF_RO;
            aperfReg = AMD_APERF_RO;
        }
        effectiveMHz();        // the first read primes the deltas and proves the registers answer
        if (lastM[0] < 0) {
            lastA = null;
            try {
                ctx.msr.read(ctx.firstCpu(), mperfReg);
            } catch (ProbeIoException e) {
                return "APERF/MPERF unreadable: " + e.getMessage();
            }
            return "APERF/MPERF unreadable";
        }
        baseMHz = baseMHz(amd);
        if (Double.isNaN(baseMHz)) {
            lastA = null;
            return "APERF/MPERF readable but no base clock known (CPUID 0x16, MSR 0xCE, PStateDef0, acpi_cppc)";
        }
        return null;
    }

    private double baseMHz(boolean amd) {
        if (ctx.facts != null && ctx.facts.baseMHz() > 0) {
            return ctx.facts.baseMHz();
        }
        int cpu = ctx.firstCpu();
        if (!amd) {
            try {
                long ratio = (ctx.msr.read(cpu, MSR_PLATFORM_INFO) >>> 8) & 0xFF;
                if (ratio > 0) {
                    return ratio * 100.0;
                }
            } catch (ProbeIoException e) {
                // fall through
            }
        } else {
            try {
                double cof = amdPStateMHz(ctx.msr.read(cpu, AMD_PSTATE_DEF0), ctx.facts == null ? 0x19 : ctx.facts.family());
                if (cof > 0) {
                    return cof;
                }
            } catch (ProbeIoException e) {
                // fall through
            }
        }
        Optional<Long> nominal = ctx.sys.readLong("/sys/devices/system/cpu/cpu" + cpu + "/acpi_cppc/nominal_freq");
        return nominal.filter(v -> v > 0).map(Long::doubleValue).orElse(Double.NaN);
    }

    /** P-state core frequency: Zen1–4 200 × FID / DID (FID 7:0, DID 13:8); family 1Ah 5 × FID (11:0). */
    static double amdPStateMHz(long pstateDef, int family) {
        if (((pstateDef >>> 63) & 1) == 0) {
            return Double.NaN;
        }
        if (family >= 0x1A) {
            return 5.0 * (pstateDef & 0xFFF);
        }
        long fid = pstateDef & 0xFF;
        long did = (pstateDef >>> 8) & 0x3F;
        return did == 0 ? Double.NaN : 200.0 * fid / did;
    }

    private String cpufreqProblem() {
        Path dir = ctx.sys.path(cpufreqDir(cpus.get(0)));
        if (!dir.toFile().isDirectory()) {
            return dir + " missing (no scaling driver, common in VMs and containers)";
        }
        if (ctx.sys.readLong(cpufreqDir(cpus.get(0)) + "/scaling_cur_freq").isEmpty()) {
            return dir.resolve("scaling_cur_freq") + " unreadable";
        }
        return null;
    }

    static String cpufreqDir(int cpu) {
        return "/sys/devices/system/cpu/cpu" + cpu + "/cpufreq";
    }

    private static double khzToMHz(Optional<Long> khz) {
        return khz.map(k -> k / 1000.0).orElse(Double.NaN);
    }

    /** cpufreq's min, max and governor for the text view ("" when there is no cpufreq). */
    String cpufreqLimits() {
        String d = cpufreqDir(cpus.get(0));
        Optional<Long> min = ctx.sys.readLong(d + "/scaling_min_freq");
        Optional<Long> max = ctx.sys.readLong(d + "/scaling_max_freq");
        if (min.isEmpty() && max.isEmpty()) {
            return "";
        }
        return "min " + min.map(v -> v / 1000 + " MHz").orElse("?") + ", max " + max.map(v -> v / 1000 + " MHz").orElse("?")
                + ", governor " + ctx.sys.read(d + "/scaling_governor").orElse("?");
    }
}
