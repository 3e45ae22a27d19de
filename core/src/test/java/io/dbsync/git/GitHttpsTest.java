package io.dbsync.git;

import io.dbsync.testing.git.HttpGitServer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export and import over git's smart HTTP protocol with a token, against a git server in this JVM
 * on loopback that demands HTTP Basic credentials for every request, as a private GitHub, GitLab or
 * Azure DevOps repository does.
 */
class GitHttpsTest {
  static final String TOKEN = "pat-3f9c1e";

  @TempDir
  Path tmp;
  HttpGitServer server;
  Path bare;
  String url;

  @BeforeEach
  void start() throws Exception {
    Path root = tmp.resolve("srv");
    bare = root.resolve("acme/dr.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    server = HttpGitServer.start(root, TOKEN);
    url = server.url("acme/dr.git");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private GitWorkspace.Committed exportFile(GitTarget target, String name, String content) throws Exception {
    try (GitWorkspace ws = GitWorkspace.open(target, null, false, null)) {
      Path file = ws.workTree().resolve("exports").resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      ws.stage("exports");
      return ws.commit("exports", "export " + name, Instant.parse("2026-11-25T14:30:00Z"));
    }
  }

  @Test
  void tokenFromTheEnvironmentPushesAndChecksOut() throws Exception {
    HttpsCredentials token = HttpsCredentials.fromEnvironment(Map.of(HttpsCredentials.TOKEN_ENV, TOKEN));
    GitTarget target = GitTarget.parse(url, token);

    GitWorkspace.Committed c = exportFile(target, "clusters/etl.tf.json", "{\"a\":1}\n");

    try (Git git = Git.open(bare.toFile())) {
      Repository repo = git.getRepository();
      assertEquals(c.commitId(), repo.resolve("refs/heads/main").getName());
      assertEquals(c.commitId(), repo.resolve("refs/tags/" + c.tag() + "^{commit}").getName());
    }
    try (RevisionCheckout co = RevisionCheckout.of(target, "main", null, null)) {
      assertEquals(c.commitId(), co.commitId());
      try (var in = co.files().open("clusters/etl.tf.json")) {
        assertEquals("{\"a\":1}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertTrue(server.usernames().stream().allMatch(HttpsCredentials.DEFAULT_USERNAME::equals), server.usernames().toString());
    assertFalse(server.usernames().isEmpty());
  }

  @Test
  void userNameFromTheEnvironmentIsSent() throws Exception {
    HttpsCredentials creds = HttpsCredentials.fromEnvironment(
        Map.of(HttpsCredentials.TOKEN_ENV, TOKEN, HttpsCredentials.USERNAME_ENV, "oauth2"));
    exportFile(GitTarget.parse(url, creds), "a.tf.json", "{}\n");
    assertEquals(List.of("oauth2"), server.usernames().stream().distinct().toList());
  }

  @Test
  void credentialsInTheUrlAreUsedButNeverShown() throws Exception {
    String withSecret = url.replace("http://", "http://bob:" + TOKEN + "@");
    GitTarget target = GitTarget.parse(withSecret);

    assertEquals(url, target.describe());
    assertFalse(target.toString().contains(TOKEN), target.toString());
    exportFile(target, "a.tf.json", "{}\n");
    assertEquals(List.of("bob"), server.usernames().stream().distinct().toList());

    GitException wrong = assertThrows(GitException.class,
        () -> exportFile(GitTarget.parse(url.replace("http://", "http://bob:nope-secret@")), "b.tf.json", "{}\n"));
    assertFalse(wrong.getMessage().contains("nope-secret"), wrong.getMessage());
  }

  @Test
  void wrongTokenNamesTheRemoteAndTheVariable() {
    GitException e = assertThrows(GitException.class,
        () -> exportFile(GitTarget.parse(url, new HttpsCredentials(null, "wrong-token")), "a.tf.json", "{}\n"));
    assertEquals("cannot clone " + url + ": the remote rejected the credentials; check " + HttpsCredentials.TOKEN_ENV
        + " (and " + HttpsCredentials.USERNAME_ENV + ") or the user:password in the URL", e.getMessage());
    assertFalse(e.getMessage().contains("wrong-token"));
  }

  @Test
  void missingTokenSaysWhichVariableToSet() {
    GitException e = assertThrows(GitException.class, () -> RevisionCheckout.of(GitTarget.parse(url), "main", null, null));
    assertTrue(e.getMessage().startsWith("cannot clone " + url + ": the remote asks for credentials: set "
        + HttpsCredentials.TOKEN_ENV), e.getMessage());
  }

  @Test
  void unreachableAndMissingRepositoriesAreGitErrors() throws Exception {
    int freePort;
    try (ServerSocket s = new ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    String nowhere = "http://127.0.0.1:" + freePort + "/acme/dr.git";
    GitException down = assertThrows(GitException.class,
        () -> RevisionCheckout.of(GitTarget.parse(nowhere, new HttpsCredentials(null, TOKEN)), "main", null, null));
    assertTrue(down.getMessage().startsWith("cannot clone " + nowhere + ": the server cannot be reached"), down.getMessage());

    String missing = server.url("acme/none.git");
    GitException notFound = assertThrows(GitException.class,
        () -> RevisionCheckout.of(GitTarget.parse(missing, new HttpsCredentials(null, TOKEN)), "main", null, null));
    assertTrue(notFound.getMessage().startsWith("cannot clone " + missing + ": repository not found"), notFound.getMessage());
  }

  @Test
  void dryRunCloneOfAnEmptyRemoteThenNothingIsPushed() throws Exception {
    try (GitWorkspace ws = GitWorkspace.open(GitTarget.parse(url, new HttpsCredentials(null, TOKEN)), "dr", true, null)) {
      assertEquals("dr", ws.branch());
    }
    try (Git git = Git.open(bare.toFile())) {
      assertNull(git.getRepository().resolve("refs/heads/dr"));
    }
  }
}
