package sadtalker.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A key manifest ({@code shared/parity/manifests/*.json}): every tensor an official checkpoint
 * file holds for one network, with shape and dtype, and the container it sits in.
 *
 * @param file the official file name
 * @param container where the state dict sits ({@link StateDict#of(Checkpoint, String)})
 * @param prefixes for files holding several networks, the key prefixes this manifest covers
 * @param nested for a pickle whose top-level dict holds one state dict per network
 *     ({@code facevid2vid_00189-model.pth.tar}), those top-level keys; manifest keys are then
 *     {@code <top-level key>.<state-dict key>}
 * @param tensors every key, with shape and dtype, in manifest order
 */
public record Manifest(String file, String container, List<String> prefixes, List<String> nested,
        List<Entry> tensors) {

    /** One tensor: full file key, shape, dtype, and whether inference uses it. */
    public record Entry(String key, long[] shape, DType dtype, boolean used) {}

    /** Reads a manifest's JSON. */
    public static Manifest read(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> prefixes = new ArrayList<>();
        root.path("prefixes").forEach(p -> prefixes.add(p.asText()));
        List<String> nested = new ArrayList<>();
        root.path("nested").forEach(p -> nested.add(p.asText()));
        List<Entry> tensors = new ArrayList<>();
        for (JsonNode t : root.path("tensors")) {
            long[] shape = new long[t.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.path("shape").get(i).asLong();
            }
            DType dtype = DType.fromSafetensors(t.path("dtype").asText("F32"));
            tensors.add(new Entry(t.path("key").asText(), shape, dtype, t.path("used").asBoolean(true)));
        }
        return new Manifest(root.path("file").asText(), root.path("container").asText(""),
                Collections.unmodifiableList(prefixes), Collections.unmodifiableList(nested), Collections.unmodifiableList(tensors));
    }
}
