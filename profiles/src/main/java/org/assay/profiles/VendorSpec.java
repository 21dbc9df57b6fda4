package org.assay.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the vendor (or the cloud provider) states for a machine. Every field may be missing:
 * the limits that need a missing number are then not derived, and {@link SpecLimits} says which
 * number was missing. Units are in the field names, as in the YAML.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VendorSpec(Cpu cpu, Memory memory, Storage storage, Network network, Price price) {

    public static final VendorSpec EMPTY = new VendorSpec(null, null, null, null, null);

    /**
     * The processor. For an instance type, {@code sockets} x {@code coresPerSocket} x
     * {@code threadsPerCore} is what the instance gets (an 8-vCPU instance with two threads per
     * core: 1 x 4 x 2), not the host. {@code fp64FlopsPerCycle} is per core; when it is not
     * stated it is derived as {@code vectorBits / 64 x 2 (an FMA is two operations) x fmaUnits}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(String vendor, String model, String microarchitecture,
                      Integer sockets, Integer coresPerSocket, Integer threadsPerCore,
                      Double baseGhz, Double allCoreBoostGhz, Double maxBoostGhz,
                      Double fp64FlopsPerCycle, Integer vectorBits, Integer fmaUnits,
                      Caches caches) {
    }

    /** Cache sizes as the vendor states them: L1 and L2 per core, L3 per socket (split into {@code l3DomainsPerSocket} slices where it is). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Caches(Double l1dKibPerCore, Double l1iKibPerCore, Double l2KibPerCore,
                         Double l3MibPerSocket, Integer l3DomainsPerSocket) {
    }

    /** Memory: size, type, channels per socket and their transfer rate; {@code bandwidthGbS} is the vendor's stated figure (GB/s, decimal), if any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Double sizeGib, String type, Integer channelsPerSocket, Integer mtS, Double bandwidthGbS) {
    }

    /** A storage rating: a link's bandwidth in Mbit/s (an EBS attachment) or measured-by-vendor read/write MB/s and IOPS. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Storage(String description, Double bandwidthMbps, Double readMbS, Double writeMbS, Double iops) {
    }

    /** A network rating: the peak ("up to") and, where the provider states one, the sustained baseline, in Gbit/s. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(String description, Double bandwidthGbps, Double baselineGbps) {
    }

    /** What an hour costs, where, and on what terms (on-demand, OS). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Price(Double perHour, String currency, String region, String basis) {
    }
}
