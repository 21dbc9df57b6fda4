/**
 * What this machine is, as recorded once per run in {@code run.json}'s {@code inventory}:
 * {@link org.assay.probes.inventory.Inventory} (CPU, caches, NUMA, memory, disks, NICs, OS, JVM,
 * virtualization, container limits), {@link org.assay.probes.inventory.InventoryCollector}
 * that gathers it under a root, {@link org.assay.probes.inventory.OshiFacts} for what only OSHI
 * can tell, and {@link org.assay.probes.inventory.PeakEstimator}, the theoretical FP64 peak.
 *
 * <p>The shape of the inventory JSON belongs here. The package uses
 * {@code org.assay.probes.topology} for the layout, {@code org.assay.probes.internal} for file
 * and CPUID reads, and OSHI; it does not use the probes themselves.
 */
package org.assay.probes.inventory;
