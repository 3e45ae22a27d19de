package io.dbsync.emulator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.CloudRules;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JobSettings rules (api-reference §4.2, §4.3, §4.5): the server defaults it fills in, the
 * validation it applies, and the task/job-cluster merge of jobs/update.
 */
final class JobSettingsRules {
  private JobSettingsRules() {}

  static final int MAX_TASKS = 1000;
  private static final Pattern TASK_KEY = Pattern.compile("^[\\w\\-]{1,100}$");
  private static final List<String> GIT_PROVIDERS = List.of("gitHub", "gitHubEnterprise", "bitbucketCloud",
      "bitbucketServer", "azureDevOpsServices", "gitLab", "gitLabEnterpriseEdition", "awsCodeCommit");
  private static final List<String> RUN_IF = List.of("ALL_SUCCESS", "AT_LEAST_ONE_SUCCESS", "NONE_FAILED",
      "ALL_DONE", "AT_LEAST_ONE_FAILED", "ALL_FAILED");

  /** Validates settings for a workspace on {@code cloud} and returns them with the defaults the server adds. */
  static ObjectNode normalize(ObjectNode in, Cloud cloud) {
    ObjectNode s = Fields.withoutNulls(in);
    s.remove(List.of("access_control_list", "job_id"));
    String name = Json.text(s, "name");
    if (name == null) {
      s.put("name", "Untitled");
    } else if (name.getBytes(StandardCharsets.UTF_8).length > 4096) {
      throw ApiException.invalidParameter("Job name must be at most 4096 bytes");
    }
    putIfAbsent(s, "max_concurrent_runs", 1);
    putIfAbsent(s, "timeout_seconds", 0);
    if (!s.hasNonNull("email_notifications")) {
      s.putObject("email_notifications");
    }
    if (!s.hasNonNull("webhook_notifications")) {
      s.putObject("webhook_notifications");
    }
    s.put("format", "MULTI_TASK");
    validate(s, cloud);
    return s;
  }

  private static void putIfAbsent(ObjectNode s, String field, int value) {
    if (!s.hasNonNull(field)) {
      s.put(field, value);
    }
  }

  private static void validate(ObjectNode s, Cloud cloud) {
    int maxRuns = s.get("max_concurrent_runs").asInt();
    if (maxRuns < 0 || maxRuns > 1000) {
      throw ApiException.invalidParameter("max_concurrent_runs must be between 0 and 1000, got " + maxRuns);
    }
    int triggers = 0;
    for (String f : List.of("schedule", "continuous", "trigger")) {
      if (s.hasNonNull(f)) {
        triggers++;
      }
    }
    if (triggers > 1) {
      throw ApiException.invalidParameter("Only one of schedule, continuous and trigger can be specified");
    }
    JsonNode schedule = s.get("schedule");
    if (schedule != null && !schedule.isNull()) {
      requireIn(schedule, "quartz_cron_expression", "schedule");
      requireIn(schedule, "timezone_id", "schedule");
    }
    JsonNode git = s.get("git_source");
    if (git != null && !git.isNull()) {
      requireIn(git, "git_url", "git_source");
      String provider = requireIn(git, "git_provider", "git_source");
      if (GIT_PROVIDERS.stream().noneMatch(p -> p.equalsIgnoreCase(provider))) {
        throw ApiException.invalidParameter("Invalid git_provider " + provider + "; must be one of " + GIT_PROVIDERS);
      }
    }
    JsonNode tags = s.get("tags");
    if (tags != null && tags.size() > 25) {
      throw ApiException.invalidParameter("A job can have at most 25 tags");
    }
    Set<String> clusterKeys = new HashSet<>();
    for (JsonNode jc : array(s, "job_clusters")) {
      String key = requireIn(jc, "job_cluster_key", "job_clusters");
      if (!clusterKeys.add(key)) {
        throw ApiException.invalidParameter("Job cluster key '" + key + "' is used by more than one job cluster");
      }
      if (!jc.hasNonNull("new_cluster")) {
        throw ApiException.invalidParameter("Missing required field: job_clusters.new_cluster (job cluster '" + key + "')");
      }
      CloudRules.check(jc.get("new_cluster"), cloud);
    }
    for (JsonNode t : array(s, "tasks")) {
      if (t.hasNonNull("new_cluster")) {
        CloudRules.check(t.get("new_cluster"), cloud);
      }
    }
    validateTasks(array(s, "tasks"), clusterKeys);
  }

