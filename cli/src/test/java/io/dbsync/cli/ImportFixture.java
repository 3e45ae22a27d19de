package io.dbsync.cli;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.client.Clients;
import io.dbsync.emulator.Emulator;
import io.dbsync.state.LocalStateStore;
import org.eclipse.jgit.api.Git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An export repository written by hand (a policy, a notebook with long source, a job with nested
 * blocks referring to the notebook, a secret scope and a secret fed by a sensitive variable), an
 * emulated target and the import command line for them: what the apply UX tests drive.
 */
final class ImportFixture implements AutoCloseable {
  static final String NOTEBOOK_SOURCE = "# Databricks notebook source\n" + "print('ingest step')\n".repeat(30);

  final Path dir;
  final Path repo;
  final Path artifacts;
  final Emulator target;
  final Map<String, String> env;

  ImportFixture(Path dir) throws Exception {
    this.dir = dir;
    this.repo = dir.resolve("repo");
    this.artifacts = dir.resolve("artifacts");
    this.target = new Emulator().start();
    this.env = new HashMap<>(CliRunner.profileEnv(dir, "DEFAULT", target));
    env.put("TF_VAR_etl_token", "tok-1-secret");
    write("main.tf.json", "{'terraform': {'required_providers': {'databricks': {'source': 'databricks/databricks'}}},"
        + " 'provider': {'databricks': {}}}");
    write("variables.tf.json", "{'variable': {'etl_token': {'type': 'string', 'sensitive': true}}}");
    write("cluster_policy/small.tf.json", "{'resource': {'databricks_cluster_policy': {'small': {'name': 'small',"
        + " 'definition': '{\\'autotermination_minutes\\':{\\'type\\':\\'fixed\\',\\'value\\':30}}'}}}}");
    write("notebook/ingest.tf.json", "{'resource': {'databricks_notebook': {'ingest': {'path': '/Shared/etl/ingest',"
        + " 'language': 'PYTHON', 'source': '${path.module}/notebook/data/Shared/etl/ingest.py'}}}}");
    Files.createDirectories(repo.resolve("exports/notebook/data/Shared/etl"));
    Files.writeString(repo.resolve("exports/notebook/data/Shared/etl/ingest.py"), NOTEBOOK_SOURCE);
    job("0 0 2 * * ?", "etl");
    write("secret_scope/etl.tf.json", "{'resource': {'databricks_secret_scope': {'etl': {'name': 'etl'}},"
        + " 'databricks_secret': {'etl_token': {'scope': '${databricks_secret_scope.etl.name}', 'key': 'token',"
        + " 'string_value': '${var.etl_token}'}}}}");
    commit("first export");
  }

  /** (Re)writes the job with this schedule and team tag. */
  void job(String cron, String team) throws IOException {
    write("job/nightly.tf.json", "{'resource': {'databricks_job': {'nightly': {'name': 'nightly', 'max_concurrent_runs': 1,"
        + " 'schedule': {'quartz_cron_expression': '" + cron + "', 'timezone_id': 'UTC'}, 'tags': {'team': '" + team + "'},"
        + " 'task': [{'task_key': 'ingest', 'notebook_task': {'notebook_path': '${databricks_notebook.ingest.path}'}}]}}}}");
  }

  /** Writes exports/{@code rel}; single quotes in {@code json} become double quotes. */
  void write(String rel, String json) throws IOException {
    Path p = repo.resolve("exports").resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, json.replace('\'', '"'), StandardCharsets.UTF_8);
  }

  /** Commits everything and returns the commit id. */
  String commit(String message) throws Exception {
    try (Git git = Files.isDirectory(repo.resolve(".git")) ? Git.open(repo.toFile())
        : Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      return git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
          .call().name();
    }
  }

  /** `databricks-sync import -l REPO --artifact-dir ARTIFACTS ...args` in process. */
  CliRunner.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("import", "-l", repo.toString(), "--artifact-dir", artifacts.toString()));
    all.addAll(List.of(args));
    return CliRunner.run(env, all.toArray(String[]::new));
  }

  /** Runs and requires the exit code, showing the output when it differs. */
  CliRunner.Result expect(int exitCode, String... args) {
    CliRunner.Result r = run(args);
    if (r.exitCode() != exitCode) {
      throw new AssertionError("exit " + r.exitCode() + " (expected " + exitCode + ") for " + String.join(" ", args)
          + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
    }
    return r;
  }

  WorkspaceClient client() {
    return Clients.forHost(target.url(), target.token());
  }

  /** The target id the state recorded for {@code address}. */
  String stateId(String address) throws IOException {
    JsonNode state = new ObjectMapper().readTree(artifacts.resolve(LocalStateStore.STATE_FILE).toFile());
    return state.path("resources").path(address).path("id").asText();
  }

  @Override
  public void close() {
    target.close();
  }
}
