package sadtalker.cli;

import ai.djl.Device;
import java.util.Locale;
import picocli.CommandLine;
import sadtalker.Devices;

/**
 * {@code --device}: {@code auto} (a GPU if libtorch sees one: null here, resolved by {@link #resolve} when
 * the engine loads, so that parsing never loads libtorch), {@code cpu}, {@code gpu} or {@code gpu:N} ({@code cuda} too).
 */
final class DeviceConverter implements CommandLine.ITypeConverter<Device> {
    /** The device {@code --device} chose; {@code auto} (null) becomes a GPU if libtorch sees one. */
    static Device resolve(Device chosen) {
        return chosen != null ? chosen : Devices.best();
    }

    @Override
    public Device convert(String value) {
        String d = value.trim().toLowerCase(Locale.ROOT);
        if (d.equals("auto")) {
            return null;
        }
        if (d.equals("cpu")) {
            return Device.cpu();
        }
        if (d.equals("gpu") || d.equals("cuda")) {
            return Device.gpu();
        }
        if (d.matches("(gpu|cuda):\\d{1,3}")) {
            return Device.gpu(Integer.parseInt(d.substring(d.indexOf(':') + 1)));
        }
        throw new CommandLine.TypeConversionException("--device must be auto, cpu, gpu or gpu:N, not '" + value + "'");
    }
}
