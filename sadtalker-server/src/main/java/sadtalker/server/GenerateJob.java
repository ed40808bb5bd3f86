package sadtalker.server;

import org.jobrunr.jobs.lambdas.JobRequest;
import sadtalker.Mode;

/**
 * One accepted generation, as stored in the job database (JobRunr serialises it to JSON).
 *
 * @param audio absolute path of the speech recording
 * @param image absolute path of the face picture
 * @param mode FULL or CROP
 * @param webhook the URL told when the job is done or failed, or null (absent in jobs stored before it existed)
 */
public record GenerateJob(String audio, String image, Mode mode, String webhook) implements JobRequest {
    /** A job without a completion callback. */
    public GenerateJob(String audio, String image, Mode mode) {
        this(audio, image, mode, null);
    }

    @Override
    public Class<GenerateJobHandler> getJobRequestHandler() {
        return GenerateJobHandler.class;
    }
}
