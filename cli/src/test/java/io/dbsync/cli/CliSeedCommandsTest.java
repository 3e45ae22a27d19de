package io.dbsync.cli;

import io.dbsync.client.Clients;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.Emulator;
import io.dbsync.testing.git.SshGitServer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original tool's documented command lines ("Common commands" in the seed docs), run verbatim with
 * only the placeholders filled: profiles in the test's databrickscfg (DATABRICKS_CONFIG_FILE: the SDK
 * reads ~ from the process' HOME, which a test cannot change), `git@github.com:...` reached through
 * ~/.ssh/config (Host github.com -> an SSH git server on loopback), keys and known_hosts in ~/.ssh.
 */
class CliSeedCommandsTest {
  static final String REMOTE = "git@github.com:acme/dr-workspace.git";

  @TempDir
  Path tmp;
  Path home;
  Emulator source;
  Emulator target;
  SshGitServer github;
  Path bare;

  @BeforeEach
  void start() throws Exception {
    source = new Emulator().start();
    target = new Emulator().start();
    new SampleWorkspace(Clients.forHost(source.url(), source.token())).populate();
    home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve(".databrickscfg"), "[source]\nhost = " + source.url() + "\ntoken = " + source.token()
        + "\n\n[dr_tagert]\nhost = " + target.url() + "\ntoken = " + target.token() + "\n");

    bare = tmp.resolve("srv/acme/dr-workspace.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    github = SshGitServer.start(tmp.resolve("srv"));
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    github.writeUserKey(ssh.resolve("id_ecdsa"));
    Files.writeString(ssh.resolve("config"), "Host github.com\n  HostName 127.0.0.1\n  Port " + github.port() + "\n");
    Files.writeString(ssh.resolve("known_hosts"), github.knownHostsLine("[127.0.0.1]:" + github.port())
        + github.knownHostsLine("[github.com]:" + github.port()));
  }

  @AfterEach
  void stop() throws Exception {
    github.close();
    source.close();
    target.close();
  }

  private CliRunner.Result run(Map<String, String> env, String commandLine) {
    Map<String, String> withProfiles = new java.util.HashMap<>(env);
    withProfiles.put("DATABRICKS_CONFIG_FILE", home.resolve(".databrickscfg").toString());
    return CliRunner.runAt(home, withProfiles, commandLine.replace("\\\n", " ").trim().split("\\s+"));
  }

  @Test
  void theSeedsCommonCommandsRunAsDocumented() throws Exception {
    String cfg = tmp.resolve("my-export-config").toString();
    assertEquals(0, run(Map.of(), "init " + cfg).exitCode());
    assertTrue(Files.isRegularFile(Path.of(cfg + ".yaml")));

    CliRunner.Result exported = run(Map.of(), """
        export \\
            --profile source \\
            --git-ssh-url %s \\
            -c %s.yaml
        """.formatted(REMOTE, cfg));
    assertEquals(0, exported.exitCode(), exported.err());
    String tag;
    try (Git git = Git.open(bare.toFile())) {
      tag = git.tagList().call().get(0).getName().substring("refs/tags/".length());
    }

    CliRunner.Result withFlags = run(Map.of(), "export --profile source --git-ssh-url " + REMOTE + " -c " + cfg + ".yaml"
        + " -v DEBUG --dry-run --dask --branch main");
    assertEquals(0, withFlags.exitCode(), withFlags.err());

    Path artifacts = Files.createDirectories(tmp.resolve("dir"));
    CliRunner.Result imported = run(Map.of("GIT_PYTHON_TRACE", "full", "TF_VAR_etl_db_password", "x"), """
        import \\
            -g %s \\
            --profile dr_tagert \\
            --databricks-object-type cluster_policy \\
            --artifact-dir %s \\
            --plan \\
            --skip-refresh \\
            --revision %s
        """.formatted(REMOTE, artifacts, tag));
    assertEquals(0, imported.exitCode(), imported.err());
    assertTrue(imported.out().contains("databricks_cluster_policy."), imported.out());
    assertFalse(imported.out().contains("databricks_cluster."), "only the selected object type: " + imported.out());
    assertEquals(List.of(), List.of(Path.of("export-report.json")).stream().filter(Files::exists).toList(),
        "nothing is written to the current folder");
  }
}
