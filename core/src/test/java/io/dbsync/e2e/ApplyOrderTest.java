package io.dbsync.e2e;

import io.dbsync.emulator.FaultRule;
import io.dbsync.importer.ImportResult;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parallel apply orders grants after the principals they name, even when the target is slow to create those. */
class ApplyOrderTest {
  @TempDir
  Path tmp;

  @Test
  void permissionsWaitForThePrincipalsTheyName() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      // the first group and service principal creations are answered 503 and retried by the SDK a
      // moment later, as a busy workspace does: grants naming them must wait for them
      target.emulator().addFault(FaultRule.status("POST", "/scim/v2/Groups$", 503, 2));
      target.emulator().addFault(FaultRule.status("POST", "/scim/v2/ServicePrincipals$", 503, 1));
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult r = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(r.success(), r.failures().toString());
      RoundTripTest.assertSameWorkspace(source.client(), target.client());
    }
  }

  /** A target that throttles SCIM (429 + Retry-After, as real workspaces do) slows the import down, never fails it. */
  @Test
  void importSurvivesAThrottledTarget() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSeed.populate(source.client());
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      target.emulator().options().rateLimits.put("scim", 2.0);
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, tmp.resolve("state"), target.client());
      ImportResult r = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(r.success(), r.failures().toString());
      assertTrue(target.emulator().requests().throttled() > 0, "the target did throttle");
      target.emulator().options().rateLimits.clear();
      RoundTripTest.assertSameWorkspace(source.client(), target.client());
    }
  }
}
