package io.dbsync.cli;

import io.dbsync.client.Clients;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.Emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the review's suites start from: a source emulator with the sample workspace, an empty target,
 * a ~/.databrickscfg with the profiles "source", "target" and "notoken" (a host without a token),
 * and one export of the source into {@code repo} made through the export command.
 */
final class SuiteWorkspaces implements AutoCloseable {
  final Emulator source;
  final Emulator target;
  final Map<String, String> env;
  final Path repo;

  SuiteWorkspaces(Path tmp, String exportConfig, Map<String, String> extraEnv) throws Exception {
    source = new Emulator().start();
    target = new Emulator().start();
    CliRunner.loggingAsTheCli();
    new SampleWorkspace(Clients.forHost(source.url(), source.token())).populate();
    Path cfg = tmp.resolve("databrickscfg");
    Files.writeString(cfg, "[source]\nhost = " + source.url() + "\ntoken = " + source.token()
        + "\n\n[target]\nhost = " + target.url() + "\ntoken = " + target.token()
        + "\n\n[notoken]\nhost = " + target.url() + "\n");
    java.util.HashMap<String, String> e = new java.util.HashMap<>(extraEnv);
    e.put("DATABRICKS_CONFIG_FILE", cfg.toString());
    env = Map.copyOf(e);
    repo = tmp.resolve("repo");
    Path config = tmp.resolve("full.yaml");
    Files.writeString(config, exportConfig);
    CliRunner.Result r = CliRunner.run(env, "export", "--profile", "source", "-l", repo.toString(), "-c", config.toString(),
        "--no-progress", "--report-dir", tmp.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
  }

  @Override
  public void close() {
    source.close();
    target.close();
  }
}
