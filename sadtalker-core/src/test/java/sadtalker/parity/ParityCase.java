package sadtalker.parity;

import sadtalker.testkit.GeneratedParams;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sadtalker.checkpoint.CheckpointException;
import sadtalker.checkpoint.Params;
import sadtalker.checkpoint.SafetensorsFile;
import sadtalker.checkpoint.StateDict;
import sadtalker.checkpoint.StoredTensor;

/**
 * One parity case ({@code shared/parity/README.md}): a safetensors file whose metadata names the
 * stage, its config, how its weights are generated and its tolerance, and whose tensors are the
 * inputs ({@code in.*}), the expected outputs ({@code out.*}) and explicit parameters
 * ({@code param.*}).
 */
public final class ParityCase implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final SafetensorsFile source;
    private final Map<String, String> meta;
    private final JsonNode config;

    private ParityCase(Path file, SafetensorsFile source) {
        this.file = file;
        this.source = source;
        this.meta = source.metadata();
        if (!"sadtalker-parity/1".equals(meta.get("format"))) {
            throw CheckpointException.of(file, "not a parity case (format " + meta.get("format") + ")");
        }
        try {
            this.config = JSON.readTree(meta.getOrDefault("config", "{}"));
        } catch (IOException e) {
            throw CheckpointException.of(file, "config is not JSON: " + e.getMessage(), e);
        }
    }

    /** Opens a case file. */
    public static ParityCase open(Path file) {
        SafetensorsFile f = SafetensorsFile.open(file);
        try {
            return new ParityCase(file, f);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The stage id, such as {@code facerender.grid_sample}. */
    public String stage() {
        return meta.get("stage");
    }

    /** The case name: the file name after {@code <stage>--}, without extension. */
    public String name() {
        String n = file.getFileName().toString().replaceFirst("\\.safetensors$", "");
        int sep = n.indexOf("--");
        return sep < 0 ? n : n.substring(sep + 2);
    }

    public JsonNode config() {
        return config;
    }

    public double atol() {
        return Double.parseDouble(meta.getOrDefault("atol", "0"));
    }

    public double rtol() {
        return Double.parseDouble(meta.getOrDefault("rtol", "0"));
    }

    public String description() {
        return meta.getOrDefault("description", "");
    }

    /** Input names in call order. */
    public List<String> inputs() {
        return names("inputs");
    }

    /** Output names in the order they are listed: only these are compared. */
    public List<String> outputs() {
        return names("outputs");
    }

    private List<String> names(String key) {
        String v = meta.getOrDefault(key, "");
        return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
    }

    /** True if input {@code name} is present (some inputs are optional). */
    public boolean hasInput(String name) {
        return source.tensors().containsKey("in." + name);
    }

    /** The input tensor {@code in.<name>}. */
    public StoredTensor input(String name) {
        return tensor("in." + name);
    }

    /** The input {@code in.<name>} as an NDArray. */
    public NDArray input(String name, NDManager manager) {
        return input(name).toNDArray(manager);
    }

    /** The expected output {@code out.<name>}. */
    public StoredTensor expected(String name) {
        return tensor("out." + name);
    }

    private StoredTensor tensor(String key) {
        StoredTensor t = source.tensors().get(key);
        if (t == null) {
            throw CheckpointException.of(file, "case has no tensor '" + key + "'");
        }
        return t;
    }

    /** Metadata entry {@code key}, or {@code orElse} when the case has none. */
    public String metadata(String key, String orElse) {
        return meta.getOrDefault(key, orElse);
    }

    /** The {@code weights} metadata: {@code none} or {@code detweights-v1:<seed>}. */
    public String weights() {
        return meta.getOrDefault("weights", "none");
    }

    /** The detweights seed; fails if the case has no generated weights. */
    public long seed() {
        String w = weights();
        if (!w.startsWith("detweights-v1:")) {
            throw new IllegalStateException(file.getFileName() + ": weights are '" + w + "', not detweights-v1");
        }
        return Long.parseLong(w.substring("detweights-v1:".length()));
    }

    /** The {@code param.*} overrides, keyed without the {@code param.} prefix. */
    public StateDict overrides() {
        Map<String, StoredTensor> params = new LinkedHashMap<>();
        source.tensors().forEach((k, v) -> {
            if (k.startsWith("param.")) {
                params.put(k.substring("param.".length()), v);
            }
        });
        return StateDict.of(file, "param.", params);
    }

    /**
     * Parameters for the case's network: detweights from the case's seed, formula names
     * {@code namePrefix + key}, with the {@code param.*} overrides.
     */
    public Params params(String namePrefix, NDManager manager) {
        return GeneratedParams.of(seed(), namePrefix, overrides(), manager);
    }

    /** Parameters with the module's own keys as formula names. */
    public Params params(NDManager manager) {
        return params("", manager);
    }


    @Override
    public void close() {
        source.close();
    }
}
