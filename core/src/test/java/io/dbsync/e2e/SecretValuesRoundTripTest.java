package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Clients;
import io.dbsync.client.Rest;
import io.dbsync.config.ExportConfig;
import io.dbsync.crypto.PgpDecryptionKey;
import io.dbsync.crypto.PgpRecipient;
import io.dbsync.emulator.Json;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.workspace.SecretValueFiles;
import io.dbsync.report.ExportReport;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.PgpTestKeys;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secret values round trip encrypted: export --export-secret-values writes each scope's values as an
 * OpenPGP message to the given key (read as an admin with secrets/get, or by a non-admin through a
 * command on a running cluster that returns ciphertext only), an unchanged workspace exports the same
 * bytes again, and import --decrypt-with supplies them in memory, TF_VAR_* overriding.
 */
class SecretValuesRoundTripTest {
  static final String KNOWN = "Kn0wn-Plaintext-f3a9";
  private static final String CONFIG = "name: secrets\nobjects:\n  secret: {}\n";
  private static final String VALUES = "exports/secret_scope/values/etl.json.asc";
  private static PgpTestKeys.KeyPair keys;

  @TempDir
  Path tmp;

  @BeforeAll
  static void keys() {
    keys = PgpTestKeys.generate("dr <dr@example.com>", "pass phrase");
  }

