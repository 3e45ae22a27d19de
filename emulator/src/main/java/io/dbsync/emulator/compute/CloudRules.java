package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.http.ApiException;

import java.util.List;

/**
 * What a cluster spec, a job cluster or an instance pool may name on the workspace's cloud: only
 * that cloud's attribute block and node types; instance profiles exist on AWS only.
 *
 * <p>The error texts are unverified (no captured response): they follow the wording of a real GCP
 * error quoted in the Terraform provider's acceptance tests ("Instance profiles are not supported
 * on GCP") with 400 INVALID_PARAMETER_VALUE. Node type ids in no known shape are accepted (the
 * catalog is a subset of the real one).
 */
public final class CloudRules {
  private CloudRules() {}

  private static final List<String> NODE_TYPE_FIELDS = List.of("node_type_id", "driver_node_type_id");

  /** Checks a ClusterSpec (clusters create/edit/update, jobs new_cluster) or an instance pool. */
  public static void check(JsonNode spec, Cloud cloud) {
    for (Cloud other : Cloud.values()) {
      JsonNode block = spec.get(other.attributesField);
      if (other != cloud && block != null && !block.isNull()) {
        throw ApiException.invalidParameter(other.attributesField + " is not supported on " + cloud.displayName
            + "; use " + cloud.attributesField);
      }
    }
    for (String field : NODE_TYPE_FIELDS) {
      JsonNode id = spec.get(field);
      if (id != null && id.isTextual()) {
        Cloud of = NodeTypeCatalog.cloudOf(id.asText());
        if (of != null && of != cloud) {
          throw ApiException.invalidParameter("Node type " + id.asText() + " is not supported on " + cloud.displayName);
        }
      }
    }
  }

  /** The instance-profiles endpoints answer this on Azure and GCP workspaces. */
  static void requireInstanceProfiles(Cloud cloud) {
    if (cloud != Cloud.AWS) {
      throw ApiException.invalidParameter("Instance profiles are not supported on " + cloud.displayName);
    }
  }
}
