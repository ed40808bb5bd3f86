package sadtalker.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import sadtalker.model.ModelFile;
import sadtalker.testkit.SyntheticModels;

/**
 * The models directory of an end-to-end case's {@code synthetic-models:<seed>}, written once per
 * seed under {@code target/} and reused by every case and test run. Each file is written beside
 * its final name and moved into place, so an interrupted run leaves no half file to be reused.
 * {@link #GENERATION} is part of the folder name: raise it whenever {@link SyntheticModels} or its
 * values change, so that stale directories are not reused.
 */
public final class E2eModels {
    /** Bump when the synthetic values change (1: detweights + TrainedValues). */
    static final int GENERATION = 1;

    private E2eModels() {}

    /** {@code target/synthetic-models/g<GENERATION>-seed-<seed>} holding at least {@code files}. */
    public static synchronized Path dir(long seed, ModelFile... files) {
        Path dir = Path.of("target", "synthetic-models", "g" + GENERATION + "-seed-" + seed).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            for (ModelFile f : files) {
                if (Files.isRegularFile(f.in(dir))) {
                    continue;
                }
                Path partial = Files.createTempDirectory(dir, ".partial-");
                try {
                    Path written = SyntheticModels.write(partial, f, seed);
                    Files.move(written, f.in(dir), StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    try (var s = Files.list(partial)) {
                        for (Path p : s.toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                    Files.deleteIfExists(partial);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic models (seed " + seed + ") in " + dir, e);
        }
    }
}
