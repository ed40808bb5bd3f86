package sadtalker.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import sadtalker.Mode;

/**
 * The body of {@code POST /generate}.
 *
 * @param drivenAudio path of the speech recording
 * @param sourceImage path of the face picture
 * @param option {@code full} or {@code crop}
 * @param webhook optional URL told when the job is done or failed (checked by {@link WebhookPolicy})
 */
record GenerateRequest(
        @JsonProperty("driven_audio") @NotBlank(message = "is required") @InputFile(kind = InputFile.Kind.AUDIO)
        String drivenAudio,
        @JsonProperty("source_image") @NotBlank(message = "is required") @InputFile(kind = InputFile.Kind.IMAGE)
        String sourceImage,
        @JsonProperty("option") @NotBlank(message = "is required")
        @Pattern(regexp = "|full|crop", message = "must be 'full' or 'crop'")
        String option,
        @JsonProperty("webhook") String webhook) {

    /** The JSON field names, in the order errors are reported. */
    static final java.util.List<String> FIELDS = java.util.List.of("driven_audio", "source_image", "option", "webhook");

    Mode mode() {
        return option.equals("full") ? Mode.FULL : Mode.CROP;
    }
}
