package sadtalker.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Real example inputs (from {@code shared/examples}) copied into a test's input root. */
final class Fixtures {
    static final Path EXAMPLES = Path.of(System.getProperty("sadtalker.shared.dir", "../../shared")).resolve("examples");

    private Fixtures() {}

    static Path copy(String example, Path dir, String as) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(EXAMPLES.resolve(example), dir.resolve(as), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A test server: any free port, inputs under {@code in}, data and output under {@code dir}, one
     * worker polling every 5 s, no retries, 10 queued, 1 s shutdown grace; tests change what they probe.
     */
    static ServerConfig config(Path dir, Path in) {
        ServerConfig c = new ServerConfig();
        c.port = 0;
        c.inputRoots = List.of(in);
        c.dataDir = dir.resolve("data");
        c.output = dir.resolve("out");
        c.maxQueued = 10;
        c.retries = 0;
        c.workers = 1;
        c.pollSeconds = 5;
        c.shutdownGraceSeconds = 1;
        return c;
    }

    static String json(Path audio, Path image, String option) {
        return "{\"driven_audio\":\"" + audio + "\",\"source_image\":\"" + image + "\",\"option\":\"" + option + "\"}";
    }
}
