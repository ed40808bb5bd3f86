package sadtalker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import sadtalker.checkpoint.Checkpoint;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;
import sadtalker.model.ModelCheck;
import sadtalker.model.ModelDownloader;
import sadtalker.model.ModelFile;

/**
 * The runtime facade of the models directory, for shells (CLI, server) that must not reach into
 * the checkpoint readers: which official files there are, whether each is present and valid,
 * downloading them, and listing the tensors of any checkpoint file. Every failure of a file is a
 * {@link ModelFileException} naming it (a file built to exhaust the reader included: its
 * {@code StackOverflowError} or {@code OutOfMemoryError} is reported, never thrown).
 */
public final class ModelFiles {
    private final Path dir;

    private ModelFiles(Path dir) {
        this.dir = dir;
    }

    /** The models directory {@code dir}. */
    public static ModelFiles in(Path dir) {
        return new ModelFiles(dir);
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The official files of the default run (size 256, safetensors), in the order they are listed and downloaded. */
    public static List<String> names() {
        return Arrays.stream(ModelFile.values()).filter(ModelFile::standard).map(ModelFile::fileName).toList();
    }

    /**
     * The official files a run with SadTalker's {@code --old_version} / {@code --size} needs (GFPGAN
     * included), as the engine picks them.
     *
     * @throws IllegalArgumentException for a size other than 256 or 512, with the engine's message
     */
    public static List<String> names(boolean oldVersion, int size) {
        return ModelFile.required(oldVersion, size, true).stream().map(ModelFile::fileName).toList();
    }

    /** Every official file this library knows, the legacy and 512 ones included. */
    public static List<String> allNames() {
        return Arrays.stream(ModelFile.values()).map(ModelFile::fileName).toList();
    }

    /** How a file in the directory stands. */
    public enum State { OK, MISSING, INVALID }

    /**
     * One official file's standing.
     *
     * @param problem why it is invalid, or where to get it when missing; empty when OK
     */
    public record Status(String fileName, State state, String problem) {}

    /** Checks the files of the default run: present, parseable, holding exactly the official keys and shapes. */
    public List<Status> check() {
        return check(false, 256);
    }

    /** As {@link #check()}, for the files of a run with {@code --old_version} / {@code --size} ({@link #names(boolean, int)}). */
    public List<Status> check(boolean oldVersion, int size) {
        List<Status> out = new ArrayList<>();
        for (ModelFile f : ModelFile.required(oldVersion, size, true)) {
            if (!f.presentIn(dir)) {
                out.add(new Status(f.fileName(), State.MISSING, f.url().toString()));
                continue;
            }
            try {
                guarded(f.in(dir), () -> {
                    ModelCheck.verify(f.in(dir), f);
                    return null;
                });
                out.add(new Status(f.fileName(), State.OK, ""));
            } catch (ModelFileException e) {
                out.add(new Status(f.fileName(), State.INVALID, e.getMessage()));
            }
        }
        return out;
    }

    /** Receives download progress. */
    @FunctionalInterface
    public interface Progress {
        /** @param total the file's size in bytes, or -1 when the server does not say */
        void progress(String fileName, long done, long total);
    }

    /**
     * Makes sure official file {@code name} (its file name, or its constant's name such as
     * {@code gfpgan}) is here and valid: kept if it verifies, else downloaded (resuming a partial
     * download), verified, and moved into place in one step.
     *
     * @param mirror fetch {@code <mirror>/<file name>} instead of the official release page, or null
     * @return the verified file
     * @throws IllegalArgumentException for a name that is no official file
     * @throws IOException when the download fails (the partial file stays, to resume)
     * @throws ModelFileException when the file downloaded is not the official one (it is deleted)
     */
    public Path download(String name, URI mirror, Progress progress) throws IOException {
        ModelFile file = official(name);
        ModelDownloader downloader = mirror == null ? new ModelDownloader()
                : new ModelDownloader(f -> URI.create(mirror.toString().replaceAll("/$", "") + "/" + f.fileName()),
                        Duration.ofSeconds(60));
        try {
            return downloader.download(file, dir, (f, done, total) -> progress.progress(f.fileName(), done, total));
        } catch (CheckpointException e) {
            throw new ModelFileException(e.getMessage(), e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            Files.deleteIfExists(dir.resolve(file.fileName() + ".part"));
            throw new ModelFileException(file.fileName() + ": cannot be read (" + e + ")", null);
        }
    }

    /**
     * The official file name for {@code name}: a file name, or a constant's name such as {@code gfpgan}.
     *
     * @throws IllegalArgumentException listing the official names when {@code name} is none of them
     */
    public static String officialName(String name) {
        return official(name).fileName();
    }

    private static ModelFile official(String name) {
        for (ModelFile f : ModelFile.values()) {
            if (f.fileName().equals(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model file '" + name + "'; known: " + allNames());
    }

    /** One stored tensor of a checkpoint. */
    public record Tensor(String key, String dtype, long[] shape, long elements) {}

    /**
     * What a checkpoint file holds.
     *
     * @param format the reader that opened it ({@code SafetensorsFile}, {@code TorchZipFile}, ...)
     */
    public record Inventory(String format, List<Tensor> tensors) {
        public long elements() {
            return tensors.stream().mapToLong(Tensor::elements).sum();
        }
    }

    /**
     * Lists the tensors of any checkpoint file (safetensors, PyTorch zip or legacy), without running
     * anything from it.
     *
     * @param container where the state dict sits: a top-level key ({@code params_ema}), a key
     *     prefix ending in '.', or "" for the whole file
     * @throws ModelFileException naming the file when it cannot be read
     */
    public static Inventory inspect(Path file, String container) {
        return guarded(file, () -> {
            try (Checkpoint c = Checkpoint.open(file)) {
                List<Tensor> tensors = new ArrayList<>();
                for (Map.Entry<String, StoredTensor> e : StateDict.of(c, container).tensors().entrySet()) {
                    StoredTensor t = e.getValue();
                    tensors.add(new Tensor(e.getKey(), t.dtype().toString(), t.shape(), t.numel()));
                }
                return new Inventory(c.getClass().getSimpleName(), List.copyOf(tensors));
            }
        });
    }

    /** Runs a reader on {@code file}, turning each way a file can defeat it into a ModelFileException. */
    private static <T> T guarded(Path file, Supplier<T> read) {
        try {
            return read.get();
        } catch (CheckpointException e) {
            throw new ModelFileException(e.getMessage(), e);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // The readers bound what a file may declare; this is the last resort, never a raw crash.
            throw new ModelFileException(file + ": cannot be read (" + e + ")", null);
        }
    }
}
