package sadtalker.server;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The hourly retention sweep ({@code --keep-days}), a JobRunr recurring job.
 *
 * @param keepDays results and job records finished longer ago than this are deleted
 */
public record RetentionJob(long keepDays) implements JobRequest {
    @Override
    public Class<RetentionHandler> getJobRequestHandler() {
        return RetentionHandler.class;
    }
}
