package sadtalker.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.DType;
import sadtalker.checkpoint.StoredTensor;

/**
 * One end-to-end case ({@code shared/parity/README.md}, "End-to-end cases"): stage {@code e2e.full}
 * or {@code e2e.crop}, the original pipeline's config, models {@code synthetic-models:<seed>}, the
 * inputs in call order ({@code in.*}: the audio and image files byte for byte, given landmarks,
 * recorded draws and detections), the expected outputs ({@code out.*}) and a tolerance per output.
 * {@link #check} compares one output and gives one {@code PARITY} line.
 */
public final class E2eCase implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODELS_PREFIX = "synthetic-models:";

    private final ParityCase source;
    private final Path file;
    private final JsonNode tolerances;

    private E2eCase(ParityCase source) {
        this.source = source;
        this.file = source.file();
        if (stage() == null || !stage().startsWith("e2e.")) {
            throw CheckpointException.of(file, "not an end-to-end case (stage " + stage() + ")");
        }
        try {
            this.tolerances = JSON.readTree(source.metadata("tolerances", "{}"));
        } catch (IOException e) {
            throw CheckpointException.of(file, "tolerances is not JSON: " + e.getMessage(), e);
        }
        for (String out : outputs()) {
            tolerance(out); // every listed output must have a usable tolerance: fail at open, not mid-run
            expected(out);
        }
        for (String in : inputs()) {
            input(in);
        }
    }

    /** Opens a case file; fails naming the file and the problem if it is not a usable e2e case. */
    public static E2eCase open(Path file) {
        ParityCase c = ParityCase.open(file);
        try {
            return new E2eCase(c);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** {@code e2e.full} or {@code e2e.crop}. */
    public String stage() {
        return source.stage();
    }

    /** The file name after {@code <stage>--}, without extension. */
    public String name() {
        return source.name();
    }

    public JsonNode config() {
        return source.config();
    }

    /** {@code config.mode}: {@code full} or {@code crop}. */
    public String mode() {
        return requiredText("mode");
    }

    /** {@code config.preprocess}, e.g. {@code full} or {@code crop}. */
    public String preprocess() {
        return requiredText("preprocess");
    }

    public boolean still() {
        return config().path("still").asBoolean(false);
    }

    public int batchSize() {
        return requiredInt("batch_size");
    }

    public int poseStyle() {
        return requiredInt("pose_style");
    }

    /** The renderer's size (256). */
    public int size() {
        return requiredInt("size");
    }

    public double expressionScale() {
        return config().path("expression_scale").asDouble(1.0);
    }

    /** The expected frame count (the length of every per-frame input and output). */
    public int numFrames() {
        return requiredInt("num_frames");
    }

    /** The original file name of the audio ({@code config.audio_name}); its content may not match the extension. */
    public String audioName() {
        return requiredText("audio_name");
    }

    /** The original file name of the image; the content may be a JPEG under a .png name. */
    public String imageName() {
        return requiredText("image_name");
    }

    private String requiredText(String key) {
        JsonNode v = config().get(key);
        if (v == null || !v.isTextual()) {
            throw CheckpointException.of(file, "config has no text '" + key + "'");
        }
        return v.asText();
    }

    private int requiredInt(String key) {
        JsonNode v = config().get(key);
        if (v == null || !v.canConvertToInt()) {
            throw CheckpointException.of(file, "config has no integer '" + key + "'");
        }
        return v.asInt();
    }

    /** The models seed of {@code weights = synthetic-models:<seed>}. */
    public long seed() {
        String w = source.weights();
        if (!w.startsWith(MODELS_PREFIX)) {
            throw CheckpointException.of(file, "weights are '" + w + "', not " + MODELS_PREFIX + "<seed>");
        }
        try {
            return Long.parseLong(w.substring(MODELS_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw CheckpointException.of(file, "weights '" + w + "' do not end in a seed");
        }
    }

    /** Input names in call order. */
    public List<String> inputs() {
        return source.inputs();
    }

    /** Output names in pipeline order: only these are compared. */
    public List<String> outputs() {
        return source.outputs();
    }

    /** The input tensor {@code in.<name>}. */
    public StoredTensor input(String name) {
        return source.input(name);
    }

    /** The expected output {@code out.<name>}. */
    public StoredTensor expected(String name) {
        return source.expected(name);
    }

    /** A U8 input as the bytes of the file it was (audio_bytes, image_bytes). */
    public byte[] bytes(String name) {
        StoredTensor t = input(name);
        if (t.dtype() != DType.U8 || t.shape().length != 1) {
            throw CheckpointException.of(file, "in." + name + " is " + t.dtype() + Arrays.toString(t.shape())
                    + ", not U8 file bytes");
        }
        return array(t.bytes());
    }

    /** Writes input {@code name} (file bytes) as {@code dir/fileName}, e.g. under the original's file name. */
    public Path writeInput(String name, Path dir, String fileName) throws IOException {
        return Files.write(dir.resolve(fileName), bytes(name));
    }

    /** Per-frame recorded draws {@code in.<name>} of shape {@code [K, ...]} split into K float rows. */
    public List<float[]> rows(String name) {
        StoredTensor t = input(name);
        float[] all = t.toFloatArray();
        int k = (int) t.shape()[0];
        int per = k == 0 ? 0 : all.length / k;
        List<float[]> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(Arrays.copyOfRange(all, i * per, (i + 1) * per));
        }
        return out;
    }

    /** The tolerance of output {@code name}, from the {@code tolerances} metadata. */
    public OutputTolerance tolerance(String name) {
        JsonNode t = tolerances.get(name);
        if (t == null) {
            throw CheckpointException.of(file, "tolerances metadata has no entry for output '" + name + "'");
        }
        try {
            return OutputTolerance.parse(name, t);
        } catch (IllegalArgumentException e) {
            throw CheckpointException.of(file, e.getMessage());
        }
    }

    /** Compares float output {@code name} ({@link OutputTolerance.Floats}). */
    public OutputCheck checkFloats(String name, float[] actual, long[] shape) {
        OutputTolerance.Floats t = expect(name, OutputTolerance.Floats.class);
        StoredTensor e = expected(name);
        Comparison c = Comparison.of(name, actual, shape, e.toFloatArray(), e.shape(), t.atol(), t.rtol());
        return new OutputCheck(this, name, c.passed(),
                String.format("worst %.2e allowed %.2e (%s)", c.worst(), c.allowed(), c.where()));
    }

    /** Compares integer output {@code name} ({@link OutputTolerance.Exact}). */
    public OutputCheck checkExact(String name, long[] actual, long[] shape) {
        expect(name, OutputTolerance.Exact.class);
        StoredTensor e = expected(name);
        long[] want = e.toLongArray();
        if (!Arrays.equals(shape, e.shape())) {
            return new OutputCheck(this, name, false, "shape " + Arrays.toString(shape) + " != expected " + Arrays.toString(e.shape()));
        }
        boolean same = Arrays.equals(actual, want);
        return new OutputCheck(this, name, same, (same ? "exact " : "differs: ") + Arrays.toString(actual)
                + (same ? "" : " vs " + Arrays.toString(want)));
    }

    /** Compares U8 image output {@code name} ({@link ImageTolerance}), e.g. {@code [T, H, W, 3]} RGB. */
    public OutputCheck checkImage(String name, byte[] actual, long[] shape) {
        ImageTolerance t = expect(name, ImageTolerance.class);
        StoredTensor e = expected(name);
        if (e.dtype() != DType.U8) {
            throw CheckpointException.of(file, "out." + name + " has an image tolerance but is " + e.dtype());
        }
        ImageTolerance.Measured m = ImageTolerance.measure(actual, shape, array(e.bytes()), e.shape());
        KnownGaps.Gap gap = KnownGaps.of(stage(), name(), name);
        if (!t.passes(m) && gap != null && gap.bound().passes(m)) {
            return new OutputCheck(this, name, false, t.describe(m) + "; inside the listed known gap (" + gap.bound()
                    + "): " + gap.reason(), true);
        }
        return new OutputCheck(this, name, t.passes(m), t.describe(m));
    }

    private <T extends OutputTolerance> T expect(String name, Class<T> kind) {
        OutputTolerance t = tolerance(name);
        if (!kind.isInstance(t)) {
            throw new IllegalArgumentException(file.getFileName() + ": output '" + name + "' has tolerance " + t
                    + ", not " + kind.getSimpleName());
        }
        return kind.cast(t);
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() {
        source.close();
    }

    /** One compared output: {@link #line()} is its {@code PARITY} line. */
    public record OutputCheck(E2eCase owner, String output, boolean passed, String detail, boolean knownGap) {
        public OutputCheck(E2eCase owner, String output, boolean passed, String detail) {
            this(owner, output, passed, detail, false);
        }

        /** The same check with {@code more} added to its detail. */
        public OutputCheck withDetail(String more) {
            return new OutputCheck(owner, output, passed, detail + more, knownGap);
        }

        /** {@code PARITY <stage> <case>:<output> PASS|FAIL|KNOWN-GAP <detail>} ({@link KnownGaps}). */
        public String line() {
            return String.format("PARITY %-40s %-40s %s %s", owner.stage(), owner.name() + ":" + output,
                    passed ? "PASS" : knownGap ? "KNOWN-GAP" : "FAIL", detail);
        }
    }
}
