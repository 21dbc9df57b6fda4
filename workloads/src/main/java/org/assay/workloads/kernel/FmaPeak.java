package org.assay.workloads.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.management.ManagementFactory;

/**
 * The FP64 peak of one core at one vector width: {@link #CHAINS} independent chains of fused
 * multiply-adds {@code x <- a * b + x}, each chain a scalar double ({@link Math#fma}) or one
 * {@link DoubleVector} of 128, 256 or 512 bits, and nothing else in the loop: no loads, no
 * stores, no dependency between chains.
 *
 * <p>Why independent chains: an FMA's result is ready about 4 cycles after it issues, and a core
 * issues up to 2 per cycle, so at least latency x ports = 8 FMAs must be in flight for the pipes
 * never to wait. {@link #CHAINS} = 12 covers a latency of up to 6 cycles at 2 ports, and 12
 * accumulators plus the two constants fit the 16 vector registers of AVX2 (a 16-chain loop would
 * spill there, and the spills would be what it measured).
 *
 * <p>The chain runs through the addend, not a multiplicand: x86 compilers (C2 among them) emit
 * the FMA form that accumulates into its destination register, so with {@code x <- x * a + b}
 * C2 copied {@code b} into a fresh register before every FMA, and on cores that do not eliminate
 * vector register moves such a copy competes with the FMAs for the same ports.
 *
 * <p>Verification has a closed form. {@code a} is 1 and {@code b} is 2^-24, both read from fields
 * the JIT cannot fold, so each FMA is a real multiply-add whose result is exact: every chain
 * starts at a distinct small integer and ends at {@code start + STEPS * a * b} with no rounding
 * ({@link #verify()} compares bit for bit). A dropped chain, lane or step, or a wrong species,
 * leaves some lane off its closed form. (The compiler may not split an FMA into a multiply it
 * hoists and an add, because that would round twice: {@code Math.fma} rounds once.)
 *
 * <p>Each width has its own loop because the Vector API compiles to vector instructions only
 * when the species is a constant; a loop taking the species as an argument would run the Java
 * fallback, hundreds of times slower. A width wider than this JVM's widest {@code DoubleVector}
 * ({@code SPECIES_MAX}, which follows {@code MaxVectorSize} and {@code UseAVX}) is refused, as is
 * any width where {@code UseFMA} is off (then {@code Math.fma} and the vector {@code fma} are
 * software).
 */
public final class FmaPeak {

    /** Independent accumulators (scalars or vectors). */
    public static final int CHAINS = 12;
    /** FMA steps of every chain in one operation: 2^16, about 0.2 ms at full rate at any width. */
    public static final int STEPS = 1 << 16;
    /** The width of a scalar double, as the scalar path's "vector" width. */
    public static final int SCALAR_BITS = 64;
    /** The increment: a power of two, so every partial sum of the chains is exact. */
    static final double INCREMENT = 0x1p-24;

    private static final VectorSpecies<Double> S128 = DoubleVector.SPECIES_128;
    private static final VectorSpecies<Double> S256 = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Double> S512 = DoubleVector.SPECIES_512;

    private final int widthBits;
    private final int lanes;
    private final double[] start;
    private final double[] out;
    // instance fields, not constants: the JIT must not see that a is 1 and fold the multiply
    private double a = 1.0;
    private double b = INCREMENT;

    /**
     * @param widthBits 64 (scalar), 128, 256 or 512
     * @throws IllegalArgumentException for another width, one wider than this JVM's widest
     *                                  {@code DoubleVector}, or no hardware FMA in this JVM
     */
    public FmaPeak(int widthBits) {
        checkWidth(widthBits, jvmMaxBits(), vmFlag("UseFMA"));
        this.widthBits = widthBits;
        this.lanes = widthBits / SCALAR_BITS;
        this.start = new double[CHAINS * lanes];
        this.out = new double[CHAINS * lanes];
        for (int i = 0; i < start.length; i++) {
            start[i] = 1 + i;
        }
    }

