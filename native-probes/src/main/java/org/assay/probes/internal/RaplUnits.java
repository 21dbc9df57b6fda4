package org.assay.probes.internal;

/**
 * The power-unit register (Intel MSR_RAPL_POWER_UNIT 0x606, AMD 0xC0010299, same layout):
 * power 1/2^PU W (bits 3:0), energy 1/2^ESU J (12:8), time 1/2^TU s (19:16). 0x000A0E03 gives
 * 0.125 W, 61.035 µJ, 976.5625 µs; AMD's usual 0x000A1000 gives 1 W, 15.2588 µJ.
 */
public record RaplUnits(double wattsPerCount, double joulesPerCount, double secondsPerCount) {

    public static RaplUnits decode(long reg) {
        int pu = (int) (reg & 0xF);
        int esu = (int) ((reg >>> 8) & 0x1F);
        int tu = (int) ((reg >>> 16) & 0xF);
        if (tu == 0) {
            tu = 0xA;    // turbostat's substitution for parts that leave TU at 0
        }
        return new RaplUnits(Math.scalb(1.0, -pu), Math.scalb(1.0, -esu), Math.scalb(1.0, -tu));
    }
}
