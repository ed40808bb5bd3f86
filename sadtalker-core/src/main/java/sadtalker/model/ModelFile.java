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
    /**
     * The {@code --size 512} checkpoint. SadTalker builds the same networks from the same configs
     * ({@code src/config/facerender.yaml}, {@code auido2*.yaml}: no size in them) for both sizes and
     * loads either file into them strictly, so the 512 file has the 256 file's keys and shapes; only
     * the trained values and the image size they are run at differ. It is therefore checked against
     * the 256 manifests (there is no separate 512 manifest).
     */
    SADTALKER_512("SadTalker_V0.0.2_512.safetensors",
            "https://github.com/OpenTalker/SadTalker/releases/download/v0.0.2-rc/SadTalker_V0.0.2_512.safetensors",
            "audio2exp, audio2pose, face_3drecon, kp_extractor, generator (512 renderer)",
            "SadTalker_V0.0.2_256.safetensors.audio.json", "SadTalker_V0.0.2_256.safetensors.face3d.json",
            "SadTalker_V0.0.2_256.safetensors.facerender.json"),
    // The --old_version files (init_path.py), from the v0.0.2 release that scripts/download_models.sh
    // lists as its legacy links (the repository was renamed from Winfredy/SadTalker; GitHub redirects).
    AUDIO2EXP_LEGACY("auido2exp_00300-model.pth",
            "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/auido2exp_00300-model.pth",
            "audio2exp (--old_version)", "auido2exp_00300-model.pth.json"),
    AUDIO2POSE_LEGACY("auido2pose_00140-model.pth",
            "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/auido2pose_00140-model.pth",
            "audio2pose (--old_version)", "auido2pose_00140-model.pth.json"),
    FACEVID2VID_LEGACY("facevid2vid_00189-model.pth.tar",
            "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/facevid2vid_00189-model.pth.tar",
            "face renderer: generator, kp_detector, he_estimator (--old_version)",
            "facevid2vid_00189-model.pth.tar.json"),
    RECON_LEGACY("epoch_20.pth", "https://github.com/Winfredy/SadTalker/releases/download/v0.0.2/epoch_20.pth",
            "3DMM face reconstruction (--old_version)", "epoch_20.pth.json"),
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

    /** The sizes SadTalker has a checkpoint for ({@code --size}). */
    public static final List<Integer> SIZES = List.of(256, 512);

    /**
     * The files a run needs, as SadTalker's {@code init_path} picks them: {@code old_version}
     * replaces the safetensors file by the four legacy files (their weights are the 256 model's;
     * the size then only sets the image sizes, as in the original), otherwise the safetensors file
     * of {@code size}; the mapping files, the face detector and the landmarks always; GFPGAN and
     * ParseNet when enhancing. ({@code wav2lip.pth}, also in init_path's legacy list, is never
     * read by inference: its load in {@code audio_encoder.py} is commented out.)
     *
     * @throws IllegalArgumentException for a size with no checkpoint
     */
    public static List<ModelFile> required(boolean oldVersion, int size, boolean enhance) {
        List<ModelFile> out = new ArrayList<>();
        if (oldVersion) {
            out.addAll(List.of(AUDIO2EXP_LEGACY, AUDIO2POSE_LEGACY, FACEVID2VID_LEGACY, RECON_LEGACY));
        } else {
            out.add(safetensors(size));
        }
        out.addAll(List.of(MAPPING_FULL, MAPPING_CROP, DETECTION, ALIGNMENT));
        if (enhance) {
            out.addAll(List.of(GFPGAN, PARSING));
        }
        out.sort(null);     // enum order, as listed
        return out;
    }

    /** {@code SadTalker_V0.0.2_<size>.safetensors}. @throws IllegalArgumentException for a size with none */
    public static ModelFile safetensors(int size) {
        return switch (size) {
            case 256 -> SADTALKER;
            case 512 -> SADTALKER_512;
            default -> throw new IllegalArgumentException(sizeProblem(size));
        };
    }

    /** The one message for a size with no checkpoint, in every shell. */
    public static String sizeProblem(int size) {
        return "size must be 256 or 512 (the SadTalker_V0.0.2_<size>.safetensors checkpoints), got " + size;
    }

    /** True for the files of the default run ({@code --size 256}, safetensors): what {@code models download} fetches unasked. */
    public boolean standard() {
        return required(false, 256, true).contains(this);
    }

    /** How to get the file, for error messages. */
    public String howToGet() {
        return "run './sadtalker models download" + (standard() ? "" : " " + fileName) + "' or fetch " + url + " into the models directory as " + fileName;
    }
}
