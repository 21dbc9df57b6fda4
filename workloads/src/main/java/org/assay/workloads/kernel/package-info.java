/**
 * The measured kernels as plain Java classes (STREAM-style triad and kernels, pointer chase,
 * bandwidth load, off-heap region, segmented sieve, Miller-Rabin, FMA peak, blocked DGEMM, complex FFT,
 * the storage jobs {@link org.assay.workloads.kernel.IoJob} and {@link org.assay.workloads.kernel.AioJob}
 * with their test file ({@code DirectFile}, {@code BlockData}, {@code PageCache}, {@code LinuxAio}),
 * {@link org.assay.workloads.kernel.MemoryAdvice} for madvise and set_mempolicy, and the loopback
 * socket ends of the network workloads with {@link org.assay.workloads.kernel.TcpInfo}), each
 * with its own check of the result. They know nothing of JMH, so each is unit-tested directly.
 *
 * <p>The package uses no other Assay code: only the JDK (the Vector API incubator module for
 * the FMA peak, DGEMM and FFT), chronicle-bytes for off-heap memory, JNA for the kernel calls (madvise,
 * set_mempolicy, posix_fadvise, Linux AIO, getsockopt) and HdrHistogram for the storage jobs' latencies.
 */
package org.assay.workloads.kernel;
