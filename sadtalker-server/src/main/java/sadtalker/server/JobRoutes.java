package sadtalker.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The job routes past submission: status, list, cancel, video. Every bad parameter gets a 400 naming it. */
final class JobRoutes {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final JobQueue queue;

    JobRoutes(JobQueue queue) {
        this.queue = queue;
    }

    /** {@code GET /jobs/{id}}. */
    void status(Context ctx) {
        id(ctx).ifPresent(id -> queue.status(id).ifPresentOrElse(ctx::json, () -> missing(ctx, id)));
    }

    /** {@code GET /jobs?state=&limit=&cursor=}. */
    void list(Context ctx) {
        List<RequestValidation.Violation> problems = new java.util.ArrayList<>();
        for (String name : ctx.queryParamMap().keySet()) {
            if (!List.of("state", "limit", "cursor").contains(name)) {
                problems.add(new RequestValidation.Violation(name, "is not a known parameter (known: [state, limit, cursor])"));
            }
        }
        String stateText = ctx.queryParam("state");
        JobState state = null;
        if (stateText != null) {
            state = JobState.parse(stateText).orElse(null);
            if (state == null) {
                problems.add(new RequestValidation.Violation("state", "must be one of " + JobState.names() + ", got '"
                        + LogText.clean(stateText) + "'"));
            }
        }
        int limit = DEFAULT_LIMIT;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                problems.add(new RequestValidation.Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT
                        + ", got '" + LogText.clean(limitText) + "'"));
            }
        }
        String cursorText = ctx.queryParam("cursor");
        JobListing.Cursor cursor = null;
        if (cursorText != null) {
            cursor = JobListing.Cursor.decode(cursorText).orElse(null);
            if (cursor == null) {
                problems.add(new RequestValidation.Violation("cursor", "is not a cursor this server gave out (use next_cursor)"));
            }
        }
        if (!problems.isEmpty()) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "invalid request", "violations", problems));
            return;
        }
        JobListing.Page page = queue.list(state, limit, cursor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", page.jobs());
        if (page.nextCursor() != null) {
            body.put("next_cursor", page.nextCursor());
        }
        ctx.json(body);
    }

    /** {@code DELETE /jobs/{id}}. */
    void cancel(Context ctx) {
        Optional<UUID> parsed = id(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        UUID id = parsed.get();
        switch (queue.cancel(id)) {
            case NOT_FOUND -> missing(ctx, id);
            case ALREADY_FINISHED -> ctx.status(HttpStatus.CONFLICT).json(Map.of("error", "job " + id
                    + " has already finished (" + queue.status(id).map(s -> s.state().json()).orElse("gone") + ")"));
            case CANCELLED -> queue.status(id).ifPresentOrElse(ctx::json, () -> missing(ctx, id));
            // Accepted, not done: the job stops at its next rendered batch; poll GET /jobs/{id}.
            case STOPPING -> queue.status(id).ifPresentOrElse(s -> ctx.status(HttpStatus.ACCEPTED).json(s),
                    () -> missing(ctx, id));
        }
    }

    /** {@code GET /jobs/{id}/video}. */
    void video(Context ctx) throws IOException {
        Optional<UUID> parsed = id(ctx);
        if (parsed.isEmpty()) {
            return;
        }
        UUID id = parsed.get();
        if (queue.deleted(id)) {
            gone(ctx, id);
            return;
        }
        Optional<JobStatus> status = queue.status(id);
        if (status.isEmpty()) {
            missing(ctx, id);
            return;
        }
        JobState state = status.get().state();
        Optional<Path> file = state == JobState.DONE ? queue.video(id) : Optional.empty();
        if (file.isEmpty()) {
            if (!state.finished()) {
                ctx.header("Retry-After", "5");
            }
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "job " + id + " has no video"
                    + (state.finished() ? " (it is " + state.json() + ")" : " yet (it is " + state.json() + ")")));
            return;
        }
        if (!Files.isRegularFile(file.get())) {
            gone(ctx, id);   // deleted from the output directory by hand
            return;
        }
        VideoResponse.send(ctx, id.toString(), file.get());
    }

    private static Optional<UUID> id(Context ctx) {
        try {
            return Optional.of(UUID.fromString(ctx.pathParam("id")));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "'" + LogText.clean(ctx.pathParam("id"))
                    + "' is not a job id"));
            return Optional.empty();
        }
    }

    private void missing(Context ctx, UUID id) {
        if (queue.deleted(id)) {
            gone(ctx, id);
        } else {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no job " + id));
        }
    }

    private static void gone(Context ctx, UUID id) {
        ctx.status(HttpStatus.GONE).json(Map.of("error", "job " + id + " and its video were deleted (older than --keep-days)"));
    }
}
