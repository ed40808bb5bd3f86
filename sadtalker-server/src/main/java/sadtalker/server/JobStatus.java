package sadtalker.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code GET /jobs/{id}} answers.
 *
 * @param id the job id
 * @param state queued, running, done or failed
 * @param progress fraction done in [0, 1] (0 while queued, whatever an earlier attempt reached)
 * @param stage the pipeline stage running now, if known
 * @param output the MP4's path once done
 * @param error why it failed, once failed
 * @param attempts how many times the job has failed and been retried so far
 * @param attempt the attempt running now, or the next one while queued (1 for the first)
 * @param previousAttempt how the previous attempt ended, if there was one (e.g. interrupted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobStatus(String id, String state, double progress, String stage, String output, String error, int attempts,
        int attempt, @JsonProperty("previous_attempt") String previousAttempt) {}