  static void seedScope(WorkspaceClient admin) throws Exception {
    Rest.post(admin, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "etl"));
    put(admin, "db-password", KNOWN);
    put(admin, "api.token", "t0k-\u00e9t\u00e9");
  }

  static void put(WorkspaceClient c, String key, String value) throws Exception {
    Rest.post(c, "/api/2.0/secrets/put", TfJson.object().put("scope", "etl").put("key", key).put("string_value", value));
  }

  private static PgpRecipient recipient() throws Exception {
    return PgpRecipient.parse(keys.publicKey(), "public.asc");
  }

  private static PgpDecryptionKey decryptionKey() throws Exception {
    return PgpDecryptionKey.parse(keys.secretKey(), keys.passphrase().toCharArray(), "secret.asc");
  }

  private ExportReport export(WorkspaceClient source, Path repo) throws Exception {
    return ExportRun.run(ExportOptions.builder(source, ExportConfig.parse(CONFIG), GitTarget.parse(repo.toString()))
        .branch("main").secretValues(recipient()).build());
  }

  /** The decrypted document of the scope's values file, as gpg -d would print it. */
  private static JsonNode decrypted(Path repo) throws Exception {
    return TfJson.MAPPER.readTree(decryptionKey().decrypt(Files.readAllBytes(repo.resolve(VALUES))));
  }

  private static Map<String, String> valuesByKey(JsonNode doc) {
    Map<String, String> out = new TreeMap<>();
    doc.path("secrets").forEach(s -> out.put(s.path("key").asText(), s.path("value").asText()));
    return out;
  }

  @Test
  void adminExportEncryptsAndImportSuppliesTheValues() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seedScope(source.client());
      Path repo = tmp.resolve("repo");
      ExportReport first = export(source.client(), repo);
      assertTrue(first.success(), () -> first.failures().toString());

      String armored = Files.readString(repo.resolve(VALUES), StandardCharsets.US_ASCII);
      assertTrue(armored.startsWith("-----BEGIN PGP MESSAGE-----\nComment: databricks-sync secret values of scope etl"), armored);
      assertFalse(armored.contains(KNOWN), "ciphertext only");
      JsonNode doc = decrypted(repo);
      assertEquals("etl", doc.path("scope").asText());
      assertEquals(Map.of("api.token", "t0k-\u00e9t\u00e9", "db-password", KNOWN), valuesByKey(doc));
      String scopeFile = Files.readString(repo.resolve("exports/secret_scope/etl.tf.json"));
      doc.path("secrets").forEach(s -> assertTrue(scopeFile.contains("\"${var." + s.path("variable").asText() + "}\""),
          "the document names the variable the secret's string_value uses: " + s));

      byte[] before = Files.readAllBytes(repo.resolve(VALUES));
      int commits = E2eSupport.commitCount(repo);
      assertTrue(export(source.client(), repo).changelog().isEmpty(), "an unchanged workspace changes nothing");
      assertArrayEquals(before, Files.readAllBytes(repo.resolve(VALUES)), "the ciphertext is kept while nothing changed");
      assertEquals(commits, E2eSupport.commitCount(repo));

      put(source.client(), "db-password", "rotated");
      export(source.client(), repo);
      assertEquals("rotated", valuesByKey(decrypted(repo)).get("db-password"), "a rotated value is exported again");

      String tokenVariable = variableOf(decrypted(repo), "api.token");
      ImportResult result = importWithValues(repo, target.client(), Map.of("TF_VAR_" + tokenVariable, "from-env"));
      assertTrue(result.failures().isEmpty(), () -> result.failures().toString());
      assertEquals("rotated", value(target.client(), "db-password"));
      assertEquals("from-env", value(target.client(), "api.token"), "TF_VAR_* overrides the exported value");
    }
  }

  @Test
  void aNonAdminReadsTheValuesThroughACommandThatReturnsCiphertextOnly() throws Exception {
    try (TestWorkspace source = TestWorkspace.start()) {
      seedScope(source.client());
      source.emulator().seed(Json.parse("""
          {"scim": {"users": [{"userName": "owner@example.com"}]},
           "tokens": [{"token_value": "owner-token", "user_name": "owner@example.com"}]}"""));
      Rest.post(source.client(), "/api/2.0/secrets/acls/put",
          TfJson.object().put("scope", "etl").put("principal", "owner@example.com").put("permission", "MANAGE"));
      WorkspaceClient owner = Clients.forHost(source.emulator().url(), "owner-token");

      Path withoutCluster = tmp.resolve("no-cluster");
      ExportReport refused = export(owner, withoutCluster);
      assertFalse(Files.exists(withoutCluster.resolve(VALUES)));
      assertTrue(refused.warnings().stream().anyMatch(w -> w.message().contains("values of secret scope etl not exported")
          && w.message().contains("no RUNNING cluster")), () -> refused.warnings().toString());

      source.emulator().seed(Json.parse("""
          {"clusters": [{"cluster_id": "0101-000000-secrets1", "cluster_name": "shared", "spark_version": "15.4.x-scala2.12",
            "node_type_id": "i3.xlarge", "num_workers": 0, "state": "RUNNING"}]}"""));
      source.emulator().requests().reset();
      Path repo = tmp.resolve("repo");
      ExportReport r = export(owner, repo);
      assertTrue(r.success(), () -> r.failures().toString());
      assertEquals(Map.of("api.token", "t0k-\u00e9t\u00e9", "db-password", KNOWN), valuesByKey(decrypted(repo)));
      assertEquals(1, source.emulator().requests().route("POST /api/1.2/commands/execute"));
      assertEquals(1, source.emulator().requests().route("GET /api/2.0/secrets/get"), "refused once, then the cluster");
    }
  }

  @Test
  void valuesThatCannotBeReadKeepThePreviousFileAndBytesThatAreNotTextAreLeftOut() throws Exception {
    try (TestWorkspace source = TestWorkspace.start()) {
      seedScope(source.client());
      Rest.post(source.client(), "/api/2.0/secrets/put", TfJson.object().put("scope", "etl").put("key", "blob")
          .put("bytes_value", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0})));
      Path repo = tmp.resolve("repo");
      ExportReport first = export(source.client(), repo);
      assertEquals(Map.of("api.token", "t0k-\u00e9t\u00e9", "db-password", KNOWN), valuesByKey(decrypted(repo)));
      assertTrue(first.warnings().stream().anyMatch(w -> w.message().contains("secret blob of scope etl holds bytes that are not UTF-8")),
          () -> first.warnings().toString());
      byte[] before = Files.readAllBytes(repo.resolve(VALUES));

      source.emulator().seed(Json.parse("""
          {"scim": {"users": [{"userName": "owner@example.com"}]},
           "tokens": [{"token_value": "owner-token", "user_name": "owner@example.com"}]}"""));
      Rest.post(source.client(), "/api/2.0/secrets/acls/put",
          TfJson.object().put("scope", "etl").put("principal", "owner@example.com").put("permission", "MANAGE"));
      put(source.client(), "db-password", "rotated-while-unreadable");
      ExportReport refused = export(Clients.forHost(source.emulator().url(), "owner-token"), repo);
      assertArrayEquals(before, Files.readAllBytes(repo.resolve(VALUES)), "nothing is lost: the previous values stay");
      assertTrue(refused.warnings().stream().anyMatch(w -> w.message().contains("the previous export's encrypted values are kept")),
          () -> refused.warnings().toString());
    }
  }

  private ImportResult importWithValues(Path repo, WorkspaceClient target, Map<String, String> env) throws Exception {
    try (RevisionCheckout co = RevisionCheckout.of(GitTarget.parse(repo.toString()), "main", null, null)) {
      Map<String, String> values = SecretValueFiles.decrypt(co.files(), decryptionKey());
      ImportOptions options = ImportOptions.builder(co.files(), LocalStateStore.inDirectory(tmp.resolve("state")),
              KindRegistry.standard(), target)
          .env(SecretValueFiles.underEnvironment(values, env)).apply(true)
          .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).build();
      return new Importer(options).run();
    }
  }

  private static String variableOf(JsonNode doc, String key) {
    for (JsonNode s : doc.path("secrets")) {
      if (key.equals(s.path("key").asText())) {
        return s.path("variable").asText();
      }
    }
    throw new AssertionError("no secret " + key);
  }

  private static String value(WorkspaceClient admin, String key) throws Exception {
    JsonNode got = Rest.get(admin, "/api/2.0/secrets/get", "scope", "etl", "key", key);
    return new String(Base64.getDecoder().decode(got.path("value").asText()), StandardCharsets.UTF_8);
  }
}
