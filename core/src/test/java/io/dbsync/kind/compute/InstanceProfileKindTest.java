package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceProfileKindTest {
  private final InstanceProfileKind kind = new InstanceProfileKind();
  private static final String ARN = "arn:aws:iam::123456789012:instance-profile/team/etl-profile";
  private static final String ROLE = "arn:aws:iam::123456789012:role/etl-role";

  @Test
  void profileExportsByArnAndRoundTrips(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      Rest.post(src.client(), InstanceProfileKind.BASE + "/add", TfJson.object()
          .put("instance_profile_arn", ARN).put("iam_role_arn", ROLE).put("is_meta_instance_profile", true));
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("instance_profile"), dir);
      List<SourceObject> listed = kind.list(ectx);
      assertEquals(1, listed.size());
      assertEquals(ARN, listed.get(0).id());
      assertTrue(listed.get(0).name().startsWith("etl_profile_"), listed.get(0).name());
      List<ExportedResource> exported = KindHarness.export(kind, ectx, listed.get(0));
      Golden.assertMatches("instance_profile", "etl_profile.tf.json", exported);

      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      ObjectNode desired = new Resolver(ectx, actx).resolve(exported.get(0).attrs());
      assertTrue(kind.adopt(actx, desired).isEmpty());
      assertEquals(ARN, kind.create(actx, desired));
      assertEquals(desired, kind.refresh(actx, ARN).orElseThrow());
      assertEquals(Optional.of(ARN), kind.adopt(actx, desired));

      ObjectNode changed = desired.deepCopy();
      changed.put("is_meta_instance_profile", false);
      changed.remove("iam_role_arn");
      kind.update(actx, ARN, changed, desired);
      ObjectNode refreshed = kind.refresh(actx, ARN).orElseThrow();
      assertEquals(false, refreshed.path("is_meta_instance_profile").asBoolean(true));

      kind.delete(actx, ARN, changed);
      assertNull(KindHarness.read(kind, dst.client(), ARN));
      kind.delete(actx, ARN, changed);
      assertTrue(kind.forceNew().contains("instance_profile_arn"));
    }
  }
}
