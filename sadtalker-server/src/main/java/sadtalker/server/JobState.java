package sadtalker.server;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Where a job stands, as {@code GET /jobs/{id}} reports it (lower case in JSON and in {@code ?state=}). */
enum JobState {
    QUEUED, RUNNING, DONE, FAILED, CANCELLED;

    /** A finished job: it will not change any more, and cannot be cancelled. */
    boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state named {@code text} as in JSON ({@code done}), if it is one. */
    static Optional<JobState> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.json().equals(text)).findFirst();
    }

    /** The names a client may use, for error messages. */
    static String names() {
        return Arrays.stream(values()).map(JobState::json).toList().toString();
    }
}
