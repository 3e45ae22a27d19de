package io.dbsync.git;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
