package io.dbsync.kind.ml;

import com.fasterxml.jackson.databind.JsonNode;
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

class ModelServingKindTest {
  static final String PROFILE = "arn:aws:iam::123456789012:instance-profile/serving";
  static final String API_KEY = "sk-very-secret-openai-key";
  private final ModelServingKind kind = new ModelServingKind();

  static JsonNode create(TestWorkspace ws, String json) throws Exception {
    return Rest.post(ws.client(), ModelServingKind.BASE, TfJson.MAPPER.readTree(json));
  }

  static final String CHURN = """
      {"name": "churn-endpoint",
       "config": {"served_entities": [
           {"name": "current", "entity_name": "churn-model", "entity_version": "2", "workload_size": "Small",
            "scale_to_zero_enabled": true, "instance_profile_arn": "%s"},
           {"name": "uc", "entity_name": "main.ml.churn", "entity_version": "1", "workload_size": "Small",
            "scale_to_zero_enabled": false}],
         "traffic_config": {"routes": [{"served_entity_name": "uc", "traffic_percentage": 20},
                                       {"served_entity_name": "current", "traffic_percentage": 80}]}},
       "tags": [{"key": "team", "value": "data"}],
       "ai_gateway": {"usage_tracking_config": {"enabled": true},
                      "rate_limits": [{"calls": 100, "key": "user", "renewal_period": "minute"}]}}""".formatted(PROFILE);

  static final String EXTERNAL = """
      {"name": "gpt", "config": {"served_entities": [{"name": "gpt-4o", "external_model": {
         "name": "gpt-4o", "provider": "openai", "task": "llm/v1/chat",
         "openai_config": {"openai_api_key_plaintext": "%s"}}}]}}""".formatted(API_KEY);

  @Test
  void endpointsExportWithReferencesAndWithoutSecrets(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      String endpointId = create(src, CHURN).path("id").asText();
      create(src, EXTERNAL);
      create(src, """
          {"name": "databricks-meta-llama", "config": {"served_entities": [{"name": "llama",
             "entity_name": "system.ai.llama", "foundation_model": {"name": "llama"}}]}}""");
      group(src.client(), "data-engineers");
      grant(src.client(), "serving-endpoints", endpointId, "group_name:data-engineers", "CAN_QUERY");

      TestExportContext ctx = exportContext(src.client(), "model_serving", null, dir);
      ctx.index.put(ModelServingKind.TYPE + "/churn-endpoint", Names.safe("churn-endpoint"));
      ctx.index.put(MlflowModelKind.TYPE + "/churn-model", Names.safe("churn-model"));
      ctx.index.put("databricks_instance_profile/" + PROFILE, "serving");
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of("churn-endpoint", "gpt"), listed.stream().map(SourceObject::id).sorted().toList(),
          "foundation model endpoints are the workspace's own");

      List<ExportedResource> churn = KindHarness.export(kind, ctx, byId(listed, "churn-endpoint"));
      ObjectNode attrs = churn.get(0).attrs();
      assertEquals("${databricks_mlflow_model." + Names.safe("churn-model") + ".name}", attrs.at("/config/served_entities/0/entity_name").asText());
      assertEquals("main.ml.churn", attrs.at("/config/served_entities/1/entity_name").asText(), "UC models stay names");
      assertEquals("${databricks_instance_profile.serving.id}", attrs.at("/config/served_entities/0/instance_profile_arn").asText());
      assertEquals("${databricks_model_serving." + Names.safe("churn-endpoint") + ".serving_endpoint_id}",
          churn.get(1).attrs().path("serving_endpoint_id").asText());
      assertGolden("model_serving/churn_endpoint.tf.json", document(churn));

