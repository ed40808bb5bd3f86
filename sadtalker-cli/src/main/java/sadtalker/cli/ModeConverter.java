package sadtalker.cli;

import java.util.Locale;
import picocli.CommandLine;
import sadtalker.Mode;

/** {@code --mode}: {@code full} or {@code crop}, any case, into {@link Mode} (picocli's own enum message lists upper case). */
final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("--mode must be 'full' or 'crop', not '" + value + "'");
        }
    }
}
