/**
 * The module's machinery, not its API: the JNA layer ({@link org.assay.probes.internal.LibC}:
 * open, pread, close, ioctl and perf_event_open, with no write path), the register readers
 * ({@link org.assay.probes.internal.MsrReader}, {@link org.assay.probes.internal.CpuidReader},
 * {@link org.assay.probes.internal.PerfEvents}) and their text fixtures
 * ({@link org.assay.probes.internal.RegisterFixture}), the text-file reader under a root
 * ({@link org.assay.probes.internal.SysFiles}), parsers and decoders ({@code CpuInfo},
 * {@code CpuidFacts}, {@code RaplUnits}, {@code Units}), the clock estimate and the
 * {@link org.assay.probes.internal.ProbeContext} every probe shares.
 *
 * <p>Only the other packages of native-probes should use it; other modules go through
 * {@code org.assay.probes}, {@code .topology}, {@code .inventory} and {@code .preflight}. It uses
 * JNA and, in {@code ProbeContext} only, {@code org.assay.probes.topology} (the CPUs a context
 * covers); topology in turn reads its files through {@code SysFiles}. That two-way use is the
 * one cycle between packages of this module: keep it to {@code ProbeContext}.
 */
package org.assay.probes.internal;
