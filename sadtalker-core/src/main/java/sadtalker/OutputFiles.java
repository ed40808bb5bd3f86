package sadtalker;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Names and publishes results: {@code yyyyMMdd_HHmmss_xxxxxx.mp4} (a timestamp and six random
 * base-36 characters). A result is written in a hidden work directory inside the output directory
 * ({@link WorkDir}) and then given its final name in one atomic step, never replacing an existing
 * file, so no reader ever sees half a video and two results never share a name.
 */
public final class OutputFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    public OutputFiles(Path dir) {
        this.dir = dir;
    }

    /** A fresh final name such as {@code 20261122_154312_k3f9qa.mp4} (not created). */
    public String newName() {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return LocalDateTime.now().format(STAMP) + "_" + suffix + ".mp4";
    }

    /**
     * Moves a finished {@code temporary} to a fresh final name, atomically and without replacing
     * anything; on a name clash another name is drawn.
     *
     * @return the published file
     */
    public Path publish(Path temporary) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path target = dir.resolve(newName());
            try {
                // An atomic move may silently replace an existing file (rename(2) does); a hard link never
                // does, so a name clash is detected. Where links are unsupported, fall back to the move.
                Files.createLink(target, temporary);
                Files.delete(temporary);
                return target;
            } catch (FileAlreadyExistsException clash) {
                if (attempt > 100) {
                    throw clash;
                }
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (Files.exists(target)) {
                    continue;
                }
                return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
