package org.assay.workloads.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Forward 1-D complex FFT of a power-of-two length {@code n}, double precision, split arrays
 * (real and imaginary parts apart), out of place: {@link #transform()} reads the fixed input and
 * writes the spectrum, so every operation does the same work.
 *
 * <p>What it measures: floating-point throughput of one core on a memory-access pattern that
 * changes stride every pass. FLOPs are counted by the usual convention, {@code 5 n log2 n} per
 * transform (the radix-2 operation count, which FFTW's and benchFFT's "mflops" use too), so the
 * figure is comparable across FFT algorithms whatever they really execute.
 *
 * <p>Algorithm: decimation in time. A bit-reversal gather copies the input into the output
 * arrays; the first three radix-2 passes run as one scalar 8-point pass per block of eight
 * (strides 1, 2 and 4 are narrower than a vector); the remaining passes run two at a time as
 * radix-4 passes (one load and store of the data per two passes, which halves the memory
 * traffic for sizes past L1/L2), with a final radix-2 pass when their number is odd. Those
 * passes are vectorised with {@code SPECIES_PREFERRED} (8 doubles with AVX-512) along the
 * butterfly index, where the twiddles are contiguous: each pass has its own twiddle table
 * ({@code w[h + j] = exp(-i pi j / h)} for the pass of half-width {@code h}), precomputed with
 * {@link Math#cos}/{@link Math#sin} per entry (no recurrence, so no drift with n).
 *
 * <p>Memory layout: the six vectors (input, output and twiddles, real and imaginary) live in one
 * {@code double[]}, each starting {@link #STAGGER} elements past the end of the previous one, the
 * first at {@link #ALIGN_OFFSET}. With separate arrays of {@code n} doubles (for n of 512 or more
 * a multiple of 4 KiB) the vectors a butterfly reads together started at the same or nearly the
 * same offset in a 4 KiB page, so they competed for the same L1 sets and 4K-aliased, by an amount
 * that depended on where the collector had copied each array: the same kernel ran anywhere from
 * 8.3 to 11.0 GFLOP/s from one JVM to the next. In one array their distances are fixed, 576 bytes
 * apart modulo 4 KiB. {@code ALIGN_OFFSET} puts the first element on a 64-byte line when the
 * array object itself is 64-byte aligned ({@code -XX:ObjectAlignmentInBytes=64}, which the
 * workload asks for its forks): then no 8-double vector load splits a cache line. Without the
 * flag the kernel is just as correct, only its speed depends again on where the array lands.
 *
 * <p>Verification ({@link #verify()}): some output bins against a direct DFT of the input
 * (O(n) each, not through the butterflies), which catches a kernel that skips or scrambles work;
 * and an inverse round trip (conjugate, transform, conjugate, divide by n) back to the input,
 * which checks every bin. Either alone can be fooled (a kernel that does nothing survives a round
 * trip through itself); together they cannot.
 */
public final class ComplexFft {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Smallest size: the scalar 8-point pass plus at least one vector pass. */
    public static final int MIN_N = 8 * 2;

    /**
     * Elements before the first vector: HotSpot's {@code double[]} elements begin 16 bytes after
     * the object (JDK 17 to 25 with compressed class pointers, and with compact headers), so 6
     * doubles more put them on a 64-byte boundary of a 64-byte aligned array. Tests check the 16.
     */
    static final int ALIGN_OFFSET = 6;
    /**
     * Elements between one vector's end and the next one's start: 576 bytes, a multiple of the
     * 64-byte line, so the six vectors begin 0, 576, ..., 2880 bytes into a 4 KiB page when n is a
     * multiple of 512, spread over different L1 sets.
     */
    static final int STAGGER = 72;

    private final int n;
    private final int log2n;
    /** All six vectors; see the class comment. */
    private final double[] data;
    /** Start of each vector in {@link #data}: input, output and twiddles, real and imaginary. */
    private final int inRe;
    private final int inIm;
    private final int re;
    private final int im;
    private final int twRe;
    private final int twIm;
    private final int[] bitReversed;
    private final long seed;
    private boolean transformed;

    /** Input uniform in [-1, 1) from {@code seed}. */
    public ComplexFft(int n, long seed) {
        if (!isPowerOfTwo(n) || n < Math.max(MIN_N, 2 * L)) {
            throw new IllegalArgumentException("FFT size must be a power of two of at least "
                    + Math.max(MIN_N, 2 * L) + ", got " + n);
        }
        this.n = n;
        this.log2n = Integer.numberOfTrailingZeros(n);
        this.seed = seed;
        int stride = n + STAGGER;
        data = new double[ALIGN_OFFSET + 6 * stride];
        inRe = ALIGN_OFFSET;
        inIm = inRe + stride;
        re = inIm + stride;
        im = re + stride;
        twRe = im + stride;
        twIm = twRe + stride;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            data[inRe + i] = 2 * r.nextDouble() - 1;
            data[inIm + i] = 2 * r.nextDouble() - 1;
        }
        for (int h = 1; h < n; h <<= 1) {
            for (int j = 0; j < h; j++) {
                double angle = -Math.PI * j / h;
                data[twRe + h + j] = Math.cos(angle);
                data[twIm + h + j] = Math.sin(angle);
            }
        }
        bitReversed = new int[n];
        for (int i = 0; i < n; i++) {
            bitReversed[i] = Integer.reverse(i) >>> (32 - log2n);
        }
    }

    public static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** FLOPs of one transform by the 5 n log2 n convention. */
    public static double flopsPerTransform(long n) {
        return 5.0 * n * (63 - Long.numberOfLeadingZeros(n));
    }

    /** Transforms the input into the output arrays; returns one bin so the work stays live. */
    public double transform() {
        run(data, inRe, inIm, data, re, im);
        transformed = true;
        return data[re + 1] + data[im + n - 1];
    }

    /**
     * Transforms the vectors at {@code src[sr..]}, {@code src[si..]} into {@code dst[dr..]},
     * {@code dst[di..]}; the twiddles always come from {@link #data}.
     */
    private void run(double[] src, int sr, int si, double[] dst, int dr, int di) {
        gather(src, sr, si, dst, dr, di);
        firstThreePasses(dst, dr, di);
        int h = 8;
        int remaining = log2n - 3;
        if ((remaining & 1) == 1) {
            radix2Pass(dst, dr, di, h);
            h <<= 1;
            remaining--;
        }
        for (; remaining > 0; remaining -= 2, h <<= 2) {
            radix4Pass(dst, dr, di, h);
        }
    }

    private void gather(double[] src, int sr, int si, double[] dst, int dr, int di) {
        final int[] rev = bitReversed;
        for (int i = 0; i < n; i++) {
            int s = rev[i];
            dst[dr + i] = src[sr + s];
            dst[di + i] = src[si + s];
        }
    }

    /** Passes with half-widths 1, 2, 4 over each block of eight, in registers. */
    private void firstThreePasses(double[] x, int dr, int di) {
        final double s = Math.sqrt(0.5);
        for (int b = 0; b < n; b += 8) {
            // half-width 1: twiddle 1
            double a0r = x[dr + b] + x[dr + b + 1], a0i = x[di + b] + x[di + b + 1];
            double a1r = x[dr + b] - x[dr + b + 1], a1i = x[di + b] - x[di + b + 1];
            double a2r = x[dr + b + 2] + x[dr + b + 3], a2i = x[di + b + 2] + x[di + b + 3];
            double a3r = x[dr + b + 2] - x[dr + b + 3], a3i = x[di + b + 2] - x[di + b + 3];
            double a4r = x[dr + b + 4] + x[dr + b + 5], a4i = x[di + b + 4] + x[di + b + 5];
            double a5r = x[dr + b + 4] - x[dr + b + 5], a5i = x[di + b + 4] - x[di + b + 5];
            double a6r = x[dr + b + 6] + x[dr + b + 7], a6i = x[di + b + 6] + x[di + b + 7];
            double a7r = x[dr + b + 6] - x[dr + b + 7], a7i = x[di + b + 6] - x[di + b + 7];
            // half-width 2: twiddles 1, -i
            double b0r = a0r + a2r, b0i = a0i + a2i;
            double b2r = a0r - a2r, b2i = a0i - a2i;
            double b1r = a1r + a3i, b1i = a1i - a3r;   // a1 + (-i) a3
            double b3r = a1r - a3i, b3i = a1i + a3r;
            double b4r = a4r + a6r, b4i = a4i + a6i;
            double b6r = a4r - a6r, b6i = a4i - a6i;
            double b5r = a5r + a7i, b5i = a5i - a7r;
            double b7r = a5r - a7i, b7i = a5i + a7r;
            // half-width 4: twiddles 1, (1-i)/sqrt2, -i, (-1-i)/sqrt2
            double t5r = s * (b5r + b5i), t5i = s * (b5i - b5r);
            double t7r = s * (b7i - b7r), t7i = -s * (b7r + b7i);
            x[dr + b] = b0r + b4r;
            x[di + b] = b0i + b4i;
            x[dr + b + 4] = b0r - b4r;
            x[di + b + 4] = b0i - b4i;
            x[dr + b + 1] = b1r + t5r;
            x[di + b + 1] = b1i + t5i;
            x[dr + b + 5] = b1r - t5r;
            x[di + b + 5] = b1i - t5i;
            x[dr + b + 2] = b2r + b6i;
            x[di + b + 2] = b2i - b6r;
            x[dr + b + 6] = b2r - b6i;
            x[di + b + 6] = b2i + b6r;
            x[dr + b + 3] = b3r + t7r;
            x[di + b + 3] = b3i + t7i;
            x[dr + b + 7] = b3r - t7r;
            x[di + b + 7] = b3i - t7i;
        }
    }

    /** One radix-2 pass of half-width h (a multiple of the vector length). */
    private void radix2Pass(double[] x, int dr, int di, int h) {
        final double[] w = data;
        final int wr = twRe;
        final int wi = twIm;
        for (int g = 0; g < n; g += 2 * h) {
            for (int j = 0; j < h; j += L) {
                int p = g + j;
                int q = p + h;
                DoubleVector cr = DoubleVector.fromArray(S, w, wr + h + j);
                DoubleVector ci = DoubleVector.fromArray(S, w, wi + h + j);
                DoubleVector br = DoubleVector.fromArray(S, x, dr + q);
                DoubleVector bi = DoubleVector.fromArray(S, x, di + q);
                DoubleVector tr = br.mul(cr).sub(bi.mul(ci));
                DoubleVector ti = br.mul(ci).add(bi.mul(cr));
                DoubleVector ar = DoubleVector.fromArray(S, x, dr + p);
                DoubleVector ai = DoubleVector.fromArray(S, x, di + p);
                ar.add(tr).intoArray(x, dr + p);
                ai.add(ti).intoArray(x, di + p);
                ar.sub(tr).intoArray(x, dr + q);
                ai.sub(ti).intoArray(x, di + q);
            }
        }
    }

    /**
     * Radix-2 passes of half-widths h and 2h fused: each group of 4h points is loaded once.
     * With w1 = w[h + j] and w2 = w[2h + j], the second pass's twiddle for j + h is -i w2.
     */
    private void radix4Pass(double[] x, int dr, int di, int h) {
        final double[] w = data;
        final int wr = twRe;
        final int wi = twIm;
        final int h2 = 2 * h;
        for (int g = 0; g < n; g += 4 * h) {
            for (int j = 0; j < h; j += L) {
                int p0 = g + j;
                int p1 = p0 + h;
                int p2 = p1 + h;
                int p3 = p2 + h;
                DoubleVector w1r = DoubleVector.fromArray(S, w, wr + h + j);
                DoubleVector w1i = DoubleVector.fromArray(S, w, wi + h + j);
                DoubleVector w2r = DoubleVector.fromArray(S, w, wr + h2 + j);
                DoubleVector w2i = DoubleVector.fromArray(S, w, wi + h2 + j);
                // first pass (half-width h): (x0, x1) and (x2, x3) with twiddle w1
                DoubleVector x1r = DoubleVector.fromArray(S, x, dr + p1);
                DoubleVector x1i = DoubleVector.fromArray(S, x, di + p1);
                DoubleVector t1r = x1r.mul(w1r).sub(x1i.mul(w1i));
                DoubleVector t1i = x1r.mul(w1i).add(x1i.mul(w1r));
                DoubleVector x0r = DoubleVector.fromArray(S, x, dr + p0);
                DoubleVector x0i = DoubleVector.fromArray(S, x, di + p0);
                DoubleVector a0r = x0r.add(t1r);
                DoubleVector a0i = x0i.add(t1i);
                DoubleVector a1r = x0r.sub(t1r);
                DoubleVector a1i = x0i.sub(t1i);
                DoubleVector x3r = DoubleVector.fromArray(S, x, dr + p3);
                DoubleVector x3i = DoubleVector.fromArray(S, x, di + p3);
                DoubleVector t3r = x3r.mul(w1r).sub(x3i.mul(w1i));
                DoubleVector t3i = x3r.mul(w1i).add(x3i.mul(w1r));
                DoubleVector x2r = DoubleVector.fromArray(S, x, dr + p2);
                DoubleVector x2i = DoubleVector.fromArray(S, x, di + p2);
                DoubleVector a2r = x2r.add(t3r);
                DoubleVector a2i = x2i.add(t3i);
                DoubleVector a3r = x2r.sub(t3r);
                DoubleVector a3i = x2i.sub(t3i);
                // second pass (half-width 2h): (a0, a2) with w2, (a1, a3) with -i w2
                DoubleVector u2r = a2r.mul(w2r).sub(a2i.mul(w2i));
                DoubleVector u2i = a2r.mul(w2i).add(a2i.mul(w2r));
                DoubleVector v3r = a3r.mul(w2r).sub(a3i.mul(w2i));
                DoubleVector v3i = a3r.mul(w2i).add(a3i.mul(w2r));
                // -i (v3r + i v3i) = v3i - i v3r
                a0r.add(u2r).intoArray(x, dr + p0);
                a0i.add(u2i).intoArray(x, di + p0);
                a0r.sub(u2r).intoArray(x, dr + p2);
                a0i.sub(u2i).intoArray(x, di + p2);
                a1r.add(v3i).intoArray(x, dr + p1);
                a1i.sub(v3r).intoArray(x, di + p1);
                a1r.sub(v3i).intoArray(x, dr + p3);
                a1i.add(v3r).intoArray(x, di + p3);
            }
        }
    }

    /**
     * Checks the last transform: bins 0, 1, n/2+1, n-1 and a few seeded ones against a direct
     * DFT, then the whole inverse round trip against the input.
     *
     * @throws IllegalStateException "expected X but got Y" for the first bin or sample off
     */
    public void verify() {
        if (!transformed) {
            throw new IllegalStateException("fft verification failed for n=" + n + ": nothing was transformed");
        }
        // Direct sums accumulate rounding like eps * n; the FFT's own like eps * log n * sqrt n.
        double binTolerance = 1e-12 * n + 1e-9;
        SplittableRandom r = new SplittableRandom(seed ^ 0xFF7L);
        int[] bins = {0, 1, n / 2 + 1, n - 1, r.nextInt(n), r.nextInt(n)};
        for (int k : bins) {
            double[] want = directBin(k);
            double gotRe = data[re + k];
            double gotIm = data[im + k];
            if (!(Math.abs(want[0] - gotRe) <= binTolerance && Math.abs(want[1] - gotIm) <= binTolerance)) {
                throw new IllegalStateException("fft verification failed for n=" + n + ": expected bin " + k + " = "
                        + want[0] + (want[1] < 0 ? " - " : " + ") + Math.abs(want[1]) + "i but got "
                        + gotRe + (gotIm < 0 ? " - " : " + ") + Math.abs(gotIm) + "i");
            }
        }
        // inverse(X) = conj(FFT(conj(X))) / n, in a scratch array of the same layout
        double[] v = new double[data.length];
        for (int i = 0; i < n; i++) {
            v[inRe + i] = data[re + i];
            v[inIm + i] = -data[im + i];
        }
        run(v, inRe, inIm, v, re, im);
        double tolerance = 1e-13 * log2n + 1e-14 * Math.sqrt(n);
        for (int i = 0; i < n; i++) {
            double xr = v[re + i] / n;
            double xi = -v[im + i] / n;
            double wantRe = data[inRe + i];
            double wantIm = data[inIm + i];
            if (!(Math.abs(xr - wantRe) <= tolerance && Math.abs(xi - wantIm) <= tolerance)) {
                throw new IllegalStateException("fft verification failed for n=" + n + ": expected x[" + i + "] = "
                        + wantRe + ", " + wantIm + " after the inverse round trip but got " + xr + ", " + xi);
            }
        }
    }

    /**
     * X[k] = sum_j x[j] exp(-2 pi i j k / n), the angle reduced exactly in integers. The unit
     * circle values come from the last pass's twiddle entries (each one Math.cos/Math.sin of its
     * own angle, no recurrence): independent of the butterflies, and O(n) per bin without n
     * trigonometric calls, which at n = 2^22 cost a second per verification.
     */
    private double[] directBin(int k) {
        final int half = n / 2;
        final double[] d = data;
        double sr = 0;
        double si = 0;
        for (int j = 0; j < n; j++) {
            int m = (int) (((long) j * k) & (n - 1));
            double c;
            double s;
            if (m < half) {
                c = d[twRe + half + m];
                s = d[twIm + half + m];
            } else {                       // exp(-2 pi i m / n) = -exp(-2 pi i (m - n/2) / n)
                c = -d[twRe + m];
                s = -d[twIm + m];
            }
            double xr = d[inRe + j];
            double xi = d[inIm + j];
            sr += xr * c - xi * s;
            si += xr * s + xi * c;
        }
        return new double[] {sr, si};
    }

    /** Textbook O(n^2) DFT of any length: the independent reference for tests. */
    public static double[][] directDft(double[] xr, double[] xi) {
        int n = xr.length;
        double[] yr = new double[n];
        double[] yi = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double angle = -2 * Math.PI * (((long) j * k) % n) / n;
                yr[k] += xr[j] * Math.cos(angle) - xi[j] * Math.sin(angle);
                yi[k] += xr[j] * Math.sin(angle) + xi[j] * Math.cos(angle);
            }
        }
        return new double[][] {yr, yi};
    }

    /**
     * Fault injection: flips bit {@code bit} of the real part of output bin {@code bin}. The
     * burn-in's test hook calls it so a test can prove that {@link #verify()} catches one wrong
     * bit; nothing else does.
     */
    public void flipOutputBit(int bin, int bit) {
        data[re + bin] = Double.longBitsToDouble(Double.doubleToRawLongBits(data[re + bin]) ^ (1L << bit));
    }

    public int n() {
        return n;
    }

    /** Copies of the input and output vectors, for tests. */
    double[] inputRe() {
        return Arrays.copyOfRange(data, inRe, inRe + n);
    }

    double[] inputIm() {
        return Arrays.copyOfRange(data, inIm, inIm + n);
    }

    double[] outputRe() {
        return Arrays.copyOfRange(data, re, re + n);
    }

    double[] outputIm() {
        return Arrays.copyOfRange(data, im, im + n);
    }

    /** Test hook: adds {@code delta} to output bin k, real or imaginary part. */
    void corruptOutput(int k, boolean imaginary, double delta) {
        data[(imaginary ? im : re) + k] += delta;
    }

    /** Where each vector starts in the one array: input, output, twiddles, real then imaginary. */
    int[] vectorStarts() {
        return new int[] {inRe, inIm, re, im, twRe, twIm};
    }
}
