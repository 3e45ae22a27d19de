package io.dbsync.kind.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.tf.Names;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SCIM roles of a user or group as instance-profile assignment resources. Roles that are not
 * instance-profile ARNs cannot be expressed by these resources and are reported, not exported.
 */
final class InstanceProfileRoles {
  static final String INSTANCE_PROFILE_TYPE = "databricks_instance_profile";

  private InstanceProfileRoles() {}

  /**
   * One resource per role, named "<owner resource name>_<instance profile name>", with
   * instance_profile_id referring to the exported databricks_instance_profile (by ARN).
   */
  static List<ExportedResource> export(ExportContext ctx, JsonNode owner, String ownerLabel,
      ScimPairKind kind, String ownerRef, String ownerName) {
    List<String> arns = new ArrayList<>(Scim.values(owner, "roles"));
    arns.sort(null);
    List<ExportedResource> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String arn : arns) {
      int slash = arn.indexOf(":instance-profile/");
      if (!arn.startsWith("arn:") || slash < 0) {
        ctx.warn(ownerLabel + ": role " + arn + " is not an instance profile ARN; not exported");
        continue;
      }
      String name = ownerName + "_" + Names.safe(arn.substring(arn.lastIndexOf('/') + 1));
      if (!names.add(name)) {
        // Same profile name in another account: the full ARN keeps the names apart.
        name = ownerName + "_" + Names.safe(arn);
        names.add(name);
      }
      String profileRef = ctx.rendering().ref(INSTANCE_PROFILE_TYPE, arn, "id");
      out.add(new ExportedResource(kind.info().type(), name, kind.attrs(ownerRef, profileRef)));
    }
    return out;
  }
}