      List<ExportedResource> gpt = KindHarness.export(kind, ctx, byId(listed, "gpt"));
      String var = Names.safe("model_serving_gpt_gpt-4o_openai_api_key_plaintext");
      assertEquals("${var." + var + "}",
          gpt.get(0).attrs().at("/config/served_entities/0/external_model/openai_config/openai_api_key_plaintext").asText());
      assertTrue(ctx.variables.containsKey(var), ctx.variables.toString());
      assertFalse(document(gpt).toString().contains(API_KEY), "the plaintext key never reaches the export");
      assertGolden("model_serving/gpt.tf.json", document(gpt));
    }
  }

  private static SourceObject byId(List<SourceObject> listed, String id) {
    return listed.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void endpointsRoundTripAndAreAdoptedByName(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      create(src, CHURN);
      TestExportContext ctx = exportContext(src.client(), "model_serving", null, dir);
      ctx.index.put(MlflowModelKind.TYPE + "/churn-model", Names.safe("churn-model"));
      ctx.index.put("databricks_instance_profile/" + PROFILE, "serving");
      ObjectNode exported = KindHarness.export(kind, ctx, new SourceObject("churn-endpoint", Names.safe("churn-endpoint"), null))
          .get(0).attrs();
      ObjectNode desired = resolve(exported, Map.of("${databricks_mlflow_model." + Names.safe("churn-model") + ".name}", "churn-model",
          "${databricks_instance_profile.serving.id}", PROFILE));

      KindHarness.Apply actx = KindHarness.applying(dst.client());
      assertEquals(Optional.empty(), kind.adopt(actx, desired));
      String id = kind.create(actx, desired);
      assertEquals("churn-endpoint", id);
      assertEquals(desired, kind.refresh(actx, id).orElseThrow());
      assertEquals(Optional.of(id), kind.adopt(actx, desired));
      JsonNode hexId = kind.computedAttribute(actx, id, "serving_endpoint_id");
      assertEquals(Rest.get(dst.client(), ModelServingKind.BASE + "/" + id).path("id").asText(), hexId.asText());

      ObjectNode changed = desired.deepCopy();
      changed.withArray("tags").removeAll().addObject().put("key", "owner").put("value", "ml");
      ((ObjectNode) changed.at("/ai_gateway/rate_limits/0")).put("calls", 50);
      ((ObjectNode) changed.at("/config/traffic_config/routes/0")).put("traffic_percentage", 70);
      ((ObjectNode) changed.at("/config/traffic_config/routes/1")).put("traffic_percentage", 30);
      long before = dst.emulator().requests().writes();
      kind.update(actx, id, changed, desired);
      assertEquals(3, dst.emulator().requests().writes() - before, "config, AI gateway and tags: one write each");
      assertEquals(changed, kind.refresh(actx, id).orElseThrow());

      ObjectNode noGateway = changed.deepCopy();
      noGateway.remove("ai_gateway");
      before = dst.emulator().requests().writes();
      kind.update(actx, id, noGateway, changed);
      assertEquals(1, dst.emulator().requests().writes() - before, "only the AI gateway changed");
      assertEquals(noGateway, kind.refresh(actx, id).orElseThrow());

      kind.delete(actx, id, changed);
      assertNull(KindHarness.read(kind, dst.client(), id));
      kind.delete(actx, id, changed);
      assertTrue(kind.forceNew().containsAll(List.of("name", "route_optimized")));
    }
  }

  @Test
  void aPlaintextKeyIsSuppliedAtImportAndStaysWriteOnly(@TempDir Path dir) throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree(EXTERNAL);
      KindHarness.Apply actx = KindHarness.applying(dst.client());
      String id = kind.create(actx, desired);
      ObjectNode refreshed = kind.refresh(actx, id).orElseThrow();
      assertFalse(refreshed.toString().contains("plaintext"), "never returned: " + refreshed);
      ObjectNode withoutKey = desired.deepCopy();
      ((ObjectNode) withoutKey.at("/config/served_entities/0/external_model/openai_config")).remove("openai_api_key_plaintext");
      assertEquals(TfJson.prune(withoutKey).at("/config/served_entities"), refreshed.at("/config/served_entities"));
      assertTrue(ServingCredentials.hasPlaintext(desired) && !ServingCredentials.hasPlaintext(refreshed));

      long before = dst.emulator().requests().writes();
      kind.update(actx, id, desired, refreshed);
      assertEquals(1, dst.emulator().requests().writes() - before, "a rotated key can only be sent, never compared");
    }
  }
}
