package io.dbsync.cli;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.http.Request;
import io.dbsync.client.Clients;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.mapping.Mapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** init --mapping, import --mapping / --missing-principals / --fallback-owner as an admin types them. */
class CliMappingTest {
  static final String ARN = "arn:aws:iam::123456789012:instance-profile/etl";

  @TempDir
  Path tmp;

  @Test
  void initWritesTheMappingTemplate() throws Exception {
    Path file = tmp.resolve("mapping");
    CliRunner.Result r = CliRunner.run(Map.of(), "init", "--mapping", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Wrote mapping file template to " + tmp.resolve("mapping.yaml")), r.out());
    assertEquals(Mapping.template(), Files.readString(tmp.resolve("mapping.yaml")));
    Mapping.load(tmp.resolve("mapping.yaml"));
    assertEquals(2, CliRunner.run(Map.of(), "init", "--mapping", file.toString()).exitCode(), "no overwrite without --force");
  }

  @Test
  void badMappingFlagsAreOneLine() throws Exception {
    CliRunner.Result policy = CliRunner.run(Map.of(), "import", "-l", tmp.toString(), "--artifact-dir",
        tmp.resolve("a").toString(), "--missing-principals", "ignore");
    assertEquals(2, policy.exitCode());
    assertTrue(policy.err().contains("error: --missing-principals: unknown missing-principals policy 'ignore' "
        + "(expected create, map, drop or fail)"), policy.err());
    CliRunner.Result missing = CliRunner.run(Map.of(), "import", "-l", tmp.toString(), "--artifact-dir",
        tmp.resolve("a").toString(), "--mapping", tmp.resolve("nope.yaml").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("error: mapping file not found: " + tmp.resolve("nope.yaml")), missing.err());
    assertFalse(missing.err().contains("\tat "), missing.err());
  }

  @Test
  void anAwsExportMovesToAzureOnceTheMappingSaysWhatBecomesOfItsInstanceProfile() throws Exception {
    EmulatorOptions azure = new EmulatorOptions();
    azure.cloud = Cloud.AZURE;
    try (Emulator source = new Emulator().start(); Emulator target = new Emulator(azure).start()) {
      WorkspaceClient src = Clients.forHost(source.url(), source.token());
      post(src, "/api/2.0/instance-profiles/add", "{\"instance_profile_arn\": \"" + ARN + "\"}");
      post(src, "/api/2.1/clusters/create", """
          {"cluster_name": "etl", "spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge", "num_workers": 1,
           "aws_attributes": {"availability": "SPOT", "instance_profile_arn": "%s"}}""".formatted(ARN));
      Path cfgFile = tmp.resolve("databrickscfg");
      Files.writeString(cfgFile, "[src]\nhost = " + source.url() + "\ntoken = " + source.token()
          + "\n\n[dst]\nhost = " + target.url() + "\ntoken = " + target.token() + "\n");
      Map<String, String> env = new HashMap<>(Map.of("DATABRICKS_CONFIG_FILE", cfgFile.toString()));
      Path config = tmp.resolve("export.yaml");
      Files.writeString(config, "name: move\nobjects:\n  instance_profile: {}\n  cluster: {}\n");
      Path repo = tmp.resolve("repo");
      CliRunner.Result exported = CliRunner.run(env, "export", "--profile", "src", "-l", repo.toString(),
          "-c", config.toString(), "--no-progress");
      assertEquals(0, exported.exitCode(), exported.err());
      assertTrue(Files.readString(repo.resolve("exports/main.tf.json")).contains("\"source_cloud\": \"aws\""));

      String[] importArgs = {"import", "--profile", "dst", "-l", repo.toString(), "--artifact-dir",
          tmp.resolve("state").toString(), "--apply"};
      CliRunner.Result unmapped = CliRunner.run(env, importArgs);
      assertEquals(2, unmapped.exitCode(), unmapped.err());
      assertTrue(unmapped.err().contains("error: the mapping is missing 1 entry (aws -> azure); nothing was written"),
          unmapped.err());
      assertTrue(unmapped.out().contains("add to the mapping file: instance_profiles: {\"" + ARN + "\": null}"), unmapped.out());
      assertEquals(0, target.requests().writes(), "needs are listed before any write");

      Path mapping = tmp.resolve("mapping.yaml");
      Files.writeString(mapping, "instance_profiles:\n  \"*\": null\n");
      String[] withMapping = java.util.stream.Stream.concat(java.util.Arrays.stream(importArgs),
          java.util.stream.Stream.of("--mapping", mapping.toString())).toArray(String[]::new);
      CliRunner.Result applied = CliRunner.run(env, withMapping);
      assertEquals(0, applied.exitCode(), applied.out() + applied.err());
      assertTrue(applied.out().contains("Mapping applied (aws -> azure):"), applied.out());
      assertTrue(applied.out().contains("node type i3.xlarge -> Standard_E4ds_v4 (bundled table)"), applied.out());

      target.requests().reset();
      CliRunner.Result again = CliRunner.run(env, withMapping);
      assertEquals(0, again.exitCode(), again.err());
      assertEquals(0, target.requests().writes(), "the mapped cluster is in sync");
    }
  }

  private static void post(WorkspaceClient w, String path, String body) throws Exception {
    w.apiClient().execute(new Request("POST", path, body), HashMap.class);
  }
}
