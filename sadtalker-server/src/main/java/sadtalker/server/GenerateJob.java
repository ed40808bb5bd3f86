package sadtalker.server;

import org.jobrunr.jobs.lambdas.JobRequest;
import sadtalker.Mode;

/**
 * One accepted generation, as stored in the job database (JobRunr serialises it to JSON).
 *
 * @param audio absolute path of the speech recording
 * @param image absolute path of the face picture
 * @param mode FULL or CROP
 */
public record GenerateJob(String audio, String image, Mode mode) implements JobRequest {
    @Override
    public Class<GenerateJobHandler> getJobRequestHandler() {
        return GenerateJobHandler.class;
    }
}
