package io.dbsync.cli;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Clients;
import io.dbsync.client.Rest;
import io.dbsync.emulator.Emulator;
import io.dbsync.testing.Gpg;
import io.dbsync.testing.PgpTestKeys;
import io.dbsync.tf.TfJson;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secret value never appears in plaintext: export --export-secret-values and import --decrypt-with
 * through the commands (each in its own JVM, with --debug logging of every request), reports, the
 * plan JSON and the state written, then every git object of the repository, every file of the
 * repository, reports, state and artifact folders, and all output are searched for the value (and its
 * base64 form, as the API carries it). The values reach the target, and gpg reads the exported file.
 */
class CliSecretValuesTest {
  private static final String KNOWN = "Kn0wn-Plaintext-Value-9c1e";
  private static final String PASSPHRASE_ENV = "DBSYNC_TEST_KEY_PASSPHRASE";

  @TempDir
  Path tmp;

  @Test
  void valuesRoundTripEncryptedAndThePlaintextIsNowhere() throws Exception {
    try (Emulator source = new Emulator().start(); Emulator target = new Emulator().start()) {
      WorkspaceClient src = Clients.forHost(source.url(), source.token());
      Rest.post(src, "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "prod"));
      Rest.post(src, "/api/2.0/secrets/put", TfJson.object().put("scope", "prod").put("key", "db-password").put("string_value", KNOWN));

      PgpTestKeys.KeyPair keys = PgpTestKeys.generate("dr <dr@example.com>", "horse battery");
      Path keyDir = keys.writeTo(tmp.resolve("keys"));
      Path home = Files.createDirectories(tmp.resolve("home"));
      Path cfg = tmp.resolve("databrickscfg");
      Files.writeString(cfg, "[src]\nhost = " + source.url() + "\ntoken = " + source.token()
          + "\n\n[dst]\nhost = " + target.url() + "\ntoken = " + target.token() + "\n");
      Map<String, String> env = new HashMap<>(Map.of("DATABRICKS_CONFIG_FILE", cfg.toString(), PASSPHRASE_ENV, keys.passphrase()));
      Path config = tmp.resolve("export.yaml");
      Files.writeString(config, "name: secrets\nobjects:\n  secret: {}\n");
      Path repo = tmp.resolve("repo");
      Path reports = tmp.resolve("reports");
      Path artifacts = tmp.resolve("artifacts");
      List<String> output = new ArrayList<>();

      CliRunner.Result exported = CliProcess.run(home, env, "export", "--debug", "--profile", "src", "-l", repo.toString(),
          "--branch", "main", "-c", config.toString(), "--no-progress", "--report-dir", reports.toString(), "--excel-report",
          "--export-secret-values", "--encrypt-to", keyDir.resolve("public.asc").toString());
      output.add(exported.out() + exported.err());
      assertEquals(0, exported.exitCode(), exported.out() + exported.err());
      assertTrue(exported.err().contains("DEBUG"), "debug logging is on: " + exported.err());
      Path values = repo.resolve("exports/secret_scope/values/prod.json.asc");
      assertTrue(Files.isRegularFile(values));

      for (String mode : List.of("--plan", "--apply")) {
        CliRunner.Result imported = CliProcess.run(home, env, "import", "--debug", "--profile", "dst", "-l", repo.toString(),
            "--branch", "main", "--artifact-dir", artifacts.toString(), mode, "-o", "json",
            "--plan-json", reports.resolve("plan" + mode + ".json").toString(),
            "--decrypt-with", keyDir.resolve("secret.asc").toString(), "--passphrase-env", PASSPHRASE_ENV);
        output.add(imported.out() + imported.err());
        assertEquals(0, imported.exitCode(), imported.out() + imported.err());
        assertTrue(imported.err().contains("Secret values: 1 decrypted in memory"), imported.err());
      }
      JsonNode got = Rest.get(Clients.forHost(target.url(), target.token()), "/api/2.0/secrets/get", "scope", "prod", "key", "db-password");
      assertEquals(KNOWN, new String(Base64.getDecoder().decode(got.path("value").asText()), StandardCharsets.UTF_8),
          "the value reached the target");

      List<String> needles = List.of(KNOWN, Base64.getEncoder().encodeToString(KNOWN.getBytes(StandardCharsets.UTF_8)),
          Base64.getEncoder().withoutPadding().encodeToString(KNOWN.getBytes(StandardCharsets.UTF_8)));
      List<String> found = new ArrayList<>();
      int blobs = scanGitObjects(repo, needles, found);
      assertTrue(blobs > 3, "the repository's objects were read: " + blobs);
      for (Path root : List.of(repo, reports, artifacts, home)) {
        scanFiles(root, needles, found);
      }
      for (String text : output) {
        needles.stream().filter(text::contains).forEach(n -> found.add("command output contains " + n));
      }
      assertEquals(List.of(), found, "the plaintext value must appear nowhere");
      assertTrue(Files.readString(artifacts.resolve("databricks-sync.state.json")).contains("databricks_secret"),
          "the state that was searched tracks the secret");

      try (Gpg gpg = Gpg.in(tmp)) {
        gpg.run(keys.passphrase(), "--import", keyDir.resolve("secret.asc").toString());
        JsonNode plaintext = TfJson.MAPPER.readTree(gpg.run(keys.passphrase(), "--decrypt", values.toString()));
        assertEquals("prod", plaintext.path("scope").asText());
        assertEquals(KNOWN, plaintext.path("secrets").path(0).path("value").asText(), "gpg -d reads the values");
      }
    }
  }

  @Test
  void badSecretValueOptionsAreOneLineErrors() throws Exception {
    try (Emulator ws = new Emulator().start()) {
      Map<String, String> env = CliRunner.profileEnv(tmp, "ws", ws);
      Path config = tmp.resolve("export.yaml");
      Files.writeString(config, "name: secrets\nobjects:\n  secret: {}\n");
      Files.writeString(tmp.resolve("junk.asc"), "not a key");
      String repo = tmp.resolve("repo").toString();

      CliRunner.Result noKey = CliRunner.run(env, "export", "-p", "ws", "-l", repo, "-c", config.toString(), "--export-secret-values");
      assertEquals(2, noKey.exitCode());
      assertEquals("error: --export-secret-values needs --encrypt-to KEY.asc (a public key: gpg --armor --export KEY)",
          noKey.err().strip());
      CliRunner.Result junk = CliRunner.run(env, "export", "-p", "ws", "-l", repo, "-c", config.toString(),
          "--export-secret-values", "--encrypt-to", tmp.resolve("junk.asc").toString());
      assertEquals(2, junk.exitCode());
      assertTrue(junk.err().strip().startsWith("error: --encrypt-to: " + tmp.resolve("junk.asc")), junk.err());
      assertEquals(1, junk.err().strip().lines().count(), junk.err());
      assertEquals(0, ws.requests().writes());

      PgpTestKeys.KeyPair keys = PgpTestKeys.generate("k <k@example.com>", "pw");
      Path keyDir = keys.writeTo(tmp.resolve("keys"));
      assertEquals(0, CliRunner.run(env, "export", "-p", "ws", "-l", repo, "-c", config.toString(), "--no-progress").exitCode());
      CliRunner.Result unset = CliRunner.run(env, "import", "-p", "ws", "-l", repo, "--artifact-dir", tmp.resolve("a").toString(),
          "--decrypt-with", keyDir.resolve("secret.asc").toString(), "--passphrase-env", "NO_SUCH_VARIABLE");
      assertEquals(2, unset.exitCode());
      assertEquals("error: --passphrase-env NO_SUCH_VARIABLE: that environment variable is not set", unset.err().lines()
          .filter(l -> l.startsWith("error")).findFirst().orElse(unset.err()));
    }
  }

  /** Every object reachable from any ref (commits, trees, blobs, tags), searched; returns the blob count. */
  private static int scanGitObjects(Path repo, List<String> needles, List<String> found) throws Exception {
    int blobs = 0;
    try (Repository r = new FileRepositoryBuilder().setGitDir(repo.resolve(".git").toFile()).build();
         ObjectWalk walk = new ObjectWalk(r); ObjectReader reader = r.newObjectReader()) {
      for (Ref ref : r.getRefDatabase().getRefs()) {
        walk.markStart(walk.parseAny(ref.getObjectId()));
      }
      List<ObjectId> ids = new ArrayList<>();
      for (RevCommit c = walk.next(); c != null; c = walk.next()) {
        ids.add(c.getId());
      }
      for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
        ids.add(o.getId());
      }
      for (ObjectId id : ids) {
        String content = new String(reader.open(id).getBytes(), StandardCharsets.ISO_8859_1);
        blobs++;
        for (String n : needles) {
          if (content.contains(n)) {
            found.add("git object " + id.name() + " contains " + n);
          }
        }
      }
    }
    return blobs;
  }

  private static void scanFiles(Path root, List<String> needles, List<String> found) throws Exception {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String n : needles) {
          if (content.contains(n)) {
            found.add(f + " contains " + n);
          }
        }
      }
    }
  }
}
