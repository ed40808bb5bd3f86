package sadtalker;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import sadtalker.model.ModelFile;

/** The models directory lacks official files; the message names each and how to get it. */
public final class MissingModelsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    public MissingModelsException(Path modelsDir, List<ModelFile> missing) {
        super("the models directory " + modelsDir.toAbsolutePath().normalize() + " lacks " + missing.size()
                + " file(s): " + missing.stream().map(ModelFile::fileName).collect(Collectors.joining(", "))
                + ". Run './sadtalker models download --models " + modelsDir
                + (missing.stream().allMatch(ModelFile::standard) ? "" : " " + missing.stream().map(ModelFile::fileName)
                        .collect(Collectors.joining(" ")))
                + "' or fetch them from: "
                + missing.stream().map(f -> f.url().toString()).collect(Collectors.joining(" ")));
        this.missing = missing.stream().map(ModelFile::fileName).toList();
    }

    /** The official names of the missing files. */
    public List<String> missing() {
        return missing;
    }
}
