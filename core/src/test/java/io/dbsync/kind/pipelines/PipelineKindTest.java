package io.dbsync.kind.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
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

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static io.dbsync.kind.workspace.KindTestSupport.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineKindTest {
  static final String PROFILE = "arn:aws:iam::123456789012:instance-profile/dlt";
  private final PipelineKind kind = new PipelineKind();

  static String create(TestWorkspace ws, String json) throws Exception {
    return Rest.post(ws.client(), PipelineKind.BASE, TfJson.MAPPER.readTree(json)).path("pipeline_id").asText();
  }

  static final String SALES = """
      {"name": "sales pipeline", "target": "sales_dlt", "continuous": false, "development": true,
       "edition": "ADVANCED", "channel": "CURRENT", "configuration": {"source": "raw"},
       "clusters": [{"label": "default", "num_workers": 2, "instance_pool_id": "POOL", "policy_id": "POLICY",
                     "custom_tags": {"team": "data"}, "aws_attributes": {"instance_profile_arn": "%s"}},
                    {"label": "maintenance", "autoscale": {"min_workers": 1, "max_workers": 3, "mode": "ENHANCED"},
                     "num_workers": 1}],
       "libraries": [{"notebook": {"path": "/Shared/etl/ingest"}}, {"file": {"path": "/Shared/etl/transform.sql"}},
                     {"glob": {"include": "/Shared/etl/more/**"}}],
       "notifications": [{"email_recipients": ["z@example.com", "a@example.com"],
                          "alerts": ["on-update-failure", "on-flow-failure"]}]}""".formatted(PROFILE);

  @Test
  void pipelinesExportWithReferences(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      String id = create(src, SALES);
      create(src, "{\"name\": \"other\", \"catalog\": \"main\", \"schema\": \"x\"}");
      group(src.client(), "data-engineers");
      grant(src.client(), "pipelines", id, "group_name:data-engineers", "CAN_RUN");

      TestExportContext ctx = exportContext(src.client(), "pipeline", "{\"patterns\": [\"sales*\"]}", dir);
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of(id), listed.stream().map(SourceObject::id).toList());
      ctx.index.put(PipelineKind.TYPE + "/" + id, listed.get(0).name());
      ctx.index.put("databricks_notebook//Shared/etl/ingest", "shared_etl_ingest");
      ctx.index.put("databricks_workspace_file//Shared/etl/transform.sql", "shared_etl_transform_sql");
      ctx.index.put("databricks_instance_pool/POOL", "shared_pool");
      ctx.index.put("databricks_cluster_policy/POLICY", "small");
      ctx.index.put("databricks_instance_profile/" + PROFILE, "dlt");
      List<ExportedResource> exported = KindHarness.export(kind, ctx, listed.get(0));
      ObjectNode attrs = exported.get(0).attrs();
      assertEquals("${databricks_notebook.shared_etl_ingest.id}", attrs.at("/library/0/notebook/path").asText());
      assertEquals("${databricks_workspace_file.shared_etl_transform_sql.id}", attrs.at("/library/1/file/path").asText());
      assertEquals("${databricks_instance_pool.shared_pool.id}", attrs.at("/cluster/0/instance_pool_id").asText());
      assertEquals("${databricks_cluster_policy.small.id}", attrs.at("/cluster/0/policy_id").asText());
      assertEquals("${databricks_instance_profile.dlt.id}", attrs.at("/cluster/0/aws_attributes/instance_profile_arn").asText());
      assertFalse(attrs.at("/cluster/1").has("num_workers"), "autoscale wins over num_workers");
      assertFalse(attrs.has("storage") || attrs.has("id") || attrs.has("clusters"), attrs.toString());
      assertEquals("pipeline_" + listed.get(0).name(), exported.get(1).name());
      assertGolden("pipeline/sales_pipeline.tf.json", document(exported));
    }
  }

  @Test
  void pipelinesRoundTripAndAreAdoptedByName(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      String id = create(src, SALES);
      TestExportContext ctx = exportContext(src.client(), "pipeline", null, dir);
      ObjectNode exported = KindHarness.export(kind, ctx, new SourceObject(id, "sales_pipeline", null)).get(0).attrs();
      ObjectNode desired = resolve(exported, Map.of());

      KindHarness.Apply actx = KindHarness.applying(dst.client());
      assertEquals(Optional.empty(), kind.adopt(actx, desired));
      String newId = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, newId).orElseThrow());
      assertEquals(Optional.of(newId), kind.adopt(actx, desired));
      assertEquals(Optional.empty(), kind.adopt(KindHarness.applying(dst.client()).tracking((t, i) -> i.equals(newId)), desired));

      ObjectNode changed = desired.deepCopy();
      changed.put("name", "sales pipeline v2");
      changed.withObjectProperty("configuration").put("source", "bronze");
      changed.withArray("notification").removeAll();
      kind.update(actx, newId, changed, desired);
      assertEquals(TfJson.prune(changed), kind.refresh(actx, newId).orElseThrow());

      kind.delete(actx, newId, changed);
      assertNull(KindHarness.read(kind, dst.client(), newId));
      kind.delete(actx, newId, changed);
    }
  }

  @Test
  void passiveModeKeepsAContinuousPipelineStill() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree("""
          {"name": "stream", "catalog": "main", "schema": "events", "continuous": true,
           "library": [{"notebook": {"path": "/Shared/stream"}}]}""");
      KindHarness.Apply passive = KindHarness.applying(dst.client()).passive(true);
      String id = kind.create(passive, desired);
      JsonNode raw = KindHarness.read(kind, dst.client(), id);
      assertFalse(raw.path("spec").path("continuous").asBoolean(true), "not running in the standby workspace");
      assertEquals(desired, kind.refresh(passive, id).orElseThrow(), "a passive refresh sees the desired value");
      assertFalse(kind.toConfig(raw, passive.rendering()).path("tags").has(PipelineKind.PASSIVE_TAG), "the marker is never exported");

      KindHarness.Apply failover = KindHarness.applying(dst.client());
      ObjectNode current = kind.refresh(failover, id).orElseThrow();
      assertFalse(current.path("continuous").asBoolean(false), "a failover import sees the pipeline stopped");
      kind.update(failover, id, desired, current);
      assertTrue(KindHarness.read(kind, dst.client(), id).path("spec").path("continuous").asBoolean(false));
      assertEquals(desired, kind.refresh(failover, id).orElseThrow());
    }
  }
}
