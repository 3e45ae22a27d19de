package io.dbsync.apply;

import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secret values reach the target but never the state in clear; unchanged values plan nothing, changed ones a replace. */
class SecretsInStateTest {
  @TempDir
  Path tmp;

  @Test
  void secretValuesAreStoredHashedAndStillCompare() throws Exception {
    Path exports = tmp.resolve("exports");
    Files.createDirectories(exports.resolve("secret_scope"));
    Files.writeString(exports.resolve("variables.tf.json"),
        "{\"variable\": {\"etl_pw\": {\"type\": \"string\", \"sensitive\": true}}}");
    Files.writeString(exports.resolve("secret_scope/etl.tf.json"), """
        {"resource": {"databricks_secret_scope": {"etl": {"name": "etl"}},
                      "databricks_secret": {"etl_pw": {"scope": "${databricks_secret_scope.etl.name}",
                                                       "key": "pw", "string_value": "${var.etl_pw}"}}}}""");
    Path stateDir = tmp.resolve("state");
    try (TestWorkspace target = TestWorkspace.start()) {
      ImportResult first = run(exports, stateDir, target, "hunter2-very-secret");
      assertTrue(first.success(), first.planText());
      String state = Files.readString(stateDir.resolve(LocalStateStore.STATE_FILE), StandardCharsets.UTF_8);
      assertFalse(state.contains("hunter2-very-secret"), "the secret value must not be stored in clear:\n" + state);
      assertFalse(first.planText().contains("hunter2-very-secret"), "nor printed in the plan");
      assertEquals("hunter2-very-secret", secretValue(target));

      target.emulator().requests().reset();
      ImportResult same = run(exports, stateDir, target, "hunter2-very-secret");
      assertTrue(same.plan().actionable().isEmpty(), same.planText());
      assertEquals(0, target.emulator().requests().writes());

      target.emulator().requests().reset();
      ImportResult rotated = run(exports, stateDir, target, "rotated-value");
      assertEquals(1, rotated.plan().actionable().size(), rotated.planText());
      assertEquals(io.dbsync.plan.Action.UPDATE, rotated.plan().actionable().get(0).action(),
          "review D20: a rotation is an update in place, never destroy-then-create");
      assertEquals(0, target.emulator().requests().route("POST /api/2.0/secrets/delete"), "the secret is never deleted");
      assertEquals("rotated-value", secretValue(target));
    }
  }

  /** A notification destination's secret sits inside its config block: the whole block is kept hashed. */
  @Test
  void secretsInsideABlockAreStoredHashedAndStillCompare() throws Exception {
    Path exports = tmp.resolve("exports");
    Files.createDirectories(exports.resolve("notification_destination"));
    Files.writeString(exports.resolve("variables.tf.json"),
        "{\"variable\": {\"etl_pw\": {\"type\": \"string\", \"sensitive\": true}}}");
    Files.writeString(exports.resolve("notification_destination/hook.tf.json"), """
        {"resource": {"databricks_notification_destination": {"hook": {"display_name": "hook",
            "config": {"generic_webhook": {"url": "${var.etl_pw}"}}}}}}""");
    Path stateDir = tmp.resolve("state");
    try (TestWorkspace target = TestWorkspace.start()) {
      ImportResult first = run(exports, stateDir, target, "https://example.com/hook/very-secret");
      assertTrue(first.success(), first.planText());
      String state = Files.readString(stateDir.resolve(LocalStateStore.STATE_FILE), StandardCharsets.UTF_8);
      assertFalse(state.contains("very-secret"), "the URL must not be stored in clear:\n" + state);
      assertFalse(first.planText().contains("very-secret"), "nor printed in the plan");
      assertTrue(destinations(target).contains("https://example.com/hook/very-secret"));

      target.emulator().requests().reset();
      ImportResult same = run(exports, stateDir, target, "https://example.com/hook/very-secret");
      assertTrue(same.plan().actionable().isEmpty(), same.planText());
      assertEquals(0, target.emulator().requests().writes());

      ImportResult rotated = run(exports, stateDir, target, "https://example.com/hook/rotated");
      assertTrue(rotated.success(), rotated.failures().toString());
      assertEquals(1, rotated.plan().actionable().size(), rotated.planText());
      assertTrue(destinations(target).contains("https://example.com/hook/rotated"), destinations(target));
      assertFalse(destinations(target).contains("very-secret"), "the old destination is replaced");
    }
  }

  private static String destinations(TestWorkspace ws) {
    return ws.emulator().dump().path("notification-destinations").toString();
  }

  private static ImportResult run(Path exports, Path stateDir, TestWorkspace target, String value) throws Exception {
    return new Importer(ImportOptions.builder(exports, LocalStateStore.inDirectory(stateDir), KindRegistry.standard(),
        target.client()).apply(true).env(Map.of("TF_VAR_etl_pw", value))
        .out(new PrintStream(new ByteArrayOutputStream())).build()).run();
  }

  private static String secretValue(TestWorkspace ws) throws Exception {
    var secrets = ws.emulator().dump().path("secrets").toString();
    String b64 = java.util.Base64.getEncoder().encodeToString("rotated-value".getBytes(StandardCharsets.UTF_8));
    String b64Old = java.util.Base64.getEncoder().encodeToString("hunter2-very-secret".getBytes(StandardCharsets.UTF_8));
    return secrets.contains("rotated-value") || secrets.contains(b64) ? "rotated-value"
        : secrets.contains("hunter2-very-secret") || secrets.contains(b64Old) ? "hunter2-very-secret" : secrets;
  }
}
