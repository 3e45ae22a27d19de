package io.dbsync.tf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UrlCredentialsTest {
  @Test
  void passwordsTokensAndSignedQueriesAreFound() {
    assertEquals("s3a://***@bucket", UrlCredentials.redact("s3a://KEY:SECRET@bucket"));
    assertEquals("clone https://***@host/repo.git now", UrlCredentials.redact("clone https://user:PASS@host/repo.git now"));
    assertEquals("https://***@github.com/a/b", UrlCredentials.redact("https://ghp_token@github.com/a/b"));
    assertEquals("wasbs://c@a.blob.core.windows.net/?***",
        UrlCredentials.redact("wasbs://c@a.blob.core.windows.net/?sv=2020&sig=SIG"));
    assertEquals("https://b.s3.amazonaws.com/k?***",
        UrlCredentials.redact("https://b.s3.amazonaws.com/k?X-Amz-Credential=A&X-Amz-Signature=B"));
    assertEquals("https:/***@host/repo.git", UrlCredentials.redact("https:/user:PASS@host/repo.git"), "as a Path prints it");
  }

  @Test
  void containersAndPlainQueriesAreNotCredentials() {
    for (String plain : new String[] {"abfss://curated@lake.dfs.core.windows.net/gold", "wasbs://archive@acct.blob.core.windows.net",
        "https://pypi.org/simple?page=2", "git@github.com:acme/repo.git", "C:/Users/me@example.com", "/Shared/a@b.com/x"}) {
      assertEquals(plain, UrlCredentials.redact(plain));
    }
  }
}