  private static void validateTasks(List<JsonNode> tasks, Set<String> clusterKeys) {
    if (tasks.size() > MAX_TASKS) {
      throw ApiException.invalidParameter("A job can have at most " + MAX_TASKS + " tasks, got " + tasks.size());
    }
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (JsonNode t : tasks) {
      String key = requireIn(t, "task_key", "tasks");
      if (!TASK_KEY.matcher(key).matches()) {
        throw ApiException.invalidParameter("Invalid task_key '" + key
            + "': it must be 1 to 100 characters of letters, digits, '_' and '-'");
      }
      if (deps.containsKey(key)) {
        throw ApiException.invalidParameter("Task key '" + key + "' is used by more than one task");
      }
      List<String> on = new ArrayList<>();
      for (JsonNode d : array(t, "depends_on")) {
        on.add(requireIn(d, "task_key", "depends_on"));
      }
      deps.put(key, on);
      String jcKey = Json.text(t, "job_cluster_key");
      if (jcKey != null && !clusterKeys.contains(jcKey)) {
        throw ApiException.invalidParameter("Task '" + key + "' refers to job cluster key '" + jcKey
            + "' that is not defined in job_clusters");
      }
      String runIf = Json.text(t, "run_if");
      if (runIf != null && !RUN_IF.contains(runIf)) {
        throw ApiException.invalidParameter("Invalid run_if " + runIf + " in task '" + key + "'");
      }
    }
    deps.forEach((key, on) -> {
      for (String d : on) {
        if (!deps.containsKey(d)) {
          throw ApiException.invalidParameter("Task '" + key + "' depends on task '" + d + "' that does not exist in the job");
        }
      }
    });
    checkAcyclic(deps);
  }

  /** Depth-first search over depends_on; a back edge is a cycle. */
  private static void checkAcyclic(Map<String, List<String>> deps) {
    Map<String, Integer> mark = new HashMap<>();
    for (String start : deps.keySet()) {
      if (mark.containsKey(start)) {
        continue;
      }
      List<String[]> stack = new ArrayList<>();
      stack.add(new String[] {start, "0"});
      mark.put(start, 1);
      while (!stack.isEmpty()) {
        String[] top = stack.get(stack.size() - 1);
        List<String> next = deps.get(top[0]);
        int i = Integer.parseInt(top[1]);
        if (i >= next.size()) {
          mark.put(top[0], 2);
          stack.remove(stack.size() - 1);
          continue;
        }
        top[1] = Integer.toString(i + 1);
        String n = next.get(i);
        Integer m = mark.get(n);
        if (m != null && m == 1) {
          throw ApiException.invalidParameter("The task dependency graph has a cycle through task '" + n + "'");
        }
        if (m == null) {
          mark.put(n, 1);
          stack.add(new String[] {n, "0"});
        }
      }
    }
  }

  private static String requireIn(JsonNode node, String field, String where) {
    String v = Json.text(node, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: " + where + "." + field);
    }
    return v;
  }

  static List<JsonNode> array(JsonNode node, String field) {
    JsonNode a = node.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (a != null && a.isArray()) {
      a.forEach(out::add);
    } else if (a != null && !a.isNull()) {
      throw ApiException.invalidParameter("Field " + field + " must be an array");
    }
    return out;
  }

  /**
   * jobs/update: top-level fields of {@code changes} replace the current ones, except tasks and
   * job_clusters which merge by key; then {@code fields_to_remove} ("name", "tasks/<key>",
   * "job_clusters/<key>") are removed.
   */
  static ObjectNode merge(ObjectNode current, JsonNode changes, JsonNode fieldsToRemove) {
    ObjectNode s = Json.copy(current);
    if (changes != null && changes.isObject()) {
      changes.properties().forEach(e -> {
        switch (e.getKey()) {
          case "tasks" -> mergeByKey(s, "tasks", "task_key", e.getValue());
          case "job_clusters" -> mergeByKey(s, "job_clusters", "job_cluster_key", e.getValue());
          default -> s.set(e.getKey(), e.getValue().deepCopy());
        }
      });
    }
    if (fieldsToRemove != null) {
      for (JsonNode f : fieldsToRemove) {
        String path = f.asText();
        int slash = path.indexOf('/');
        if (slash < 0) {
          s.remove(path);
          continue;
        }
        String array = path.substring(0, slash);
        String key = path.substring(slash + 1);
        String keyField = switch (array) {
          case "tasks" -> "task_key";
          case "job_clusters" -> "job_cluster_key";
          default -> throw ApiException.invalidParameter("Cannot remove nested field " + path
              + "; only top-level fields, tasks/<task_key> and job_clusters/<job_cluster_key> can be removed");
        };
        JsonNode arr = s.get(array);
        if (arr != null && arr.isArray()) {
          ArrayNode kept = Json.array();
          arr.forEach(item -> {
            if (!key.equals(Json.text(item, keyField))) {
              kept.add(item);
            }
          });
          s.set(array, kept);
        }
      }
    }
    return s;
  }

  private static void mergeByKey(ObjectNode s, String field, String keyField, JsonNode incoming) {
    ArrayNode merged = Json.array();
    Map<String, Integer> index = new HashMap<>();
    for (JsonNode item : array(s, field)) {
      index.put(Json.text(item, keyField), merged.size());
      merged.add(item);
    }
    if (incoming != null && incoming.isArray()) {
      for (JsonNode item : incoming) {
        String key = Json.text(item, keyField);
        Integer at = key == null ? null : index.get(key);
        if (at != null) {
          merged.set(at, item.deepCopy());
        } else {
          index.put(key, merged.size());
          merged.add(item.deepCopy());
        }
      }
    }
    s.set(field, merged);
  }
}
