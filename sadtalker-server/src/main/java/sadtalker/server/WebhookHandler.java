package sadtalker.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jobrunr.JobRunrException;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a finished job's status JSON to its callback URL, signed ({@link WebhookSignature}). Any
 * answer but 2xx, or no answer, fails the delivery, and JobRunr retries it with exponential backoff
 * ({@value #RETRIES} times: after about 2, 4, 8 ... 256 s); each attempt is recorded in the
 * {@link WebhookLog}. Redirects are not followed (they could lead to a refused destination).
 */
public final class WebhookHandler implements JobRequestHandler<WebhookDelivery> {
    static final int RETRIES = 8;
    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.webhooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<UUID, Optional<JobStatus>> statuses;
    private final WebhookPolicy policy;
    private final WebhookSignature signature;
    private final WebhookLog log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookHandler(Function<UUID, Optional<JobStatus>> statuses, WebhookPolicy policy, WebhookSignature signature,
            WebhookLog log) {
        this.statuses = statuses;
        this.policy = policy;
        this.signature = signature;
        this.log = log;
    }

    @Override
    public void run(WebhookDelivery delivery) {
        UUID id = UUID.fromString(delivery.jobId());
        boolean last = jobContext().amountOfFailures() >= RETRIES;
        JobStatus status = statuses.apply(id).orElse(null);
        if (status == null) {
            LOG.info("webhook.dropped id={}: the job is gone", id);
            return;
        }
        String refused = policy.problem(delivery.url());
        if (refused != null) {
            log.attempt(id, "failed", null, refused);
            LOG.info("webhook.refused id={} reason=\"{}\"", id, LogText.clean(refused));
            throw new JobRunrException("webhook refused: " + refused, true);
        }
        String body;
        try {
            body = JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status of job " + id, e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature.header(System.currentTimeMillis() / 1000, body))
                .header("User-Agent", "sadtalker-server")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String failure;
        Integer code = null;
        try {
            code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            failure = code / 100 == 2 ? null : "answered HTTP " + code;
        } catch (IOException e) {
            failure = "cannot POST: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (failure == null) {
            log.attempt(id, "delivered", code, null);
            LOG.info("webhook.delivered id={} status={}", id, code);
            return;
        }
        log.attempt(id, last ? "failed" : "pending", code, failure);
        LOG.info("webhook.failed id={} reason=\"{}\" final={}", id, LogText.clean(failure), last);
        throw new IllegalStateException("webhook of job " + id + " " + failure);
    }
}
