package io.dbsync.kind.ml;

import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.ExportsFixture;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.dbsync.kind.workspace.KindTestSupport.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine with the ML kinds: permissions that refer to computed attributes (a model's numeric
 * registered_model_id, an endpoint's serving_endpoint_id) resolve against the target, and a plaintext
 * API key nested deep in an endpoint's config never reaches the state or the plan in clear.
 */
class MlImportTest {
  static final String KEY = "sk-live-0123456789abcdef";

  @TempDir
  Path tmp;

  private ExportsFixture exports() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp);
    f.file("variables.tf.json", "{'variable': {'gpt_key': {'type': 'string', 'sensitive': true}}}");
    f.file("mlflow_model/churn.tf.json", """
        {'resource': {'databricks_mlflow_model': {'churn': {'name': 'churn-model', 'description': 'Predicts churn'}},
          'databricks_permissions': {'mlflow_model_churn': {
            'registered_model_id': '${databricks_mlflow_model.churn.registered_model_id}',
            'access_control': [{'group_name': 'data-engineers', 'permission_level': 'CAN_READ'}]}}}}""");
    f.file("model_serving/churn.tf.json", """
        {'resource': {'databricks_model_serving': {'churn': {'name': 'churn-endpoint',
            'config': {'served_entities': [{'name': 'current', 'entity_name': '${databricks_mlflow_model.churn.name}',
                                            'entity_version': '1', 'workload_size': 'Small', 'scale_to_zero_enabled': true}]}}},
          'databricks_permissions': {'model_serving_churn': {
            'serving_endpoint_id': '${databricks_model_serving.churn.serving_endpoint_id}',
            'access_control': [{'group_name': 'data-engineers', 'permission_level': 'CAN_QUERY'}]}}}}""");
    f.file("model_serving/gpt.tf.json", """
        {'resource': {'databricks_model_serving': {'gpt': {'name': 'gpt',
            'config': {'served_entities': [{'name': 'gpt-4o', 'external_model': {'name': 'gpt-4o', 'provider': 'openai',
               'task': 'llm/v1/chat', 'openai_config': {'openai_api_key_plaintext': '${var.gpt_key}'}}}]}}}}}""");
    return f;
  }

  private ImportResult run(Path exports, TestWorkspace target, String key) throws Exception {
    return new Importer(ImportOptions.builder(exports, LocalStateStore.inDirectory(tmp.resolve("state")),
        KindRegistry.standard(), target.client()).apply(true).env(Map.of("TF_VAR_gpt_key", key))
        .out(new PrintStream(new ByteArrayOutputStream())).build()).run();
  }

  @Test
  void computedIdsResolveAndNestedSecretsStayHashed() throws Exception {
    Path exports = exports().exports;
    try (TestWorkspace target = TestWorkspace.start()) {
      group(target.client(), "data-engineers");
      ImportResult first = run(exports, target, KEY);
      assertTrue(first.success(), first.failures() + "\n" + first.planText());
      assertFalse(first.planText().contains(KEY), "the key is not printed");
      String state = Files.readString(tmp.resolve("state").resolve(LocalStateStore.STATE_FILE), StandardCharsets.UTF_8);
      assertFalse(state.contains(KEY), "the key is not in the state in clear:\n" + state);
      assertTrue(state.contains("sensitive-sha256:"), "but as its salted hash:\n" + state);
      String modelId = MlflowModelKindTest.numericId(target, "churn-model");
      String acl = target.emulator().dump().path("permissions").toString();
      assertTrue(acl.contains("\"id\":\"" + modelId + "\""), "the model's grants are on its numeric id: " + acl);

      long writes = target.emulator().requests().writes();
      ImportResult again = run(exports, target, KEY);
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes(), "an unchanged revision sends no writes");

      ImportResult rotated = run(exports, target, "sk-rotated");
      assertTrue(rotated.success(), rotated.failures().toString());
      assertEquals(1, rotated.plan().actionable().size(), rotated.planText());
      assertEquals("databricks_model_serving.gpt", rotated.plan().actionable().get(0).address());
      assertFalse(rotated.planText().contains("sk-rotated"));
    }
  }
}
