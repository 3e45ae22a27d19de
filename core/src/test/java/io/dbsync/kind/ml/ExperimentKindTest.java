package io.dbsync.kind.ml;

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
import java.util.Optional;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentKindTest {
  private final ExperimentKind kind = new ExperimentKind();

  static String createExperiment(TestWorkspace ws, String json) throws Exception {
    return Rest.post(ws.client(), ExperimentKind.BASE + "create", TfJson.MAPPER.readTree(json)).path("experiment_id").asText();
  }

  @Test
  void experimentsExportWithoutWhatTheWorkspaceFillsIn(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      Rest.post(src.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", "/Shared/ml"));
      String id = createExperiment(src, """
          {"name": "/Shared/ml/churn", "tags": [{"key": "team", "value": "data"}, {"key": "stage", "value": "dev"}]}""");
      createExperiment(src, """
          {"name": "/Shared/ml/custom store", "artifact_location": "s3://bucket/experiments/custom"}""");
      String notebookExperiment = createExperiment(src, "{\"name\": \"/Shared/ml/notebook\"}");
      Rest.post(src.client(), ExperimentKind.BASE + "set-experiment-tag", TfJson.object()
          .put("experiment_id", notebookExperiment).put("key", "mlflow.experimentType").put("value", "NOTEBOOK"));
      group(src.client(), "data-engineers");
      grant(src.client(), "experiments", id, "group_name:data-engineers", "CAN_EDIT");

      TestExportContext ctx = exportContext(src.client(), "mlflow_experiment", null, dir);
      List<SourceObject> listed = kind.list(ctx);
      listed.forEach(o -> ctx.index.put(ExperimentKind.TYPE + "/" + o.id(), o.name()));
      assertEquals(List.of("/Shared/ml/churn", "/Shared/ml/custom store"),
          listed.stream().map(o -> o.details().path("name").asText()).sorted().toList(), "notebook experiments stay behind");
      SourceObject churn = listed.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
      List<ExportedResource> exported = KindHarness.export(kind, ctx, churn);
      ObjectNode attrs = exported.get(0).attrs();
      assertFalse(attrs.has("artifact_location"), "the default artifact location is the target's to pick");
      assertFalse(attrs.toString().contains("mlflow."), "MLflow's own tags are not exported");
      assertEquals("${databricks_mlflow_experiment." + churn.name() + ".id}", exported.get(1).attrs().path("experiment_id").asText());
      assertGolden("mlflow_experiment/shared_ml_churn.tf.json", document(exported));

      SourceObject custom = listed.stream().filter(o -> !o.id().equals(id)).findFirst().orElseThrow();
      assertEquals("s3://bucket/experiments/custom",
          KindHarness.export(kind, ctx, custom).get(0).attrs().path("artifact_location").asText());
    }
  }

  @Test
  void experimentsRoundTripAndAreAdoptedByPath() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      KindHarness.Apply actx = KindHarness.applying(dst.client());
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree("""
          {"name": "/Shared/new folder/churn", "artifact_location": "s3://bucket/churn",
           "tags": [{"key": "stage", "value": "dev"}, {"key": "team", "value": "data"}]}""");
      assertEquals(Optional.empty(), kind.adopt(actx, desired));
      String id = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, id).orElseThrow(), "the parent folder was made");
      assertEquals(Optional.of(id), kind.adopt(actx, desired));

      ObjectNode changed = (ObjectNode) TfJson.MAPPER.readTree("""
          {"name": "/Shared/new folder/churn v2", "artifact_location": "s3://bucket/churn",
           "tags": [{"key": "team", "value": "platform"}]}""");
      kind.update(actx, id, changed, desired);
      assertEquals(changed, kind.refresh(actx, id).orElseThrow(), "renamed, tag changed, removed tag blanked");
      JsonNode raw = KindHarness.read(kind, dst.client(), id);
      assertTrue(raw.path("tags").toString().contains("\"stage\""), "the API keeps the blanked tag: " + raw);

      kind.delete(actx, id, changed);
      assertNull(KindHarness.read(kind, dst.client(), id));
      kind.delete(actx, id, changed);
      assertEquals(Optional.empty(), kind.adopt(actx, changed));
      assertTrue(kind.forceNew().contains("artifact_location"));
    }
  }
}
