package io.dbsync.tf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrincipalDependenciesTest {
  @TempDir
  Path exports;

  @Test
  void aclsDependOnThePrincipalsTheImportDeclares() throws Exception {
    Files.createDirectories(exports.resolve("group"));
    Files.createDirectories(exports.resolve("cluster"));
    Files.createDirectories(exports.resolve("secret_scope"));
    Files.writeString(exports.resolve("group/eng.tf.json"), """
        {"resource": {"databricks_group": {"eng": {"display_name": "Data-Engineers"}},
                      "databricks_user": {"ann": {"user_name": "ann@example.com"}}}}""");
    Files.writeString(exports.resolve("cluster/c.tf.json"), """
        {"resource": {"databricks_permissions": {"cluster_c": {"cluster_id": "1",
          "access_control": [{"group_name": "data-engineers", "permission_level": "CAN_RESTART"},
                             {"user_name": "ann@example.com", "permission_level": "CAN_MANAGE"},
                             {"group_name": "not-exported", "permission_level": "CAN_MANAGE"}]}}}}""");
    Files.writeString(exports.resolve("secret_scope/s.tf.json"), """
        {"resource": {"databricks_secret_acl": {"s_eng": {"scope": "s", "principal": "Data-Engineers", "permission": "READ"}}}}""");
    Map<String, DesiredResource> byAddress = ConfigReader.read(exports, false).resources().stream()
        .collect(Collectors.toMap(DesiredResource::address, r -> r));
    assertEquals(java.util.List.of("databricks_group.eng", "databricks_user.ann"),
        byAddress.get("databricks_permissions.cluster_c").references().stream().sorted().toList(),
        "names match case-insensitively; principals the export does not declare add nothing");
    assertEquals(java.util.List.of("databricks_group.eng"), byAddress.get("databricks_secret_acl.s_eng").references());
    assertTrue(byAddress.get("databricks_group.eng").references().isEmpty());
  }
}