    /**
     * Refuses a width this kernel has no loop for, one wider than {@code jvmMaxBits}, or any width
     * when {@code useFma} is false (null: the JVM does not say, so nothing is refused for it).
     */
    static void checkWidth(int widthBits, int jvmMaxBits, Boolean useFma) {
        if (widthBits != SCALAR_BITS && widthBits != 128 && widthBits != 256 && widthBits != 512) {
            throw new IllegalArgumentException("FMA width " + widthBits + " bits: expected 64 (scalar), 128, 256 or 512");
        }
        if (Boolean.FALSE.equals(useFma)) {
            throw new IllegalArgumentException("this JVM has UseFMA off (no FMA instruction on this CPU, or disabled):"
                    + " Math.fma and vector fma would run in software, so there is no FMA peak to measure");
        }
        if (widthBits > jvmMaxBits) {
            throw new IllegalArgumentException("FMA width " + widthBits + " bits: this JVM's widest DoubleVector is "
                    + jvmMaxBits + " bits (MaxVectorSize and UseAVX decide it), so " + widthBits
                    + "-bit FMAs would run in the Vector API's Java fallback; choose a width up to " + jvmMaxBits);
        }
    }

    /** The widest {@code DoubleVector} this JVM compiles to vector instructions, in bits. */
    public static int jvmMaxBits() {
        return DoubleVector.SPECIES_MAX.vectorBitSize();
    }

