package io.dbsync.emulator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.Router;

import java.util.List;

/**
 * Jobs API 2.0, 2.1 and 2.2 (api-reference §4): create, get, list, reset, update, delete. Runs are
 * not emulated. {@code access_control_list} on create is accepted and not stored here.
 *
 * <p>Seed format (key {@code "jobs"}): a JSON array of objects in the create shape (JobSettings at
 * the top level, multi-task or the legacy 2.0 single-task form), each optionally with {@code job_id}
 * (int64), {@code creator_user_name} and {@code created_time} (epoch ms). {@link #dump()} returns the
 * same shape (legacy jobs flat, with {@code format: SINGLE_TASK}), so it can be seeded back.
 */
public final class JobsFamily implements Family {
  private final JobStore store = new JobStore();
  private JobHandlers handlers;

  @Override
  public String name() {
    return "jobs";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    handlers = new JobHandlers(store, workspace);
    String base = "/api/2.0|2.1|2.2/jobs/";
    router.add("POST", base + "create", name(), handlers::create);
    router.add("GET", base + "get", name(), handlers::get);
    router.add("GET", base + "list", name(), handlers::list);
    router.add("POST", base + "reset", name(), handlers::reset);
    router.add("POST", base + "update", name(), handlers::update);
    router.add("POST", base + "delete", name(), handlers::delete);
    workspace.registerPermissionObject("jobs", id -> {
      try {
        return store.exists(Long.parseLong(id));
      } catch (NumberFormatException e) {
        return false;
      }
    });
  }

  /** Whether a job exists (for other families). */
  public boolean exists(long jobId) {
    return store.exists(jobId);
  }

  @Override
  public JsonNode dump() {
    ArrayNode arr = Json.array();
    for (ObjectNode job : store.all()) {
      long id = job.get("job_id").asLong();
      ObjectNode settings = (ObjectNode) job.get("settings");
      ObjectNode item = store.isLegacy(id) ? LegacyJobFormat.toFlat(settings) : Json.copy(settings);
      item.put("job_id", id);
      item.put("creator_user_name", job.get("creator_user_name").asText());
      item.put("created_time", job.get("created_time").asLong());
      arr.add(item);
    }
    return arr;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("jobs seed must be a JSON array");
    }
    for (JsonNode item : seed) {
      ObjectNode body = Json.copy((ObjectNode) item);
      long id = body.hasNonNull("job_id") ? body.get("job_id").asLong() : workspace.nextId();
      String creator = body.hasNonNull("creator_user_name") ? body.get("creator_user_name").asText() : workspace.adminUser();
      long created = body.hasNonNull("created_time") ? body.get("created_time").asLong() : workspace.now();
      body.remove(List.of("job_id", "creator_user_name", "created_time"));
      if ("SINGLE_TASK".equals(Json.text(body, "format"))) {
        body.remove("format");
      }
      handlers.newJob(body, true, id, creator, created);
    }
  }
}
