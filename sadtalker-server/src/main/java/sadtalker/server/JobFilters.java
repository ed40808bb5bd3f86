package sadtalker.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.filters.ElectStateFilter;
import org.jobrunr.jobs.filters.JobFilter;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.LoggerFactory;

/** The JobRunr filters of the queue's worker: retries per kind of job, and what happens when a generation ends. */
final class JobFilters {
    private JobFilters() {}

    /** The filters for a worker retrying generations {@code retries} times. */
    static List<JobFilter> of(int retries, StorageProvider storage, CancelRequests cancels, ServiceMetrics metrics,
            String webhookSecret) {
        return List.of(new Retries(new RetryFilter(retries, 2), new RetryFilter(WebhookHandler.RETRIES, 2)),
                new Outcomes(storage, cancels, metrics, webhookSecret));
    }

    /**
     * Generations are retried {@code --retries} times, callbacks {@value WebhookHandler#RETRIES} times, both
     * with JobRunr's exponential backoff (2, 4, 8 ... s). One JobRunr retry filter serves a whole server,
     * and its {@code @Job(retries)} annotation is not read for job-request handlers: hence one filter per kind.
     */
    private record Retries(RetryFilter generations, RetryFilter webhooks) implements ElectStateFilter {
        @Override
        public void onStateElection(Job job, org.jobrunr.jobs.states.JobState newState) {
            Object[] values = job.getJobDetails().getJobParameterValues();
            boolean webhook = values.length == 1 && values[0] instanceof WebhookDelivery;
            (webhook ? webhooks : generations).onStateElection(job, newState);
        }
    }

    /**
     * Counts how generations end and queues their completion callbacks. The callback is a JobRunr
     * job with an id derived from the job's, so that a filter run twice (a crash in between) queues it once.
     */
    private record Outcomes(StorageProvider storage, CancelRequests cancels, ServiceMetrics metrics, String webhookSecret)
            implements JobServerFilter {
        @Override
        public void onProcessingSucceeded(Job job) {
            // A job stopped by its client also ends here; it is not called back (the client knows).
            JobStatuses.generation(job).filter(g -> g.webhook() != null && !cancels.requested(job.getId()))
                    .ifPresent(g -> callBack(job.getId(), g));
        }

        @Override
        public void onFailedAfterRetries(Job job) {
            JobStatuses.generation(job).ifPresent(g -> {
                metrics.finished(ServiceMetrics.Outcome.FAILED);
                callBack(job.getId(), g);
            });
        }

        private void callBack(UUID id, GenerateJob g) {
            if (g.webhook() == null || webhookSecret == null) {
                return;
            }
            UUID deliveryId = UUID.nameUUIDFromBytes(("webhook:" + id).getBytes(StandardCharsets.UTF_8));
            try {
                storage.save(new Job(deliveryId, new JobDetails(new WebhookDelivery(id.toString(), g.webhook()))));
            } catch (RuntimeException e) {
                LoggerFactory.getLogger("sadtalker.webhooks").warn("webhook.not_queued id={} error=\"{}\"", id, LogText.clean(e));
            }
        }
    }
}
