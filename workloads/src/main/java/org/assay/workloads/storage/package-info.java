/**
 * The descriptors of the {@code storage.*} workloads (sequential and random reads and writes, the
 * random mix, fdatasync latency), each a {@link org.assay.workloads.storage.StorageWorkload}, and
 * {@link org.assay.workloads.storage.StorageWorkloads}, the family's registry.
 *
 * <p>Uses the root package's types and {@code org.assay.workloads.kernel.IoPattern} for the
 * patterns. The directory under test, the I/O mode and the checks against the file system are the
 * run's (passed to the forks as system properties), not the descriptors'. The method is in
 * {@code docs/methodology.md}.
 */
package org.assay.workloads.storage;
