package io.dbsync.kind.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlflowModelKindTest {
  private final MlflowModelKind kind = new MlflowModelKind();

  static String numericId(TestWorkspace ws, String name) throws Exception {
    return Rest.get(ws.client(), "/api/2.0/mlflow/databricks/registered-models/get", "name", name)
        .path("registered_model_databricks").path("id").asText();
  }

  @Test
  void modelsExportWithPermissionsByTheirNumericId(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      Rest.post(src.client(), MlflowModelKind.BASE + "create", TfJson.MAPPER.readTree("""
          {"name": "churn-model", "description": "Predicts churn",
           "tags": [{"key": "team", "value": "data"}, {"key": "domain", "value": "crm"}]}"""));
      Rest.post(src.client(), MlflowModelKind.BASE + "create", TfJson.MAPPER.readTree("{\"name\": \"other\"}"));
      group(src.client(), "data-engineers");
      grant(src.client(), "registered-models", numericId(src, "churn-model"), "group_name:data-engineers", "CAN_READ");

      TestExportContext ctx = exportContext(src.client(), "mlflow_model", "{\"patterns\": [\"churn*\"]}", dir);
      List<SourceObject> listed = kind.list(ctx);
      listed.forEach(o -> ctx.index.put(MlflowModelKind.TYPE + "/" + o.id(), o.name()));
      assertEquals(List.of("churn-model"), listed.stream().map(SourceObject::id).toList());
      List<ExportedResource> exported = KindHarness.export(kind, ctx, listed.get(0));
      assertEquals("${databricks_mlflow_model." + Names.safe("churn-model") + ".registered_model_id}",
          exported.get(1).attrs().path("registered_model_id").asText());
      assertGolden("mlflow_model/churn_model.tf.json", document(exported));
    }
  }

  @Test
  void modelsRoundTripAndAreAdoptedByName() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      KindHarness.Apply actx = KindHarness.applying(dst.client());
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree("""
          {"name": "churn-model", "description": "Predicts churn",
           "tags": [{"key": "domain", "value": "crm"}, {"key": "team", "value": "data"}]}""");
      assertEquals(Optional.empty(), kind.adopt(actx, desired));
      String id = kind.create(actx, desired);
      assertEquals("churn-model", id, "the Terraform id is the name");
      assertEquals(desired, kind.refresh(actx, id).orElseThrow());
      assertEquals(Optional.of(id), kind.adopt(actx, desired));
      assertEquals(numericId(dst, "churn-model"), kind.computedAttribute(actx, id, "registered_model_id").asText());
      assertNull(kind.computedAttribute(actx, id, "url"));

      ObjectNode changed = (ObjectNode) TfJson.MAPPER.readTree("""
          {"name": "churn-model", "tags": [{"key": "team", "value": "platform"}, {"key": "tier", "value": "gold"}]}""");
      kind.update(actx, id, changed, desired);
      assertEquals(changed, kind.refresh(actx, id).orElseThrow(), "description cleared, tags set and deleted");

      kind.delete(actx, id, changed);
      assertNull(KindHarness.read(kind, dst.client(), id));
      kind.delete(actx, id, changed);
      assertNull(kind.computedAttribute(actx, id, "registered_model_id"));
      assertTrue(kind.forceNew().contains("name"));
    }
  }
}
