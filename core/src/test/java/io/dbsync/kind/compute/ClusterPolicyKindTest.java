package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterPolicyKindTest {
  private final ClusterPolicyKind kind = new ClusterPolicyKind();

  static String createPolicy(TestWorkspace ws, ObjectNode body) throws Exception {
    return Rest.post(ws.client(), ClusterPolicyKind.BASE + "/create", body).get("policy_id").asText();
  }

  static ObjectNode customPolicyBody() throws Exception {
    return (ObjectNode) TfJson.MAPPER.readTree("""
        {"name": "Team ETL",
         "description": "etl clusters",
         "max_clusters_per_user": 3,
         "definition": "{\\n  \\"spark_version\\": { \\"type\\": \\"fixed\\", \\"value\\": \\"15.4.x-scala2.12\\" },\\n  \\"autotermination_minutes\\": {\\"type\\": \\"range\\", \\"maxValue\\": 120}\\n}",
         "libraries": [{"pypi": {"package": "requests==2.32.0"}}, {"jar": "/Volumes/main/libs/a.jar"}]}
        """);
  }

  private static String policyIdByName(TestWorkspace ws, String name) throws Exception {
    for (JsonNode p : ClusterPolicyKind.listAll(ws.client())) {
      if (name.equals(p.get("name").asText())) {
        return p.get("policy_id").asText();
      }
    }
    throw new AssertionError("no policy " + name);
  }

  @Test
  void customPolicyExportsCanonicallyAndRoundTrips(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      String id = createPolicy(src, customPolicyBody());
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("cluster_policy"), dir);
      SourceObject obj = kind.list(ectx).stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
      assertEquals("team_etl_" + io.dbsync.tf.Names.hash8("Team ETL"), obj.name());
      List<ExportedResource> exported = KindHarness.export(kind, ectx, obj);
      ObjectNode attrs = exported.get(0).attrs();
      assertEquals("{\"autotermination_minutes\":{\"maxValue\":120,\"type\":\"range\"},"
          + "\"spark_version\":{\"type\":\"fixed\",\"value\":\"15.4.x-scala2.12\"}}", attrs.get("definition").asText());
      Golden.assertMatches("cluster_policy", "team_etl.tf.json", ownOnly(exported));

      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      ObjectNode desired = new Resolver(ectx, actx).resolve(attrs);
      assertTrue(kind.adopt(actx, desired).isEmpty());
      String newId = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, newId).orElseThrow());
      assertEquals(Optional.of(newId), kind.adopt(actx, desired), "an interrupted run's policy is adopted by name");

      ObjectNode changed = desired.deepCopy();
      changed.put("description", "changed");
      changed.put("definition", "{\"spark_version\":{\"type\":\"fixed\",\"value\":\"16.4.x-scala2.12\"}}");
      changed.remove("libraries");
      kind.update(actx, newId, changed, desired);
      assertEquals(changed, kind.refresh(actx, newId).orElseThrow());

      kind.delete(actx, newId, changed);
      assertNull(KindHarness.read(kind, dst.client(), newId));
      kind.delete(actx, newId, changed);
    }
  }

  @Test
  void whitespaceInTheDefinitionMakesNoDiff() throws Exception {
    ObjectNode a = TfJson.object().put("name", "p").put("definition", "{\"a\": {\"type\":\"fixed\",\"value\":1}}");
    ObjectNode b = TfJson.object().put("name", "p").put("definition", "{\n  \"a\" : {\"value\": 1, \"type\": \"fixed\"}\n}");
    assertEquals(kind.toConfig(a, io.dbsync.kind.RefreshRendering.INSTANCE),
        kind.toConfig(b, io.dbsync.kind.RefreshRendering.INSTANCE));
  }

  @Test
  void builtInFamilyPolicyIsExportedAsOverrideAndAdoptedByName(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      String personal = policyIdByName(src, "Personal Compute");
      JsonNode before = KindHarness.read(kind, src.client(), personal);
      ObjectNode edit = TfJson.object();
      edit.put("policy_id", personal);
      edit.put("name", "Personal Compute");
      edit.put("policy_family_id", before.get("policy_family_id").asText());
      edit.put("policy_family_definition_overrides", "{\"autotermination_minutes\": {\"type\": \"fixed\", \"value\": 30}}");
      Rest.post(src.client(), ClusterPolicyKind.BASE + "/edit", edit);

      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("cluster_policy"), dir);
      SourceObject obj = kind.list(ectx).stream().filter(o -> o.id().equals(personal)).findFirst().orElseThrow();
      List<ExportedResource> exported = KindHarness.export(kind, ectx, obj);
      ObjectNode attrs = exported.get(0).attrs();
      assertFalse(attrs.has("definition"), "family policies carry overrides, not the effective definition");
      assertEquals(before.get("policy_family_id").asText(), attrs.get("policy_family_id").asText());
      Golden.assertMatches("cluster_policy", "personal_compute.tf.json", ownOnly(exported));

      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      ObjectNode desired = new Resolver(ectx, actx).resolve(attrs);
      String targetBuiltIn = policyIdByName(dst, "Personal Compute");
      assertEquals(Optional.of(targetBuiltIn), kind.adopt(actx, desired));
      assertFalse(desired.equals(kind.refresh(actx, targetBuiltIn).orElseThrow()), "the target has no override yet");
      kind.update(actx, targetBuiltIn, desired, kind.refresh(actx, targetBuiltIn).orElseThrow());
      assertEquals(desired, kind.refresh(actx, targetBuiltIn).orElseThrow());
      long personalCount = ClusterPolicyKind.listAll(dst.client()).stream()
          .filter(p -> p.get("name").asText().equals("Personal Compute")).count();
      assertEquals(1, personalCount, "adopted, not duplicated");
    }
  }

  @Test
  void patternsAndBySelectPolicies(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      createPolicy(src, customPolicyBody());
      createPolicy(src, TfJson.object().put("name", "Team BI").put("description", "bi"));
      createPolicy(src, TfJson.object().put("name", "Other").put("description", "etl too"));
      KindSettings byPattern = new KindSettings("cluster_policy", TfJson.MAPPER.valueToTree(Map.of("patterns", List.of("Team *"))));
      List<String> names = kind.list(new TestExportContext(src.client(), byPattern, dir)).stream()
          .map(SourceObject::name).sorted().toList();
      assertEquals(2, names.size(), names.toString());
      KindSettings byDescription = new KindSettings("cluster_policy",
          TfJson.MAPPER.valueToTree(Map.of("by", Map.of("description", "etl.*"))));
      List<SourceObject> etl = kind.list(new TestExportContext(src.client(), byDescription, dir));
      assertEquals(2, etl.size());
    }
  }

  static List<ExportedResource> ownOnly(List<ExportedResource> exported) {
    return exported.stream().filter(r -> !r.type().equals("databricks_permissions")).toList();
  }
}
