package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
import io.dbsync.config.Selection;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.kind.permissions.PermissionsKind;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * databricks_job through Jobs 2.2: multi-task jobs, with tasks and job clusters paged past 100
 * entries (list with expand_tasks marks such jobs has_more; jobs/get pages them by page_token).
 *
 * <p>Passive mode: jobs are created/updated with schedule, trigger and continuous PAUSED, and the
 * desired pause status is kept in a tag so that a passive refresh reports the desired value (an
 * unchanged revision plans nothing), while a non-passive refresh reports the real PAUSED, so that
 * importing without passive mode (failover) unpauses the jobs.
 */
public final class JobKind implements Kind {
  static final String BASE = "/api/2.2/jobs";
  /** Tag holding "block=status" pairs of what passive mode paused; never exported. */
  static final String PASSIVE_TAG = "dbsync_passive_paused";
  private static final String[] PAUSABLE = {"schedule", "trigger", "continuous"};

  private static final KindInfo INFO = KindInfo.exported("databricks_job", "job", "job",
      "Jobs (multi-task, job clusters, schedules, notifications)");

  @Override
  public KindInfo info() {
    return INFO;
  }

  /** From the jobs' listing with their tasks ({@link JobListing}); a job listed incompletely is read on export. */
  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    Selection sel = ctx.settings().selection();
    List<SourceObject> out = new ArrayList<>();
    for (JsonNode j : JobListing.all(ctx)) {
      String id = j.get("job_id").asText();
      String name = j.path("settings").path("name").asText("Untitled");
      if (sel.selects(name, j)) {
        out.add(new SourceObject(id, resourceName(name, id), JobListing.complete(j) ? j : null));
      }
    }
    return out;
  }

  static String resourceName(String jobName, String id) {
    return Names.safe(jobName + "_" + id);
  }

  /** The job with the export's conversions of ids to variables (convert_*_to_var settings). */
  @Override
  public ObjectNode exportConfig(ExportContext ctx, JsonNode raw) {
    return toConfig(raw, ctx.rendering(), options(ctx.settings()));
  }

  /** The job's direct permissions. */
  @Override
  public List<ExportedResource> children(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    return PermissionsKind.forObject(ctx, "jobs", obj.id(), "job_id",
        ctx.rendering().ref(INFO.type(), obj.id(), "id"), "job_" + obj.name());
  }

  static JobSettings.Options options(KindSettings s) {
    return new JobSettings.Options(s.bool("convert_existing_cluster_to_var", false),
        s.bool("convert_new_cluster_instance_pool_to_var", false),
        s.bool("convert_new_cluster_cluster_policy_to_var", false));
  }

  /** The whole job: pages of tasks/job_clusters/parameters/environments merged in order. */
  @Override
  public JsonNode read(KindContext ctx, String id) throws IOException {
    ObjectNode job = (ObjectNode) Rest.getOrNull(ctx.client(), BASE + "/get", Map.of("job_id", id));
    if (job == null) {
      return null;
    }
    String token = Attrs.text(job, "next_page_token");
    while (token != null && !token.isEmpty()) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("job_id", id);
      q.put("page_token", token);
      JsonNode page = Rest.get(ctx.client(), BASE + "/get", q);
      ObjectNode settings = job.withObjectProperty("settings");
      for (String[] arr : new String[][] {{"tasks", "task_key"}, {"job_clusters", "job_cluster_key"},
          {"parameters", "name"}, {"environments", "environment_key"}}) {
        merge(settings, page.path("settings").get(arr[0]), arr[0], arr[1]);
      }
      token = Attrs.text(page, "next_page_token");
    }
    job.remove("next_page_token");
    return job;
  }

  /** Appends the page's items whose key is not there yet (a page never repeats, but stay safe). */
  private static void merge(ObjectNode settings, JsonNode pageItems, String field, String key) {
    if (pageItems == null || !pageItems.isArray()) {
      return;
    }
    ArrayNode have = settings.withArray(field);
    Set<String> keys = new LinkedHashSet<>();
    have.forEach(x -> keys.add(x.path(key).asText()));
    for (JsonNode item : pageItems) {
      if (keys.add(item.path(key).asText())) {
        have.add(item);
      }
    }
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    return toConfig(raw, rendering, JobSettings.Options.REFS);
  }

  static ObjectNode toConfig(JsonNode raw, Rendering rendering, JobSettings.Options opts) {
    ObjectNode settings = raw.path("settings").isObject() ? raw.get("settings").deepCopy() : TfJson.object();
    if (settings.get("tags") instanceof ObjectNode tags) {
      tags.remove(PASSIVE_TAG);
    }
    return JobSettings.toConfig(settings, rendering, opts);
  }

  /**
   * From the run's jobs listing ({@link JobListing}: the job as jobs/get gives it when the listing holds
   * all of it); a job listed incompletely, not listed, or written by this run is read on its own. In
   * passive mode the pause statuses this tool forced are reported as the desired ones they replaced.
   */
  @Override
  public Optional<ObjectNode> refresh(ApplyContext ctx, String id) throws IOException {
    Optional<JsonNode> listed = JobListing.listed(ctx, id);
    JsonNode raw = listed.isPresent() ? listed.get() : read(ctx, id);
    if (raw == null) {
      return Optional.empty();
    }
    if (ctx.passive()) {
      raw = withDesiredPauseStatus((ObjectNode) raw);
    }
    return Optional.of(toConfig(raw, ctx.rendering()));
  }

  private static ObjectNode withDesiredPauseStatus(ObjectNode raw) {
    ObjectNode out = raw.deepCopy();
    JsonNode settings = out.get("settings");
    String marker = settings == null ? null : settings.path("tags").path(PASSIVE_TAG).asText(null);
    if (marker == null) {
      return out;
    }
    for (String pair : marker.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String block = pair.substring(0, eq);
      String status = pair.substring(eq + 1);
      if (settings.get(block) instanceof ObjectNode b) {
        if (status.isEmpty()) {
          b.remove("pause_status");
        } else {
          b.put("pause_status", status);
        }
      }
    }
    return out;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode body = body(ctx, attrs);
    String id = Rest.post(ctx.client(), BASE + "/create", body).get("job_id").asText();
    JobListing.writing(ctx, id);
    return id;
  }

  /** Only a crash-orphaned twin is adopted: job names are not unique (see {@link Twins}). */
  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) throws IOException {
    String name = Attrs.text(attrs, "name");
    if (name == null) {
      return Optional.empty();
    }
    List<String> ids = Twins.idsNamedOnce(ctx, BASE + "/list", Map.of("limit", "100"), "jobs",
        "job_id", "settings.name", name);
    return Twins.untrackedTwin(ctx, this, ids, attrs);
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    JobListing.writing(ctx, id);
    ObjectNode req = TfJson.object();
    req.put("job_id", Long.parseLong(id));
    req.set("new_settings", body(ctx, attrs));
    Rest.post(ctx.client(), BASE + "/reset", req);
  }

  private static ObjectNode body(ApplyContext ctx, ObjectNode attrs) {
    ObjectNode body = JobSettings.toApi(attrs);
    if (ctx.passive()) {
      pause(body);
    }
    return body;
  }

  /** Forces PAUSED on schedule/trigger/continuous, recording what was desired in {@link #PASSIVE_TAG}. */
  static void pause(ObjectNode body) {
    List<String> marker = new ArrayList<>();
    for (String block : PAUSABLE) {
      if (body.get(block) instanceof ObjectNode b) {
        String desired = b.path("pause_status").asText("");
        if (!"PAUSED".equals(desired)) {
          marker.add(block + "=" + desired);
          b.put("pause_status", "PAUSED");
        }
      }
    }
    if (!marker.isEmpty()) {
      body.withObjectProperty("tags").put(PASSIVE_TAG, String.join(" ", marker));
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) throws IOException {
    JobListing.writing(ctx, id);
    Rest.postTolerantOfGone(ctx.client(), BASE + "/delete", TfJson.object().put("job_id", Long.parseLong(id)));
  }
}
