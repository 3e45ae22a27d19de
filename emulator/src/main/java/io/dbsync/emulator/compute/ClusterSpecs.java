package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.ApiException;

import java.util.List;

/** Validation of a ClusterSpec (api-reference §2.2), shared by clusters create/edit/update. */
final class ClusterSpecs {
  private ClusterSpecs() {}

  static final List<String> DATA_SECURITY_MODES = List.of("NONE", "SINGLE_USER", "USER_ISOLATION",
      "LEGACY_TABLE_ACL", "LEGACY_PASSTHROUGH", "LEGACY_SINGLE_USER", "LEGACY_SINGLE_USER_STANDARD",
      "DATA_SECURITY_MODE_AUTO", "DATA_SECURITY_MODE_STANDARD", "DATA_SECURITY_MODE_DEDICATED");
  static final List<String> RUNTIME_ENGINES = List.of("STANDARD", "PHOTON", "NULL");

  static void validate(ObjectNode spec, Workspace ws) {
    Fields.requireText(spec, "spark_version");
    CloudRules.check(spec, ws.cloud());
    JsonNode auto = spec.get("autotermination_minutes");
    if (auto != null && !auto.isNull()) {
      int m = auto.asInt();
      if (m != 0 && (m < 10 || m > 10000)) {
        throw ApiException.invalidParameter(
            "Autotermination minutes must be 0 (disabled) or between 10 and 10000 minutes, got " + m);
      }
    }
    JsonNode workers = spec.get("num_workers");
    if (workers != null && workers.asInt() < 0) {
      throw ApiException.invalidParameter("num_workers must be non-negative, got " + workers.asInt());
    }
    JsonNode autoscale = spec.get("autoscale");
    if (autoscale != null && !autoscale.isNull()) {
      int min = autoscale.path("min_workers").asInt(0);
      int max = autoscale.path("max_workers").asInt(0);
      if (!autoscale.has("max_workers") || min < 0 || max < 1 || min > max) {
        throw ApiException.invalidParameter("Invalid autoscale configuration: min_workers " + min
            + " and max_workers " + max + " must satisfy 0 <= min_workers <= max_workers and max_workers >= 1");
      }
    }
    checkEnum(spec, "data_security_mode", DATA_SECURITY_MODES);
    checkEnum(spec, "runtime_engine", RUNTIME_ENGINES);
    JsonNode keys = spec.get("ssh_public_keys");
    if (keys != null && keys.size() > 10) {
      throw ApiException.invalidParameter("At most 10 ssh_public_keys are allowed");
    }
    JsonNode scripts = spec.get("init_scripts");
    if (scripts != null && scripts.size() > 10) {
      throw ApiException.invalidParameter("At most 10 init_scripts are allowed");
    }
    String policy = Json.text(spec, "policy_id");
    PoliciesFamily policies = optional(ws, PoliciesFamily.class);
    if (policy != null && policies != null && !policies.exists(policy)) {
      throw ApiException.invalidParameter("Cluster policy " + policy + " does not exist");
    }
    InstancePoolsFamily pools = optional(ws, InstancePoolsFamily.class);
    for (String field : List.of("instance_pool_id", "driver_instance_pool_id")) {
      String pool = Json.text(spec, field);
      if (pool != null && pools != null && !pools.isActive(pool)) {
        throw ApiException.invalidParameter("Instance pool " + pool + " does not exist");
      }
    }
  }

  /** Fills in and checks the values the cluster's policy dictates (before {@link #validate}). */
  static void applyPolicy(ObjectNode spec, Workspace ws) {
    String policy = Json.text(spec, "policy_id");
    PoliciesFamily policies = optional(ws, PoliciesFamily.class);
    if (policy == null || policies == null || !policies.exists(policy)) {
      return;
    }
    PolicyEnforcer.apply(spec, policies.definition(policy), "all-purpose");
  }

  static void checkEnum(JsonNode body, String field, List<String> allowed) {
    String v = Json.text(body, field);
    if (v != null && !allowed.contains(v)) {
      throw ApiException.invalidParameter("Invalid " + field + ": " + v + " (expected one of " + allowed + ")");
    }
  }

  /** Another family of this workspace, or null when this emulator build does not register it. */
  static <F extends Family> F optional(Workspace ws, Class<F> type) {
    for (Family f : ws.families()) {
      if (type.isInstance(f)) {
        return type.cast(f);
      }
    }
    return null;
  }
}
