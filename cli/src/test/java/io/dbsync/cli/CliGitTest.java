package io.dbsync.cli;

import io.dbsync.emulator.Emulator;
import io.dbsync.git.HttpsCredentials;
import io.dbsync.testing.git.HttpGitServer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -g over HTTPS with a token from the environment, and git failures reported as git's, never the workspace's. */
class CliGitTest {
  static final String TOKEN = "glpat-0a1b2c";

  @TempDir
  Path tmp;
  Emulator workspace;
  HttpGitServer gitServer;
  Path bare;
  Path config;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    workspace = new Emulator().start();
    env = CliRunner.profileEnv(tmp, "ws", workspace);
    config = tmp.resolve("export.yaml");
    Files.writeString(config, "name: git-test\nobjects:\n  cluster_policy:\n");
    bare = tmp.resolve("srv/acme/dr.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    gitServer = HttpGitServer.start(tmp.resolve("srv"), TOKEN);
  }

  @AfterEach
  void stop() {
    gitServer.close();
    workspace.close();
  }

  private CliRunner.Result export(String url, String... more) {
    String[] base = {"export", "--profile", "ws", "-g", url, "-c", config.toString(), "--no-progress",
        "--report-dir", tmp.resolve("reports").toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRunner.run(env, args);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void exportAndImportOverHttpsWithTheTokenVariable() throws Exception {
    env.put(HttpsCredentials.TOKEN_ENV, TOKEN);
    String url = gitServer.url("acme/dr.git");

    CliRunner.Result exported = export(url);
    assertEquals(0, exported.exitCode(), exported.err());
    String head;
    try (Git git = Git.open(bare.toFile())) {
      assertNotNull(git.getRepository().resolve("refs/heads/main"), "the export was pushed");
      head = git.getRepository().resolve("refs/heads/main").getName();
    }

    CliRunner.Result planned = CliRunner.run(env, "import", "--profile", "ws", "--git-url", url,
        "--artifact-dir", tmp.resolve("state").toString(), "--plan");
    assertEquals(0, planned.exitCode(), planned.err());
    assertTrue(planned.err().contains("Importing " + url + " at " + head), planned.err());
    assertFalse((exported.out() + exported.err() + planned.out() + planned.err()).contains(TOKEN), "the token is never printed");
  }

  @Test
  void missingTokenNamesTheVariable() {
    String url = gitServer.url("acme/dr.git");
    CliRunner.Result r = export(url);
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("error: git: cannot clone " + url + ": the remote asks for credentials: set "
        + HttpsCredentials.TOKEN_ENV), r.err());
  }

  @Test
  void unreachableRemotesAreGitErrorsNamingTheRemote() throws Exception {
    int port = freePort();
    for (String url : new String[] {"http://127.0.0.1:" + port + "/acme/dr.git", "ssh://git@127.0.0.1:" + port + "/acme/dr.git"}) {
      CliRunner.Result r = export(url);
      assertEquals(1, r.exitCode(), r.err());
      assertTrue(r.err().contains("error: git: cannot clone " + url + ": the server cannot be reached"), r.err());
      String errorLine = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
      assertFalse(errorLine.contains("workspace"), "a git failure never blames the workspace: " + errorLine);
      assertFalse(r.err().contains("\tat "), r.err());
    }
  }

  @Test
  void credentialsInTheUrlAreNeverEchoed() throws Exception {
    String secret = "s3cr3t-" + TOKEN;
    String url = gitServer.url("acme/dr.git").replace("http://", "http://bob:" + secret + "@");
    CliRunner.Result wrong = export(url, "--debug");
    assertEquals(1, wrong.exitCode());
    assertTrue(wrong.err().contains("git: cannot clone " + gitServer.url("acme/dr.git") + ": the remote rejected the credentials"), wrong.err());
    assertFalse(wrong.err().contains(secret) || wrong.out().contains(secret), "not even with --debug:\n" + wrong.err());

    CliRunner.Result right = export(url.replace(secret, TOKEN));
    assertEquals(0, right.exitCode(), right.err());
    String report = Files.readString(tmp.resolve("reports/export-report.json"));
    assertTrue(report.contains(gitServer.url("acme/dr.git")), report);
    assertFalse(report.contains(TOKEN) || right.out().contains(TOKEN) || right.err().contains(TOKEN));
  }

  @Test
  void aLocalPathGivenAsRemoteIsBadInput() {
    CliRunner.Result r = export(tmp.resolve("not-a-url").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("use -l for a local path"), r.err());
  }
}
