package io.dbsync.kind;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.config.ExportConfig;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.compute.ClusterKind;
import io.dbsync.kind.compute.ClusterPolicyKind;
import io.dbsync.kind.compute.JobKind;
import io.dbsync.kind.identity.GroupKind;
import io.dbsync.kind.workspace.SecretScopeKind;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same selection YAML selects the same objects whatever the kind: every kind below has an object
 * named "etl-daily" and one named "nightly-etl-job", and the patterns, or a {@code by} filter on the
 * kind's name field, must pick "etl-daily" alone (a glob and a regular expression match whole names).
 */
class SelectionAcrossKindsTest {
  private static final List<String> NAMES = List.of("etl-daily", "nightly-etl-job");
  private static TestWorkspace ws;

  @BeforeAll
  static void seed() throws IOException {
    ws = TestWorkspace.start();
    WorkspaceClient c = ws.client();
    for (String name : NAMES) {
      Rest.post(c, "/api/2.1/clusters/create", TfJson.object().put("cluster_name", name)
          .put("spark_version", "15.4.x-scala2.12").put("node_type_id", "i3.xlarge").put("num_workers", 1));
      Rest.post(c, "/api/2.0/policies/clusters/create", TfJson.object().put("name", name).put("definition", "{}"));
      Rest.post(c, "/api/2.2/jobs/create", TfJson.object().put("name", name));
      Rest.post(c, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", name));
      Rest.post(c, "/api/2.0/preview/scim/v2/Groups", TfJson.object().put("displayName", name)
          .set("schemas", TfJson.array().add("urn:ietf:params:scim:schemas:core:2.0:Group")));
    }
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  /** Each kind with its config key and the field of its API object that holds the name. */
  private static final Map<Kind, String> NAME_FIELD = Map.of(
      new ClusterKind(), "cluster_name",
      new ClusterPolicyKind(), "name",
      new JobKind(), "settings.name",
      new SecretScopeKind(), "name",
      new GroupKind(), "displayName");

  private static List<String> selected(Kind kind, String block, Path tmp) throws IOException {
    String key = kind.info().configKey();
    KindSettings settings = ExportConfig.parse("objects:\n  " + key + ":\n" + block.indent(4), List.of())
        .settingsOrEmpty(key);
    return kind.list(KindHarness.exporting(ws.client(), settings, tmp)).stream()
        .map(o -> o.details() == null ? o.name() : nameOf(o.details(), NAME_FIELD.get(kind)))
        .filter(NAMES::contains).sorted().toList();
  }

  private static String nameOf(JsonNode raw, String dottedField) {
    JsonNode at = raw;
    for (String part : dottedField.split("\\.")) {
      at = at.path(part);
    }
    return at.asText();
  }

  @Test
  void patternsSelectTheSameObjectsOfEveryKind(@TempDir Path tmp) throws IOException {
    for (Kind kind : NAME_FIELD.keySet()) {
      assertEquals(List.of("etl-daily"), selected(kind, "patterns: ['etl*']", tmp), kind.info().type());
      assertEquals(NAMES, selected(kind, "patterns: ['etl*', '*job']", tmp), kind.info().type() + ": a union");
    }
  }

  @Test
  void byFiltersMatchWholeValuesForEveryKind(@TempDir Path tmp) throws IOException {
    for (Map.Entry<Kind, String> e : NAME_FIELD.entrySet()) {
      String type = e.getKey().info().type();
      assertEquals(List.of("etl-daily"), selected(e.getKey(), "by: {" + e.getValue() + ": 'etl.*'}", tmp), type);
      assertEquals(List.of(), selected(e.getKey(), "by: {" + e.getValue() + ": 'etl'}", tmp), type + ": no search");
      assertEquals(NAMES, selected(e.getKey(), "by: {" + e.getValue() + ": '.*etl.*', no_such_field: 'x'}", tmp),
          type + ": any filter selects");
    }
  }
}
