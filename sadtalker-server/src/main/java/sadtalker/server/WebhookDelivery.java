package sadtalker.server;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The completion callback of one finished job, a JobRunr job of its own: stored in the job database,
 * it survives a restart and is retried with JobRunr's exponential backoff.
 *
 * @param jobId the finished generation job
 * @param url where its status is POSTed
 */
public record WebhookDelivery(String jobId, String url) implements JobRequest {
    @Override
    public Class<WebhookHandler> getJobRequestHandler() {
        return WebhookHandler.class;
    }
}
