package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.ListedById;
import io.dbsync.kind.TokenPages;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs as jobs/list (API 2.2, {@code expand_tasks=true}, paged) gives them: each job's settings
 * with its first 100 tasks and job clusters; a job with more is marked {@code has_more} and only its
 * jobs/get pages hold the rest. The export maps the complete entries; the import refreshes from them
 * once per run ({@link ListedById}) instead of a jobs/get per job.
 */
final class JobListing {
  /** The run's listing key ({@link ListedById}). */
  private static final String LISTING = "JobKind";

  private JobListing() {}

  /** Every job of the workspace in listing order, complete or not ({@link #complete}). */
  static List<JsonNode> all(KindContext ctx) throws IOException {
    return TokenPages.all(ctx, JobKind.BASE + "/list", Map.of("expand_tasks", "true", "limit", "100"), "jobs");
  }

  /** Whether the listing entry holds the whole job: no tasks or job clusters beyond its first page. */
  static boolean complete(JsonNode entry) {
    return !entry.path("has_more").asBoolean(false);
  }

  /**
   * The job from the run's listing, or empty when it must be read on its own: listed incompletely,
   * not listed, or written by this run.
   */
  static Optional<JsonNode> listed(KindContext ctx, String id) throws IOException {
    return ListedById.of(ctx).get(ctx, LISTING, id,
        () -> ListedById.byId(all(ctx).stream().filter(JobListing::complete).toList(), "job_id"));
  }

  /** The run writes the job: its refresh reads it on its own from now on. */
  static void writing(KindContext ctx, String id) {
    ListedById.of(ctx).writing(LISTING, id);
  }
}
