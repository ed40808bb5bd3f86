package sadtalker.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Real example inputs (from {@code shared/examples}) copied into a test's input root. */
final class Fixtures {
    static final Path EXAMPLES = Path.of(System.getProperty("sadtalker.shared.dir", "../../shared")).resolve("examples");

    private Fixtures() {}

    static Path copy(String example, Path dir, String as) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(EXAMPLES.resolve(example), dir.resolve(as), StandardCopyOption.REPLACE_EXISTING);
    }

    static String json(Path audio, Path image, String option) {
        return "{\"driven_audio\":\"" + audio + "\",\"source_image\":\"" + image + "\",\"option\":\"" + option + "\"}";
    }
}
