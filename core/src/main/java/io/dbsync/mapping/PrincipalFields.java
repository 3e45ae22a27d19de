package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Group renames where a field names a principal: ACL {@code group_name}, the {@code principal} of grants,
 * secret ACLs and table ACLs, {@code owner}, {@code single_user_name} (a group of a dedicated cluster),
 * and the {@code display_name} of a databricks_group.
 */
final class PrincipalFields {
  /** Fields that may name a group. */
  static final Set<String> GROUP_FIELDS = Set.of("group_name", "principal", "owner", "single_user_name");

  private PrincipalFields() {}

  static void renameGroups(TranslationRun run, String type, ObjectNode attrs) {
    if (run.mapping.principals().groups().isEmpty()) {
      return;
    }
    if (type.equals("databricks_group")) {
      rename(run, attrs, "display_name");
    }
    TranslationRun.forEachObject(attrs, o -> GROUP_FIELDS.forEach(f -> rename(run, o, f)));
  }

  private static void rename(TranslationRun run, ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (!Ref.isLiteral(v)) {
      return;
    }
    String renamed = run.mapping.principals().groups().get(v.asText());
    if (renamed != null) {
      run.summary.count("group " + v.asText() + " -> " + renamed);
      o.put(field, renamed);
    }
  }
}
