package sadtalker.server;

import java.nio.file.Path;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sadtalker.GenerationResult;
import sadtalker.InvalidInputException;
import sadtalker.TalkingHeadGenerator;

/**
 * Runs a {@link GenerateJob} on the engine. Progress goes into the job's metadata and the output
 * path into the {@link ResultStore}, where {@code GET /jobs/{id}} reads them. A failure caused by the input is marked
 * "do not retry"; any other failure (out of GPU memory, a crash) is retried by JobRunr a bounded
 * number of times.
 */
public final class GenerateJobHandler implements JobRequestHandler<GenerateJob> {
    static final String PROGRESS = "progress";
    static final String STAGE = "stage";

    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.jobs");

    private final TalkingHeadGenerator generator;
    private final ResultStore results;

    GenerateJobHandler(TalkingHeadGenerator generator, ResultStore results) {
        this.generator = generator;
        this.results = results;
    }

    @Override
    public void run(GenerateJob job) {
        JobContext context = jobContext();
        LOG.info("job.started id={} mode={} attempt={}", context.getJobId(), job.mode(), context.amountOfFailures() + 1);
        long start = System.nanoTime();
        try {
            GenerationResult result = generator.generate(Path.of(job.audio()), Path.of(job.image()), job.mode(),
                    (stage, fraction) -> {
                        context.saveMetadata(STAGE, stage);
                        context.saveMetadata(PROGRESS, fraction);
                    });
            results.put(context.getJobId(), result.output().toString(), result.frames());
            LOG.info("job.done id={} output={} frames={} seconds={}", context.getJobId(), result.output(),
                    result.frames(), (System.nanoTime() - start) / 1e9);
        } catch (InvalidInputException e) {
            LOG.info("job.rejected id={} reason=\"{}\"", context.getJobId(), e.getMessage());
            throw new JobRunrException(e.getMessage(), true, e);
        } catch (RuntimeException e) {
            LOG.warn("job.failed id={} error=\"{}\" retryable=true", context.getJobId(), e.toString());
            throw e;
        }
    }
}
