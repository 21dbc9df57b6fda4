package org.assay.workloads.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.SplittableRandom;

/**
 * DGEMM-style product {@code C = A x B} of square row-major double matrices, blocked the way
 * native BLAS libraries block it (Goto/BLIS): packed panels, a register-tiled micro-kernel, and
 * blocking for L1 and L2.
 *
 * <p>What it measures: double-precision floating-point throughput of one core with operands kept
 * in cache by blocking. FLOPs are counted as BLAS counts them, {@code 2 n^3} per product (one
 * multiply and one add per inner-product term), whatever the kernel actually executes (the zero
 * padding of edge tiles does extra, uncounted work, so the figure never flatters).
 *
 * <p>How it is fast, and why each piece is there:
 * <ul>
 *   <li><b>Micro-kernel</b>: an {@link #MR} x {@link #NR} tile of C lives in {@code 2 x MR} vector
 *       registers ({@code NR} = two vectors of {@code SPECIES_PREFERRED}: 16 doubles with
 *       AVX-512) for a whole {@code KC}-long inner product. Each step loads two vectors of B and
 *       broadcasts MR values of A into {@code 2 x MR} fused multiply-adds, so loads never limit
 *       the FMA units. The accumulators are separate named locals, and C is loaded and stored
 *       in line: a helper taking the vectors as arguments, which C2 declined to inline
 *       ("callee is too large"), boxed them on every call and cut the speed to 17 GFLOP/s.</li>
 *   <li><b>Packing</b>: A's MR-row and B's NR-column panels are copied into contiguous buffers
 *       in the order the micro-kernel reads them: unit-stride loads, no TLB misses, no cache
 *       set conflicts from the row stride of {@code n} (a power of two here).</li>
 *   <li><b>Blocking</b>: a packed B micro-panel ({@code KC x NR} = 32 KiB, L1's size) is
 *       reused by every micro-kernel call down the packed A block ({@code MC x KC} = 192 KiB,
 *       in L2); the {@code KC x NC} packed B block is reused across all row blocks from L2/L3.
 *       KC and MC were chosen by measurement, not by formula: on the EPYC (Zen 4) guest at
 *       n = 1024, KC 128..320 x MC 72..192 gave 36-42 GFLOP/s and KC = 256, MC = 96 gave 44.</li>
 * </ul>
 *
 * <p>Verification: on small sizes tests compare with {@link #naiveProduct}; on every size
 * {@link #verify()} runs Freivalds' check, {@code C x} against {@code A (B x)} for a random
 * vector {@code x}: O(n^2), independent of the blocked code, and a wrong or skipped tile moves
 * {@code C x} by far more than rounding does.
 */
public final class BlockedDgemm {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. 6 x 2 vectors = 12 accumulators + 2 B vectors + 1 broadcast. */
    public static final int MR = 6;
    /** Columns of the register tile: two vectors. */
    public static final int NR = 2 * L;
    /** Depth of one packed panel (KC x NR x 8 bytes of B: 32 KiB). */
    static final int KC = 256;
    /** Rows of the packed A block (a multiple of MR); MC x KC x 8 bytes stays in L2. */
    static final int MC = 96;
    /** Columns of the packed B block (a multiple of NR). */
    static final int NC = 2048;

    private final int n;
    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final double[] packA = new double[MC * KC];
    private final double[] packB;
    private final double[] edge = new double[MR * NR];
    private final long seed;

