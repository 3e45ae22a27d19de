package io.dbsync.emulator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;

import java.util.List;
import java.util.Locale;

/**
 * Jobs 2.0/2.1/2.2 endpoints (api-reference §4). 2.2 pages the tasks and job_clusters arrays at 100
 * items in get (next_page_token / page_token) and in list with expand_tasks (has_more per job);
 * 2.0 accepts and shows legacy single-task jobs in the flat format.
 */
final class JobHandlers {
  static final int ARRAY_PAGE = 100;
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final JobStore store;
  private final Workspace ws;

  JobHandlers(JobStore store, Workspace ws) {
    this.store = store;
    this.ws = ws;
  }

  private static String version(Request req) {
    return req.path().substring("/api/".length(), "/api/".length() + 3);
  }

  Response create(Request req) {
    ObjectNode body = req.json();
    ObjectNode job = newJob(body, "2.0".equals(version(req)), ws.nextId(), ws.adminUser(), ws.now());
    return Response.ok(Json.object().put("job_id", job.get("job_id").asLong()));
  }

  /** Validates, stores and returns a new job; a flat body is converted when {@code allowFlat}. */
  ObjectNode newJob(ObjectNode body, boolean allowFlat, long id, String creator, long createdTime) {
    boolean flat = allowFlat && LegacyJobFormat.isFlat(body);
    ObjectNode settings = JobSettingsRules.normalize(flat ? LegacyJobFormat.toMultiTask(body) : body, ws.cloud());
    ObjectNode job = Json.object();
    job.put("job_id", id);
    job.put("creator_user_name", creator);
    job.put("run_as_user_name", runAs(settings, creator));
    job.put("created_time", createdTime);
    job.set("settings", settings);
    store.put(job, flat);
    return job;
  }

  private static String runAs(ObjectNode settings, String fallback) {
    JsonNode runAs = settings.get("run_as");
    if (runAs != null) {
      for (String f : List.of("user_name", "service_principal_name")) {
        String v = Json.text(runAs, f);
        if (v != null) {
          return v;
        }
      }
    }
    return fallback;
  }

  private long jobId(JsonNode body) {
    return Fields.requireLong(body, "job_id");
  }

  Response get(Request req) {
    long id = Fields.parseLong("job_id", req.requireQ("job_id"));
    ObjectNode job = store.require(id);
    String version = version(req);
    ObjectNode out = Json.copy(job);
    if ("2.0".equals(version) && store.isLegacy(id)) {
      out.set("settings", LegacyJobFormat.toFlat((ObjectNode) job.get("settings")));
      return Response.ok(out);
    }
    if ("2.2".equals(version)) {
      int offset = Fields.offsetOf(req.q("page_token"));
      ObjectNode settings = (ObjectNode) out.get("settings");
      boolean more = slice(settings, "tasks", offset) | slice(settings, "job_clusters", offset);
      if (more) {
        out.put("next_page_token", Fields.pageToken(offset + ARRAY_PAGE));
      }
    }
    return Response.ok(out);
  }

  /** Keeps items [offset, offset+100) of an array (absent when none); true when more follow. */
  private static boolean slice(ObjectNode settings, String field, int offset) {
    JsonNode arr = settings.get(field);
    if (arr == null || !arr.isArray()) {
      return false;
    }
    ArrayNode page = Json.array();
    for (int i = offset; i < Math.min(arr.size(), offset + ARRAY_PAGE); i++) {
      page.add(arr.get(i));
    }
    if (page.isEmpty()) {
      settings.remove(field);
    } else {
      settings.set(field, page);
    }
    return arr.size() > offset + ARRAY_PAGE;
  }

