package io.dbsync.git;

import io.dbsync.config.ExportConfig;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.export.FixedKind;
import io.dbsync.kind.KindRegistry;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.testing.git.SshGitServer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export over SSH to a git server running in this JVM on loopback (Apache MINA sshd running JGit's pack services, see SshGitServer).
 * Host and user keys are generated per test; the client trusts the host through a known_hosts file
 * in a temporary SSH directory, never through ~/.ssh.
 */
class GitSshTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T14:30:00Z"), ZoneOffset.UTC);

  @TempDir
  Path tmp;
  SshGitServer server;
  TestWorkspace ws;
  Path bare;
  Path sshDir;
  Path userKey;
  String url;
  FixedKind clusters;

  @BeforeEach
  void start() throws Exception {
    Path root = tmp.resolve("srv");
    bare = root.resolve("exports.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    server = SshGitServer.start(root);
    url = server.url("exports.git");

    sshDir = Files.createDirectories(tmp.resolve("ssh"));
    userKey = sshDir.resolve("deploy_key");
    server.writeUserKey(userKey);
    Files.writeString(sshDir.resolve("known_hosts"), server.knownHostsLine("[127.0.0.1]:" + server.port()));

    ws = TestWorkspace.start();
    clusters = new FixedKind("databricks_cluster", "cluster", "clusters").put("c1", "etl").put("c2", "adhoc");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    ws.close();
  }

  ExportReport export(String branch, boolean dryRun, Path key) throws Exception {
    return ExportRun.run(ExportOptions.builder(ws.client(), ExportConfig.parse("objects:\n  cluster:\n", List.of()),
            GitTarget.parse(url))
        .kinds(new KindRegistry(List.of(clusters))).branch(branch).dryRun(dryRun)
        .sshDirectory(sshDir).sshKey(key).clock(CLOCK).build());
  }

  int commits(String ref) throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      Repository r = git.getRepository();
      if (r.resolve(ref) == null) {
        return 0;
      }
      int n = 0;
      for (var ignored : git.log().add(r.resolve(ref)).call()) {
        n++;
      }
      return n;
    }
  }

  @Test
  void exportIsCommittedTaggedAndPushedToAnEmptyRemote() throws Exception {
    ExportReport r = export(null, false, userKey);

    assertNotNull(r.commit());
    assertEquals("main", r.branch());
    try (Git git = Git.open(bare.toFile())) {
      Repository repo = git.getRepository();
      assertEquals(r.commit(), repo.resolve("refs/heads/main").getName());
      assertEquals(r.commit(), repo.resolve("refs/tags/" + r.tag() + "^{commit}").getName());
      assertTrue(GitLocalTest.filesAt(repo, "refs/heads/main").get("exports/clusters/etl.tf.json")
          .contains("\"databricks_cluster\""));
    }

    ExportReport again = export(null, false, userKey);
    assertNull(again.commit(), "no changes: nothing pushed");
    assertEquals(1, commits("refs/heads/main"));

    clusters.put("c3", "nightly");
    ExportReport third = export(null, false, userKey);
    assertEquals(2, commits("refs/heads/main"));
    assertEquals(List.of("clusters/nightly.tf.json"), third.changelog().dirs().get(0).added());
    assertEquals("export-20261125T143000Z-1", third.tag(), "the remote's tags are seen");
  }

  @Test
  void dryRunPushesNothing() throws Exception {
    export(null, false, userKey);
    clusters.put("c3", "nightly");
    ExportReport r = export(null, true, userKey);
    assertEquals(1, r.changelog().added());
    assertNull(r.commit());
    assertEquals(1, commits("refs/heads/main"));
    try (Git git = Git.open(bare.toFile())) {
      assertEquals(1, git.tagList().call().size());
    }
  }

  @Test
  void missingBranchIsCreatedOnTheRemote() throws Exception {
    export(null, false, userKey);
    clusters.put("c3", "nightly");
    ExportReport r = export("dr", false, userKey);
    assertEquals("dr", r.branch());
    assertEquals(2, commits("refs/heads/dr"), "branched from the remote's default branch");
    assertEquals(1, commits("refs/heads/main"));
    export("dr", false, userKey);
    assertEquals(2, commits("refs/heads/dr"));
  }

  @Test
  void defaultKeysOfTheSshDirectoryAreUsed() throws Exception {
    server.writeUserKey(sshDir.resolve("id_ecdsa"));
    ExportReport r = export(null, false, null);
    assertNotNull(r.commit());
  }

  @Test
  void wrongKeyOrUnknownHostFailsClearly() throws Exception {
    Path other = sshDir.resolve("other_key");
    SshGitServer.writePrivateKey(SshGitServer.ecKey(), other);
    GitException wrongKey = assertThrows(GitException.class, () -> export(null, false, other));
    assertTrue(wrongKey.getMessage().startsWith("cannot clone " + url + ": the server refused the SSH key"), wrongKey.getMessage());

    Files.writeString(sshDir.resolve("known_hosts"), "");
    GitException unknownHost = assertThrows(GitException.class, () -> export(null, false, userKey));
    assertTrue(unknownHost.getMessage().startsWith("cannot clone " + url + ": the server's host key is not trusted"),
        unknownHost.getMessage());
    assertEquals(0, commits("refs/heads/main"));
  }

  @Test
  void unreachableServerIsAGitErrorNamingTheRemote() throws Exception {
    int freePort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    url = "ssh://git@127.0.0.1:" + freePort + "/exports.git";
    GitException e = assertThrows(GitException.class, () -> export(null, false, userKey));
    assertTrue(e.getMessage().startsWith("cannot clone " + url + ": the server cannot be reached"), e.getMessage());
  }

  @Test
  void oneSshdOnTheClasspath() throws Exception {
    for (String cls : new String[] {"org/apache/sshd/common/SshConstants.class", "org/apache/sshd/server/SshServer.class",
        "org/apache/sshd/client/SshClient.class"}) {
      List<java.net.URL> copies = java.util.Collections.list(getClass().getClassLoader().getResources(cls));
      assertEquals(1, copies.size(), cls + " is on the classpath more than once: " + copies);
    }
  }
}
