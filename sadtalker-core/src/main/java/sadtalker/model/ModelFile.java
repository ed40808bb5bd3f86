package sadtalker.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sadtalker.checkpoint.Manifest;

/**
 * The official checkpoint files SadTalker's pipeline needs, under their official names in the
 * models directory: where each is published, and the key manifests (bundled with this library,
 * from {@code shared/parity/manifests}) it must match exactly.
 *
 * <p>No checksum is recorded yet: the development machines cannot download the official files, so
 * their digests have not been measured here. Files are verified by parsing them and checking every
 * key and shape against the manifests.
 */
public enum ModelFile {
    SADTALKER("SadTalker_V0.0.2_256.safetensors",
            "https://github.com/OpenTalker/SadTalker/releases/download/v0.0.2-rc/SadTalker_V0.0.2_256.safetensors",
            "audio2exp, audio2pose, face_3drecon, kp_extractor, generator",
            "SadTalker_V0.0.2_256.safetensors.audio.json", "SadTalker_V0.0.2_256.safetensors.face3d.json",
            "SadTalker_V0.0.2_256.safetensors.facerender.json"),
    MAPPING_FULL("mapping_00109-model.pth.tar",
            "https://github.com/OpenTalker/SadTalker/releases/download/v0.0.2-rc/mapping_00109-model.pth.tar",
            "MappingNet for full mode (still)", "mapping_00109-model.pth.tar.json"),
    MAPPING_CROP("mapping_00229-model.pth.tar",
            "https://github.com/OpenTalker/SadTalker/releases/download/v0.0.2-rc/mapping_00229-model.pth.tar",
            "MappingNet for crop mode", "mapping_00229-model.pth.tar.json"),
    GFPGAN("GFPGANv1.4.pth", "https://github.com/TencentARC/GFPGAN/releases/download/v1.3.0/GFPGANv1.4.pth",
            "GFPGANv1Clean face enhancer", "GFPGANv1.4.pth.json"),
    DETECTION("detection_Resnet50_Final.pth",
            "https://github.com/xinntao/facexlib/releases/download/v0.1.0/detection_Resnet50_Final.pth",
            "RetinaFace ResNet-50 face detector", "detection_Resnet50_Final.pth.json"),
    ALIGNMENT("alignment_WFLW_4HG.pth",
            "https://github.com/xinntao/facexlib/releases/download/v0.1.0/alignment_WFLW_4HG.pth",
            "AWing FAN 98-point landmarks", "alignment_WFLW_4HG.pth.json"),
    PARSING("parsing_parsenet.pth", "https://github.com/xinntao/facexlib/releases/download/v0.2.2/parsing_parsenet.pth",
            "ParseNet face parsing (enhancer masks)", "parsing_parsenet.pth.json");

    private final String fileName;
    private final URI url;
    private final String contents;
    private final String[] manifestResources;

    ModelFile(String fileName, String url, String contents, String... manifestResources) {
        this.fileName = fileName;
        this.url = URI.create(url);
        this.contents = contents;
        this.manifestResources = manifestResources;
    }

    /** The official file name. */
    public String fileName() {
        return fileName;
    }

    /** Where the file is published. */
    public URI url() {
        return url;
    }

    /** What the file holds, in words. */
    public String contents() {
        return contents;
    }

    /** The key manifests the file must match; several for a file holding several networks. */
    public List<Manifest> manifests() {
        List<Manifest> out = new ArrayList<>();
        for (String name : manifestResources) {
            try (InputStream in = ModelFile.class.getResourceAsStream("manifests/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("manifest " + name + " missing from the library");
                }
                out.add(Manifest.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read manifest " + name, e);
            }
        }
        return out;
    }

    /** The file's path in {@code modelsDir}. */
    public Path in(Path modelsDir) {
        return modelsDir.resolve(fileName);
    }

    /** True if the file exists in {@code modelsDir} as a regular file. */
    public boolean presentIn(Path modelsDir) {
        return Files.isRegularFile(in(modelsDir));
    }

    /** How to get the file, for error messages. */
    public String howToGet() {
        return "run './sadtalker models download' or fetch " + url + " into the models directory as " + fileName;
    }
}