  Response list(Request req) {
    String version = version(req);
    Integer limitQ = Fields.intQuery(req, "limit");
    if (limitQ != null && (limitQ < 1 || limitQ > MAX_LIMIT)) {
      throw ApiException.invalidParameter("The limit must be between 1 and " + MAX_LIMIT + ", got " + limitQ);
    }
    int limit = limitQ == null ? DEFAULT_LIMIT : limitQ;
    Integer offsetQ = Fields.intQuery(req, "offset");
    if (offsetQ != null && offsetQ < 0) {
      throw ApiException.invalidParameter("The offset must be non-negative, got " + offsetQ);
    }
    String token = req.q("page_token");
    int offset = token != null && !token.isEmpty() ? Fields.offsetOf(token) : offsetQ == null ? 0 : offsetQ;
    boolean expand = Fields.boolQuery(req, "expand_tasks");
    String name = req.q("name");
    List<ObjectNode> matching = store.all().stream()
        .filter(j -> name == null || name.toLowerCase(Locale.ROOT)
            .equals(j.get("settings").path("name").asText().toLowerCase(Locale.ROOT)))
        .toList();
    int from = Math.min(offset, matching.size());
    int end = Math.min(matching.size(), from + limit);
    ObjectNode out = Json.object();
    if (end > from) {
      ArrayNode arr = out.putArray("jobs");
      for (ObjectNode job : matching.subList(from, end)) {
        arr.add(listEntry(job, version, expand));
      }
    }
    boolean hasMore = end < matching.size();
    out.put("has_more", hasMore);
    if (hasMore) {
      out.put("next_page_token", Fields.pageToken(end));
    }
    if (from > 0) {
      out.put("prev_page_token", Fields.pageToken(Math.max(0, from - limit)));
    }
    return Response.ok(out);
  }

  /** BaseJob: no run_as_user_name; tasks and job_clusters only with expand_tasks (2.2: 100 each). */
  private ObjectNode listEntry(ObjectNode job, String version, boolean expand) {
    long id = job.get("job_id").asLong();
    ObjectNode e = Json.object();
    e.put("job_id", id);
    e.put("creator_user_name", job.get("creator_user_name").asText());
    e.put("created_time", job.get("created_time").asLong());
    ObjectNode settings = Json.copy((ObjectNode) job.get("settings"));
    if ("2.0".equals(version) && store.isLegacy(id)) {
      e.set("settings", LegacyJobFormat.toFlat(settings));
      return e;
    }
    if (!expand) {
      settings.remove(List.of("tasks", "job_clusters"));
    } else if ("2.2".equals(version)) {
      boolean more = slice(settings, "tasks", 0) | slice(settings, "job_clusters", 0);
      e.put("has_more", more);
    }
    e.set("settings", settings);
    return e;
  }

  Response reset(Request req) {
    ObjectNode body = req.json();
    long id = jobId(body);
    ObjectNode job = store.require(id);
    ObjectNode newSettings = Fields.requireObject(body, "new_settings");
    boolean flat = "2.0".equals(version(req)) && LegacyJobFormat.isFlat(newSettings);
    replaceSettings(job, JobSettingsRules.normalize(flat ? LegacyJobFormat.toMultiTask(newSettings) : newSettings, ws.cloud()), flat);
    return Response.empty();
  }

  Response update(Request req) {
    ObjectNode body = req.json();
    long id = jobId(body);
    ObjectNode job = store.require(id);
    JsonNode changes = body.get("new_settings");
    JsonNode remove = body.get("fields_to_remove");
    if (remove != null && !remove.isNull() && !remove.isArray()) {
      throw ApiException.invalidParameter("fields_to_remove must be an array");
    }
    boolean legacy = "2.0".equals(version(req)) && store.isLegacy(id);
    ObjectNode current = (ObjectNode) job.get("settings");
    ObjectNode merged;
    if (legacy) {
      ObjectNode flat = JobSettingsRules.merge(LegacyJobFormat.toFlat(current), changes, remove);
      merged = LegacyJobFormat.toMultiTask(flat);
    } else {
      merged = JobSettingsRules.merge(current, changes, remove);
    }
    replaceSettings(job, JobSettingsRules.normalize(merged, ws.cloud()), legacy || store.isLegacy(id) && singleTask(merged));
    return Response.empty();
  }

  private static boolean singleTask(ObjectNode settings) {
    JsonNode tasks = settings.get("tasks");
    return tasks != null && tasks.size() == 1 && !settings.has("job_clusters");
  }

  private void replaceSettings(ObjectNode job, ObjectNode settings, boolean legacy) {
    job.set("settings", settings);
    job.put("run_as_user_name", runAs(settings, job.get("creator_user_name").asText()));
    store.put(job, legacy);
  }

  Response delete(Request req) {
    long id = jobId(req.json());
    store.require(id);
    store.remove(id);
    return Response.empty();
  }
}
