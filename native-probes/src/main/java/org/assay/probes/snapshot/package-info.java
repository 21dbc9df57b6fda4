/**
 * What the machine is and has been through, read once for people: each CPU's base, maximum and
 * minimum clock ({@link org.assay.probes.snapshot.ClockLimits}), the thermal-throttle counts
 * since boot ({@link org.assay.probes.snapshot.ThrottleCounts}), the RAPL powercap zones with
 * their limits and counter ranges ({@link org.assay.probes.snapshot.PowercapZones}) and every
 * temperature sensor in hwmon and the thermal class ({@link org.assay.probes.snapshot.HwmonSensors}),
 * gathered by {@link org.assay.probes.snapshot.MachineSensors}; and the hardware error counters
 * (EDAC memory controllers, machine checks) a burn-in reads before and after
 * ({@link org.assay.probes.snapshot.MemoryErrorCounts}).
 *
 * <p>Unlike a {@link org.assay.probes.Probe} these are not sampled during a run: they are the
 * static and since-boot figures {@code assay probes} shows beside the probes. Every figure names
 * the file or register it came from, and every one is read under the root ({@code /} or a tree
 * given with {@code --root}); nothing here asks OSHI or any other source of the running machine.
 * Uses {@code org.assay.probes.internal} for file and MSR reads (read only) and
 * {@code org.assay.probes.topology} for the CPU layout.
 */
package org.assay.probes.snapshot;
