package io.dbsync.git;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GitTargetTest {
  @Test
  void sshUrlsAndLocalPathsAreTellApart() {
    for (String ssh : new String[] {"git@github.com:org/repo.git", "ssh://git@host:2222/x/y.git", "host:repo",
        "git+ssh://git@host/r", "user@10.0.0.1:/srv/git/r.git"}) {
      assertInstanceOf(GitTarget.Ssh.class, GitTarget.parse(ssh), ssh);
    }
    for (String local : new String[] {"/tmp/repo", "./exports-repo", "repo", "/weird:path/x", "./a:b", "C:\\repos\\x"}) {
      GitTarget t = GitTarget.parse(local);
      assertInstanceOf(GitTarget.Local.class, t, local);
      assertEquals(Path.of(local), ((GitTarget.Local) t).path());
    }
    assertThrows(IllegalArgumentException.class, () -> GitTarget.parse(" "));
  }

  @Test
  void httpsUrlsCarryTheirCredentialsOutsideTheUrl() {
    GitTarget.Https plain = assertInstanceOf(GitTarget.Https.class, GitTarget.parse("https://github.com/acme/dr.git"));
    assertEquals("https://github.com/acme/dr.git", plain.url());
    assertEquals(null, plain.credentials());

    GitTarget.Https withPassword = (GitTarget.Https) GitTarget.parse("HTTPS://bob:p%40ss@dev.azure.com/org/p/_git/r");
    assertEquals("HTTPS://dev.azure.com/org/p/_git/r", withPassword.describe());
    assertEquals(new HttpsCredentials("bob", "p@ss"), withPassword.credentials());
    assertFalse(withPassword.toString().contains("p@ss"), withPassword.toString());

    GitTarget.Https tokenAsUser = (GitTarget.Https) GitTarget.parse("http://ghp_abc@127.0.0.1:8080/r.git");
    assertEquals("http://127.0.0.1:8080/r.git", tokenAsUser.url());
    assertEquals("ghp_abc", tokenAsUser.credentials().username());

    HttpsCredentials env = new HttpsCredentials(null, "from-env");
    assertEquals(env, ((GitTarget.Https) GitTarget.parse("https://bob:pw@h/r.git", env)).credentials(), "the token wins");
    assertEquals(HttpsCredentials.DEFAULT_USERNAME, env.username());
    assertThrows(IllegalArgumentException.class, () -> new GitTarget.Https("https://u:p@h/r.git", null));
  }

  @Test
  void tokenComesFromItsVariable() {
    assertEquals(null, HttpsCredentials.fromEnvironment(Map.of()));
    assertEquals(null, HttpsCredentials.fromEnvironment(Map.of(HttpsCredentials.TOKEN_ENV, " ")));
    assertEquals(new HttpsCredentials("me", "t"),
        HttpsCredentials.fromEnvironment(Map.of(HttpsCredentials.TOKEN_ENV, "t", HttpsCredentials.USERNAME_ENV, "me")));
    assertFalse(new HttpsCredentials("me", "secret-t").toString().contains("secret-t"));
  }
}
