package io.dbsync.e2e;

import io.dbsync.importer.ImportResult;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parallel apply orders grants after the principals they name, however slow the target's SCIM is. */
class ApplyOrderTest {
  @TempDir
  Path tmp;

  @Test
  void permissionsWaitForThePrincipalsTheyName() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      // SCIM is rate-limited on the target (as on real workspaces), so groups arrive late
      target.emulator().options().rateLimits.put("scim", 2.0);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult r = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(r.success(), r.failures().toString());
      target.emulator().options().rateLimits.clear();
      RoundTripTest.assertSameWorkspace(source.client(), target.client());
    }
  }
}
