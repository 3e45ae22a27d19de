package io.dbsync.assess;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Principals the configuration names by plain string (permissions, secret ACLs, grants, owners, run-as):
 * the import does not create those (exported users, groups and service principals are references), so
 * they must exist in the target. Checked against the target's SCIM users, groups and service principals.
 */
final class PrincipalCheck {
  private static final Map<String, String> FIELDS = Map.of(
      "user_name", "user", "owner_user_name", "user", "group_name", "group",
      "service_principal_name", "service principal", "principal", "principal", "owner", "principal");
  /** Identity resources define principals rather than need them. */
  private static final Set<String> DEFINING = Set.of("databricks_user", "databricks_group", "databricks_service_principal");
  /** Every workspace has these groups. */
  private static final Set<String> BUILT_IN = Set.of("users", "admins", "account users");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final int PAGE = 100;

  private PrincipalCheck() {}

  /** @param target the target workspace, or null: presence unknown */
  static List<Assessment.PrincipalNeed> check(DesiredConfig desired, WorkspaceClient target, List<String> notes) {
    Map<String, String> kinds = new TreeMap<>();
    Map<String, Set<String>> usedBy = new TreeMap<>();
    for (DesiredResource r : desired.resources()) {
      if (DEFINING.contains(r.type())) {
        continue;
      }
      AttrStrings.walk(r.attrs(), (field, value) -> {
        String kind = field == null ? null : FIELDS.get(field);
        if (kind == null || value.isBlank() || AttrStrings.isExpression(value) || BUILT_IN.contains(value)) {
          return;
        }
        kinds.merge(value, kind.equals("principal") ? guess(value) : kind, (a, b) -> a);
        usedBy.computeIfAbsent(value, v -> new TreeSet<>()).add(r.address());
      });
    }
    Set<String> present = null;
    if (target != null) {
      try {
        present = listed(target);
      } catch (IOException | RuntimeException e) {
        notes.add("principals: the target's users, groups and service principals could not be listed: " + e.getMessage());
      }
    }
    List<Assessment.PrincipalNeed> out = new ArrayList<>();
    for (Map.Entry<String, String> e : kinds.entrySet()) {
      Assessment.Presence presence = present == null ? Assessment.Presence.UNKNOWN
          : present.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)) ? Assessment.Presence.PRESENT
          : Assessment.Presence.MISSING;
      out.add(new Assessment.PrincipalNeed(e.getKey(), e.getValue(), presence, List.copyOf(usedBy.get(e.getKey()))));
    }
    return out;
  }

  private static String guess(String name) {
    return name.contains("@") ? "user" : UUID.matcher(name).matches() ? "service principal" : "group";
  }

  /** User names, group names and service principal application ids (and names) of the workspace, lower-cased. */
  private static Set<String> listed(WorkspaceClient client) throws IOException {
    Set<String> out = new HashSet<>();
    page(client, "Users", "userName", out);
    page(client, "Groups", "displayName", out);
    page(client, "ServicePrincipals", "applicationId,displayName", out);
    return out;
  }

  private static void page(WorkspaceClient client, String resource, String attributes, Set<String> out) throws IOException {
    for (int start = 1; ; start += PAGE) {
      JsonNode page = Rest.get(client, "/api/2.0/preview/scim/v2/" + resource, "attributes", attributes,
          "startIndex", Integer.toString(start), "count", Integer.toString(PAGE));
      JsonNode items = page.path("Resources");
      for (JsonNode item : items) {
        for (String attr : attributes.split(",")) {
          if (item.hasNonNull(attr)) {
            out.add(item.get(attr).asText().toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
      if (items.size() < PAGE || start + items.size() > page.path("totalResults").asInt(Integer.MAX_VALUE)) {
        return;
      }
    }
  }
}
