package org.assay.probes.snapshot;

import org.assay.probes.internal.ProbeContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every temperature the machine exposes: each {@code /sys/class/hwmon/hwmonN} device with its
 * {@code name} (the driver), what it measures and which device it sits on (the last element of
 * its {@code device} link: the NVMe controller, the I2C address of a DIMM's sensor, the PCI
 * function of a CPU's), and each {@code tempK_input} with {@code tempK_label}, {@code tempK_max}
 * and {@code tempK_crit}; then each {@code /sys/class/thermal/thermal_zoneN} ({@code type},
 * {@code temp}). hwmon numbers change between boots, so a sensor is known by driver and label.
 * Values are millidegrees in sysfs and °C here.
 *
 * @param reason why there is no sensor at all, or null
 */
public record HwmonSensors(List<Device> devices, List<ThermalZone> thermalZones, String reason) {

    /**
     * @param kind   "cpu" (coretemp, k10temp, zenpower), "nvme", "dimm" (jc42, spd5118) or "other"
     * @param device the {@code device} link's last element, or null without one
     * @param model  an NVMe drive's model ({@code device/model}), else null
     */
    public record Device(String hwmon, String driver, String kind, String device, String model, List<Sensor> sensors) {
    }

    /** One {@code tempK}; {@code problem} says why {@code celsius} is null (a drive in low power answers EIO). */
    public record Sensor(String attribute, String label, Double celsius, Double maxCelsius, Double critCelsius,
                         String problem) {
    }

    public record ThermalZone(String zone, String type, Double celsius) {
    }

    private static final String HWMON = "/sys/class/hwmon";
    private static final String THERMAL = "/sys/class/thermal";

    static HwmonSensors read(ProbeContext ctx) {
        List<Device> devices = new ArrayList<>();
        for (String h : ctx.sys.list(HWMON, "hwmon\\d+")) {
            String d = HWMON + "/" + h + "/";
            // kernels before 4.x put the attributes one level down, in device/
            String attrs = ctx.sys.exists(d + "name") ? d : d + "device/";
            String driver = ctx.sys.read(attrs + "name").orElse(null);
            List<Sensor> sensors = new ArrayList<>();
            List<String> inputs = new ArrayList<>(ctx.sys.list(attrs, "temp\\d+_input"));
            inputs.sort(java.util.Comparator.comparingInt(HwmonSensors::index));
            for (String input : inputs) {
                sensors.add(sensor(ctx, attrs, input.substring(0, input.length() - "_input".length())));
            }
            if (sensors.isEmpty()) {
                continue;   // fans, voltages, power meters: not temperatures
            }
            String kind = kind(driver);
            String device = deviceName(ctx.sys.path(d + "device"));
            String model = "nvme".equals(kind) ? ctx.sys.read(d + "device/model").orElse(null) : null;
            devices.add(new Device(h, driver, kind, device, model, sensors));
        }
        List<ThermalZone> zones = new ArrayList<>();
        for (String z : ctx.sys.list(THERMAL, "thermal_zone\\d+")) {
            String d = THERMAL + "/" + z + "/";
            zones.add(new ThermalZone(z, ctx.sys.read(d + "type").orElse(null), milli(ctx, d + "temp")));
        }
        String reason = devices.isEmpty() && zones.isEmpty() ? "no temperature in " + ctx.sys.path(HWMON) + " or "
                + ctx.sys.path(THERMAL) + " (no sensor driver: typical of VMs, where the host keeps the sensors)" : null;
        return new HwmonSensors(devices, zones, reason);
    }

    private static Sensor sensor(ProbeContext ctx, String dir, String t) {
        Double c = milli(ctx, dir + t + "_input");
        return new Sensor(t, ctx.sys.read(dir + t + "_label").orElse(null), c, limit(milli(ctx, dir + t + "_max")),
                limit(milli(ctx, dir + t + "_crit")), c == null ? t + "_input unreadable" : null);
    }

    /** A threshold, or null where there is none: the NVMe driver shows an unset one as 0xFFFF kelvin. */
    static Double limit(Double celsius) {
        return celsius == null || celsius >= UNSET_KELVIN_AS_CELSIUS ? null : celsius;
    }

    private static final double UNSET_KELVIN_AS_CELSIUS = 65535 - 273.15;

    /** K of "tempK_input". */
    static int index(String input) {
        return Integer.parseInt(input.substring(4, input.indexOf('_')));
    }

    static String kind(String driver) {
        if (driver == null) {
            return "other";
        }
        switch (driver.toLowerCase(Locale.ROOT)) {
            case "coretemp", "k10temp", "zenpower":
                return "cpu";
            case "nvme":
                return "nvme";
            case "jc42", "spd5118":
                return "dimm";
            default:
                return "other";
        }
    }

    /** The link's target name ("nvme0", "0-0018", "0000:00:18.3"); null without a link. */
    private static String deviceName(Path link) {
        try {
            Path target = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link) : null;
            return target == null || target.getFileName() == null ? null : target.getFileName().toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Double milli(ProbeContext ctx, String path) {
        Optional<Long> v = ctx.sys.readLong(path);
        return v.map(x -> x / 1000.0).orElse(null);
    }
}
