package io.dbsync.emulator.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.http.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stored jobs ({job_id, creator_user_name, run_as_user_name, created_time, settings} with multi-task
 * settings) in job id order, which is creation order since ids only grow. Jobs created in the 2.0
 * single-task format are remembered so that 2.0 reads show them flat again.
 */
final class JobStore {
  private final Map<Long, ObjectNode> jobs = new TreeMap<>();
  private final Set<Long> legacy = new HashSet<>();

  /** The job, or the exact legacy error text the SDK maps to ResourceDoesNotExist. */
  ObjectNode require(long id) {
    ObjectNode j = jobs.get(id);
    if (j == null) {
      throw ApiException.invalidParameter("Job " + id + " does not exist.");
    }
    return j;
  }

  boolean exists(long id) {
    return jobs.containsKey(id);
  }

  void put(ObjectNode job, boolean isLegacy) {
    long id = job.get("job_id").asLong();
    jobs.put(id, job);
    if (isLegacy) {
      legacy.add(id);
    } else {
      legacy.remove(id);
    }
  }

  boolean isLegacy(long id) {
    return legacy.contains(id);
  }

  void remove(long id) {
    jobs.remove(id);
    legacy.remove(id);
  }

  List<ObjectNode> all() {
    return new ArrayList<>(jobs.values());
  }
}
