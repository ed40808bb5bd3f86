package sadtalker.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Function;
import sadtalker.checkpoint.CheckpointException;

/**
 * Downloads the official model files into the models directory. A download goes to
 * {@code <name>.part} and resumes from it (HTTP range requests) after an interruption; the file
 * is verified ({@link ModelCheck}) before it is moved to its official name in one atomic step, so
 * the models directory never holds a half-written or wrong model under a real name.
 */
public final class ModelDownloader {
    /** Receives download progress. */
    @FunctionalInterface
    public interface Listener {
        /** @param total the file's size in bytes, or -1 when the server does not say */
        void progress(ModelFile file, long done, long total);
    }

    private final Function<ModelFile, URI> urls;
    private final Duration readTimeout;

    /** Downloads from the official URLs. */
    public ModelDownloader() {
        this(ModelFile::url, Duration.ofSeconds(60));
    }

    /**
     * Downloads from {@code urls} (a mirror, or a local server in tests); a connection that sends
     * nothing for {@code readTimeout} is abandoned (the partial file stays, to resume).
     */
    public ModelDownloader(Function<ModelFile, URI> urls, Duration readTimeout) {
        this.urls = urls;
        this.readTimeout = readTimeout;
    }

    /**
     * Makes sure {@code file} is in {@code modelsDir}: a present file that verifies is kept,
     * anything else is (re)downloaded, resuming a previous partial download.
     *
     * @return the verified file
     * @throws IOException when the download fails (the partial file stays for the next attempt)
     * @throws CheckpointException when the downloaded file is not the expected model (it is deleted)
     */
    public Path download(ModelFile file, Path modelsDir, Listener listener) throws IOException {
        Path target = file.in(modelsDir);
        if (Files.isRegularFile(target)) {
            try {
                ModelCheck.verify(target, file);
                return target;
            } catch (CheckpointException invalid) {
                // replaced below
            }
        }
        Files.createDirectories(modelsDir);
        Path part = modelsDir.resolve(file.fileName() + ".part");
        fetch(file, part, listener);
        try {
            ModelCheck.verify(part, file);
        } catch (CheckpointException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private void fetch(ModelFile file, Path part, Listener listener) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        URI url = urls.apply(file);
        // HttpURLConnection rather than java.net.http: it has a read timeout, so a stalled server
        // cannot hang the download forever. It follows the release pages' https redirects.
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout(30_000);
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setInstanceFollowRedirects(true);
        if (have > 0) {
            connection.setRequestProperty("Range", "bytes=" + have + "-");
        }
        try {
            int status = connection.getResponseCode();
            if (status == 416 && have > 0) {
                return;                                        // the partial file is already whole
            }
            boolean resumed = status == 206;
            if (status != 200 && !resumed) {
                throw new IOException("download of " + file.fileName() + " from " + url + " failed: HTTP " + status);
            }
            long start = resumed ? have : 0;
            long length = connection.getContentLengthLong();
            long total = length < 0 ? -1 : start + length;
            StandardOpenOption mode = resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            try (InputStream in = connection.getInputStream();
                    OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
                byte[] buffer = new byte[1 << 16];
                long done = start;
                long reported = 0;
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                        done += n;
                        if (done - reported >= (1 << 20)) {
                            listener.progress(file, done, total);
                            reported = done;
                        }
                    }
                } catch (IOException e) {
                    throw new IOException("download of " + file.fileName() + " stopped after " + done + " bytes ("
                            + e.getMessage() + "); run it again to resume", e);
                }
                listener.progress(file, done, total);
                if (total >= 0 && done != total) {
                    throw new IOException("download of " + file.fileName() + " ended after " + done + " of " + total
                            + " bytes; run it again to resume");
                }
            }
        } finally {
            connection.disconnect();
        }
    }
}
