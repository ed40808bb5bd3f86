package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's path with control characters and a forged log line in its name reaches no log line raw,
 * JobRunr's own lines included (they name the job: its name is built from escaped text).
 */
class JobLogTest {
    private static final String FORGED = "2026-01-01T00:00:00.000Z [main] INFO sadtalker.jobs - job.done FORGED";

    @TempDir
    Path tmp;

    @Test
    void a_path_with_control_characters_never_reaches_a_log_line_raw() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path audio = Fixtures.copy("speech_en_16k.wav", in, "speech.wav");
        Path image = Fixtures.copy("happy.png", in, "face\n" + FORGED + "\u0007\u001b[31m.png");
        ServerConfig c = Fixtures.config(tmp, in);
        c.retries = 1;
        StandInGenerator g = new StandInGenerator(c.output, false);
        g.transientFailures.set(1);       // one failure and a retry: JobRunr logs about the job

        java.util.UUID jobId = null;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Service s = Service.start(c, () -> g);
            try {
                ServiceHttp client = new ServiceHttp();
                String body = "{\"driven_audio\":\"" + audio + "\",\"source_image\":\"" + image.toString()
                        .replace("\n", "\\n").replace("\u0007", "\\u0007").replace("\u001b", "\\u001b")
                        + "\",\"option\":\"crop\"}";
                HttpResponse<String> r = client.post(s, body);
                assertEquals(200, r.statusCode(), r.body());
                String id = r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
                client.await(s, id, ServiceHttp.state("done"), Duration.ofSeconds(90));
                jobId = java.util.UUID.fromString(id);
                // a job refused by the engine: its message names the file, and JobRunr records and may log it
                Path noFace = Fixtures.copy("happy.png", in, "noface\n" + FORGED + "\u0007.png");
                HttpResponse<String> refused = client.post(s, "{\"driven_audio\":\"" + audio + "\",\"source_image\":\""
                        + noFace.toString().replace("\n", "\\n").replace("\u0007", "\\u0007") + "\",\"option\":\"crop\"}");
                assertEquals(200, refused.statusCode(), refused.body());
                client.await(s, refused.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow(), ServiceHttp.state("failed"),
                        Duration.ofSeconds(90));
            } finally {
                s.stop();
            }
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        err.print(log);
        // Every JobRunr line about a job prints its name (Job(id=..., jobName='...'), Job.toString()).
        String name = storedJob(c, jobId).getJobName();
        org.junit.jupiter.api.Assertions.assertNotNull(name, "the job has no name of escaped text");
        String described = storedJob(c, jobId).toString();
        assertTrue(name.contains("FORGED"), name);
        for (String text : List.of(name, described)) {
            assertFalse(text.chars().anyMatch(ch -> ch < 0x20), "control character in the job's name: " + text);
        }
        assertTrue(log.contains("job.done"), "the log was not captured: " + log);
        assertTrue(log.contains("FORGED"), "the job's name or path never appeared in the log, so nothing was tested");
        for (String line : log.split("\n")) {
            assertFalse(line.startsWith(FORGED), "a forged log line: " + line);
            assertFalse(line.contains("\u0007") || line.contains("\u001b"), "a control character reached the log: " + line);
        }
    }

    /** The job as JobRunr stored it (read back from the stopped service's database). */
    private static org.jobrunr.jobs.Job storedJob(ServerConfig c, java.util.UUID id) {
        try (com.zaxxer.hikari.HikariDataSource db = JobQueue.dataSource(null, null, null, c.dataDir)) {
            org.jobrunr.storage.StorageProvider storage = org.jobrunr.storage.sql.common.SqlStorageProviderFactory.using(db);
            storage.setJobMapper(new org.jobrunr.jobs.mappers.JobMapper(new org.jobrunr.utils.mapper.jackson.JacksonJsonMapper()));
            try {
                return storage.getJobById(id);
            } finally {
                storage.close();
            }
        }
    }
}
