package sadtalker.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code GET /jobs/{id}} answers (and what a webhook receives).
 *
 * @param id the job id
 * @param state queued, running, done, failed or cancelled
 * @param progress fraction done in [0, 1] (0 while queued, whatever an earlier attempt reached)
 * @param stage the pipeline stage running now, if known
 * @param output the MP4's path on the server once done
 * @param video the URL path the MP4 is served at ({@code /jobs/{id}/video}) once done
 * @param error why it failed, once failed
 * @param attempts how many times the job has failed and been retried so far
 * @param attempt the attempt running now, or the next one while queued (1 for the first)
 * @param previousAttempt how the previous attempt ended, if there was one (e.g. interrupted)
 * @param created when the job was accepted (ISO-8601)
 * @param webhook the completion callback's delivery, if the request asked for one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobStatus(String id, JobState state, double progress, String stage, String output, String video, String error,
        int attempts, int attempt, @JsonProperty("previous_attempt") String previousAttempt, String created,
        WebhookLog.Delivery webhook) {

    /** The URL path of job {@code id}'s video. */
    static String videoPath(String id) {
        return "/jobs/" + id + "/video";
    }
}
