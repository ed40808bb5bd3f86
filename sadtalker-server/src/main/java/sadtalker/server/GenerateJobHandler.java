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
 * Runs a {@link GenerateJob} on the engine. Progress and the output path go into the job's
 * metadata, where {@code GET /jobs/{id}} reads them. A failure caused by the input is marked
 * "do not retry"; any other failure (out of GPU memory, a crash) is retried by JobRunr a bounded
 * number of times.
 */
public final class GenerateJobHandler implements JobRequestHandler<GenerateJob> {
    static final String PROGRESS = "progress";
    static final String STAGE = "stage";
    static final String OUTPUT = "output";

    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.jobs");

    private final TalkingHeadGenerator generator;

    GenerateJobHandler(TalkingHeadGenerator generator) {
        this.generator = generator;
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
            context.saveMetadata(PROGRESS, 1.0);
            context.saveMetadata(OUTPUT, result.output().toString());
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