    /** Fills A and B with uniform values in [-1, 1) from {@code seed}; C starts as zero. */
    public BlockedDgemm(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix order must be at least 1, got " + n);
        }
        if ((long) n * n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("matrix order " + n + " is too large for a Java array");
        }
        this.n = n;
        this.seed = seed;
        this.a = new double[n * n];
        this.b = new double[n * n];
        this.c = new double[n * n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n * n; i++) {
            a[i] = 2 * r.nextDouble() - 1;
            b[i] = 2 * r.nextDouble() - 1;
        }
        int ncMax = roundUp(Math.min(NC, n), NR);
        this.packB = new double[KC * ncMax];
    }

    /** Bytes the three matrices take: what a size is refused for when memory is short. */
    public static long bytesFor(long n) {
        return 3 * n * n * Double.BYTES;
    }

    /** FLOPs of one product by the BLAS convention. */
    public static double flopsPerProduct(long n) {
        return 2.0 * n * n * n;
    }

    /** Computes C = A x B (overwriting C) and returns one element so the JIT cannot drop the work. */
    public double multiply() {
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < n; pc += KC) {
                int kc = Math.min(KC, n - pc);
                packB(pc, kc, jc, nc);
                boolean accumulate = pc > 0;   // the first depth block overwrites: no clearing pass
                for (int ic = 0; ic < n; ic += MC) {
                    int mc = Math.min(MC, n - ic);
                    packA(ic, mc, pc, kc);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int bOff = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int aOff = ir * kc;
                            int rows = Math.min(MR, mc - ir);
                            int cols = Math.min(NR, nc - jr);
                            int cOff = (ic + ir) * n + jc + jr;
                            if (rows == MR && cols == NR) {
                                kernel(kc, aOff, bOff, c, cOff, n, accumulate);
                            } else {
                                kernel(kc, aOff, bOff, edge, 0, NR, false);
                                copyEdge(rows, cols, cOff, accumulate);
                            }
                        }
                    }
                }
            }
        }
        return c[n * n - 1];
    }

    /** B rows pc..pc+kc, columns jc..jc+nc, as NR-wide panels of kc rows each, zero-padded. */
    private void packB(int pc, int kc, int jc, int nc) {
        double[] bp = packB;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int base = jr * kc;
            for (int k = 0; k < kc; k++) {
                int dst = base + k * NR;
                System.arraycopy(b, (pc + k) * n + jc + jr, bp, dst, cols);
                for (int j = cols; j < NR; j++) {
                    bp[dst + j] = 0;
                }
            }
        }
    }

    /** A rows ic..ic+mc, columns pc..pc+kc, as MR-tall panels stored k-major, zero-padded. */
    private void packA(int ic, int mc, int pc, int kc) {
        double[] ap = packA;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int base = ir * kc;
            for (int i = 0; i < MR; i++) {
                if (i < rows) {
                    int src = (ic + ir + i) * n + pc;
                    for (int k = 0; k < kc; k++) {
                        ap[base + k * MR + i] = a[src + k];
                    }
                } else {
                    for (int k = 0; k < kc; k++) {
                        ap[base + k * MR + i] = 0;
                    }
                }
            }
        }
    }

    /**
     * The MR x NR register tile: {@code C[cOff..] (+)= Apanel x Bpanel} over kc steps.
     * Twelve named accumulators; an array of vectors here would be spilled by C2.
     */
    private void kernel(int kc, int aOff, int bOff, double[] cc, int cOff, int ldc, boolean accumulate) {
        final double[] ap = packA;
        final double[] bp = packB;
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        for (int k = 0; k < kc; k++) {
            int ai = aOff + k * MR;
            int bi = bOff + k * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
        }
        // Written out, not through a helper taking vectors: when C2 declined to inline such a
        // helper ("callee is too large") every accumulator was boxed on each call.
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(S, cc, r0));
            c01 = c01.add(DoubleVector.fromArray(S, cc, r0 + L));
            c10 = c10.add(DoubleVector.fromArray(S, cc, r1));
            c11 = c11.add(DoubleVector.fromArray(S, cc, r1 + L));
            c20 = c20.add(DoubleVector.fromArray(S, cc, r2));
            c21 = c21.add(DoubleVector.fromArray(S, cc, r2 + L));
            c30 = c30.add(DoubleVector.fromArray(S, cc, r3));
            c31 = c31.add(DoubleVector.fromArray(S, cc, r3 + L));
            c40 = c40.add(DoubleVector.fromArray(S, cc, r4));
            c41 = c41.add(DoubleVector.fromArray(S, cc, r4 + L));
            c50 = c50.add(DoubleVector.fromArray(S, cc, r5));
            c51 = c51.add(DoubleVector.fromArray(S, cc, r5 + L));
        }
        c00.intoArray(cc, r0);
        c01.intoArray(cc, r0 + L);
        c10.intoArray(cc, r1);
        c11.intoArray(cc, r1 + L);
        c20.intoArray(cc, r2);
        c21.intoArray(cc, r2 + L);
        c30.intoArray(cc, r3);
        c31.intoArray(cc, r3 + L);
        c40.intoArray(cc, r4);
        c41.intoArray(cc, r4 + L);
        c50.intoArray(cc, r5);
        c51.intoArray(cc, r5 + L);
    }

    private void copyEdge(int rows, int cols, int cOff, boolean accumulate) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = edge[i * NR + j];
                c[cOff + i * n + j] = accumulate ? c[cOff + i * n + j] + v : v;
            }
        }
    }

    /**
     * Freivalds' check of the last product: {@code C x} against {@code A (B x)} for a random x.
     * Rounding grows like sqrt(n) x eps per element for inputs in [-1, 1]; the tolerance below is
     * generous for that and still six orders of magnitude under the error of one wrong tile.
     *
     * @throws IllegalStateException "expected X but got Y" at the worst row
     */
    public void verify() {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * r.nextDouble() - 1;
        }
        double[] bx = matVec(b, x);
        double[] abx = matVec(a, bx);
        double[] cx = matVec(c, x);
        double tolerance = 1e-9 * n;
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(cx[i] - abx[i]) <= tolerance)) {
                throw new IllegalStateException("dgemm verification failed for n=" + n + ": expected (A(Bx))["
                        + i + "] = " + abx[i] + " but got (Cx)[" + i + "] = " + cx[i]);
            }
        }
    }

    private double[] matVec(double[] m, double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += m[row + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** Textbook triple loop: the independent reference for small sizes in tests. */
    public static double[] naiveProduct(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    public int n() {
        return n;
    }

    /**
     * Fault injection: flips bit {@code bit} of element {@code element} of C, as a failing core or
     * DIMM would. The burn-in's test hook calls it so a test can prove that {@link #verify()}
     * catches one wrong bit; nothing else does.
     */
    public void flipResultBit(int element, int bit) {
        c[element] = Double.longBitsToDouble(Double.doubleToRawLongBits(c[element]) ^ (1L << bit));
    }

    /** Views for tests (the live arrays, not copies). */
    double[] a() {
        return a;
    }

    double[] b() {
        return b;
    }

    double[] c() {
        return c;
    }
}