    /** {@code "scalar"} is 64 bits; a number is itself; anything else is refused. */
    public static int bitsOf(String width) {
        if ("scalar".equals(width)) {
            return SCALAR_BITS;
        }
        try {
            return Integer.parseInt(width.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FMA width '" + width + "': expected scalar, 128, 256 or 512");
        }
    }

    /** FLOPs of one {@link #run()}: two per FMA per lane. */
    public static double flopsPerOperation(int widthBits) {
        return 2.0 * CHAINS * STEPS * (widthBits / SCALAR_BITS);
    }

    public int widthBits() {
        return widthBits;
    }

    /**
     * One operation: every chain from its start through {@link #STEPS} FMAs, the ends stored for
     * {@link #verify()}; returns their sum so the JIT cannot drop the work.
     */
    public double run() {
        switch (widthBits) {
            case 512 -> run512();
            case 256 -> run256();
            case 128 -> run128();
            default -> runScalar();
        }
        double sum = 0;
        for (double v : out) {
            sum += v;
        }
        return sum;
    }

    private void runScalar() {
        double va = a;
        double vb = b;
        double[] s = start;
        double x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3], x4 = s[4], x5 = s[5];
        double x6 = s[6], x7 = s[7], x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11];
        for (int i = 0; i < STEPS; i++) {
            x0 = Math.fma(va, vb, x0);
            x1 = Math.fma(va, vb, x1);
            x2 = Math.fma(va, vb, x2);
            x3 = Math.fma(va, vb, x3);
            x4 = Math.fma(va, vb, x4);
            x5 = Math.fma(va, vb, x5);
            x6 = Math.fma(va, vb, x6);
            x7 = Math.fma(va, vb, x7);
            x8 = Math.fma(va, vb, x8);
            x9 = Math.fma(va, vb, x9);
            x10 = Math.fma(va, vb, x10);
            x11 = Math.fma(va, vb, x11);
        }
        double[] o = out;
        o[0] = x0; o[1] = x1; o[2] = x2; o[3] = x3; o[4] = x4; o[5] = x5;
        o[6] = x6; o[7] = x7; o[8] = x8; o[9] = x9; o[10] = x10; o[11] = x11;
    }

    // The three vector loops are the scalar one with DoubleVector locals; they differ only in the
    // species constant, which must be a constant for C2 to emit vector FMAs (see the class comment).

    private void run128() {
        DoubleVector va = DoubleVector.broadcast(S128, a);
        DoubleVector vb = DoubleVector.broadcast(S128, b);
        int l = S128.length();
        DoubleVector x0 = DoubleVector.fromArray(S128, start, 0), x1 = DoubleVector.fromArray(S128, start, l);
        DoubleVector x2 = DoubleVector.fromArray(S128, start, 2 * l), x3 = DoubleVector.fromArray(S128, start, 3 * l);
        DoubleVector x4 = DoubleVector.fromArray(S128, start, 4 * l), x5 = DoubleVector.fromArray(S128, start, 5 * l);
        DoubleVector x6 = DoubleVector.fromArray(S128, start, 6 * l), x7 = DoubleVector.fromArray(S128, start, 7 * l);
        DoubleVector x8 = DoubleVector.fromArray(S128, start, 8 * l), x9 = DoubleVector.fromArray(S128, start, 9 * l);
        DoubleVector x10 = DoubleVector.fromArray(S128, start, 10 * l), x11 = DoubleVector.fromArray(S128, start, 11 * l);
        for (int i = 0; i < STEPS; i++) {
            x0 = va.fma(vb, x0);
            x1 = va.fma(vb, x1);
            x2 = va.fma(vb, x2);
            x3 = va.fma(vb, x3);
            x4 = va.fma(vb, x4);
            x5 = va.fma(vb, x5);
            x6 = va.fma(vb, x6);
            x7 = va.fma(vb, x7);
            x8 = va.fma(vb, x8);
            x9 = va.fma(vb, x9);
            x10 = va.fma(vb, x10);
            x11 = va.fma(vb, x11);
        }
        x0.intoArray(out, 0); x1.intoArray(out, l); x2.intoArray(out, 2 * l); x3.intoArray(out, 3 * l);
        x4.intoArray(out, 4 * l); x5.intoArray(out, 5 * l); x6.intoArray(out, 6 * l); x7.intoArray(out, 7 * l);
        x8.intoArray(out, 8 * l); x9.intoArray(out, 9 * l); x10.intoArray(out, 10 * l); x11.intoArray(out, 11 * l);
    }

    private void run256() {
        DoubleVector va = DoubleVector.broadcast(S256, a);
        DoubleVector vb = DoubleVector.broadcast(S256, b);
        int l = S256.length();
        DoubleVector x0 = DoubleVector.fromArray(S256, start, 0), x1 = DoubleVector.fromArray(S256, start, l);
        DoubleVector x2 = DoubleVector.fromArray(S256, start, 2 * l), x3 = DoubleVector.fromArray(S256, start, 3 * l);
        DoubleVector x4 = DoubleVector.fromArray(S256, start, 4 * l), x5 = DoubleVector.fromArray(S256, start, 5 * l);
        DoubleVector x6 = DoubleVector.fromArray(S256, start, 6 * l), x7 = DoubleVector.fromArray(S256, start, 7 * l);
        DoubleVector x8 = DoubleVector.fromArray(S256, start, 8 * l), x9 = DoubleVector.fromArray(S256, start, 9 * l);
        DoubleVector x10 = DoubleVector.fromArray(S256, start, 10 * l), x11 = DoubleVector.fromArray(S256, start, 11 * l);
        for (int i = 0; i < STEPS; i++) {
            x0 = va.fma(vb, x0);
            x1 = va.fma(vb, x1);
            x2 = va.fma(vb, x2);
            x3 = va.fma(vb, x3);
            x4 = va.fma(vb, x4);
            x5 = va.fma(vb, x5);
            x6 = va.fma(vb, x6);
            x7 = va.fma(vb, x7);
            x8 = va.fma(vb, x8);
            x9 = va.fma(vb, x9);
            x10 = va.fma(vb, x10);
            x11 = va.fma(vb, x11);
        }
        x0.intoArray(out, 0); x1.intoArray(out, l); x2.intoArray(out, 2 * l); x3.intoArray(out, 3 * l);
        x4.intoArray(out, 4 * l); x5.intoArray(out, 5 * l); x6.intoArray(out, 6 * l); x7.intoArray(out, 7 * l);
        x8.intoArray(out, 8 * l); x9.intoArray(out, 9 * l); x10.intoArray(out, 10 * l); x11.intoArray(out, 11 * l);
    }

    private void run512() {
        DoubleVector va = DoubleVector.broadcast(S512, a);
        DoubleVector vb = DoubleVector.broadcast(S512, b);
        int l = S512.length();
        DoubleVector x0 = DoubleVector.fromArray(S512, start, 0), x1 = DoubleVector.fromArray(S512, start, l);
        DoubleVector x2 = DoubleVector.fromArray(S512, start, 2 * l), x3 = DoubleVector.fromArray(S512, start, 3 * l);
        DoubleVector x4 = DoubleVector.fromArray(S512, start, 4 * l), x5 = DoubleVector.fromArray(S512, start, 5 * l);
        DoubleVector x6 = DoubleVector.fromArray(S512, start, 6 * l), x7 = DoubleVector.fromArray(S512, start, 7 * l);
        DoubleVector x8 = DoubleVector.fromArray(S512, start, 8 * l), x9 = DoubleVector.fromArray(S512, start, 9 * l);
        DoubleVector x10 = DoubleVector.fromArray(S512, start, 10 * l), x11 = DoubleVector.fromArray(S512, start, 11 * l);
        for (int i = 0; i < STEPS; i++) {
            x0 = va.fma(vb, x0);
            x1 = va.fma(vb, x1);
            x2 = va.fma(vb, x2);
            x3 = va.fma(vb, x3);
            x4 = va.fma(vb, x4);
            x5 = va.fma(vb, x5);
            x6 = va.fma(vb, x6);
            x7 = va.fma(vb, x7);
            x8 = va.fma(vb, x8);
            x9 = va.fma(vb, x9);
            x10 = va.fma(vb, x10);
            x11 = va.fma(vb, x11);
        }
        x0.intoArray(out, 0); x1.intoArray(out, l); x2.intoArray(out, 2 * l); x3.intoArray(out, 3 * l);
        x4.intoArray(out, 4 * l); x5.intoArray(out, 5 * l); x6.intoArray(out, 6 * l); x7.intoArray(out, 7 * l);
        x8.intoArray(out, 8 * l); x9.intoArray(out, 9 * l); x10.intoArray(out, 10 * l); x11.intoArray(out, 11 * l);
    }

    /**
     * Every lane of every chain against its closed form {@code start + STEPS * 2^-24}, exact.
     *
     * @throws IllegalStateException "expected X but got Y" at the first lane that is off
     */
    public void verify() {
        for (int i = 0; i < out.length; i++) {
            double expected = start[i] + STEPS * INCREMENT;
            if (Double.doubleToLongBits(out[i]) != Double.doubleToLongBits(expected)) {
                throw new IllegalStateException("fma peak verification failed at " + widthBits + " bits: expected chain "
                        + (i / lanes) + " lane " + (i % lanes) + " = " + expected + " but got " + out[i]);
            }
        }
    }

    /** For tests: one lane ends one increment short, as a skipped step would leave it. */
    void corruptLane(int index) {
        out[index] -= INCREMENT;
    }

    /** For tests: the multiplier the JIT cannot see, changed so the chains leave their closed form. */
    void setMultiplier(double multiplier) {
        this.a = multiplier;
    }

    /** A HotSpot flag's boolean value, or null on a JVM without the diagnostic bean or the flag. */
    private static Boolean vmFlag(String name) {
        try {
            com.sun.management.HotSpotDiagnosticMXBean bean =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? null : Boolean.valueOf(bean.getVMOption(name).getValue());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
