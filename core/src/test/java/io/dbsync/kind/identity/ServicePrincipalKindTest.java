package io.dbsync.kind.identity;

import com.databricks.sdk.service.iam.ServicePrincipal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.dbsync.kind.identity.IdentityFixture.SPS;
import static io.dbsync.kind.identity.IdentityFixture.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServicePrincipalKindTest {
  static final String APP_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

  @TempDir
  Path tmp;

  @Test
  void exportsServicePrincipalGoldenAndRoundTripsThroughTarget() throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      src.client().servicePrincipals().create(new ServicePrincipal().setApplicationId(APP_ID).setDisplayName("etl-bot")
          .setExternalId("ext-sp").setEntitlements(values("allow-cluster-create", "workspace-access")));
      TestExportContext ctx = IdentityFixture.exportContext(src.client(), null, tmp);
      List<SourceObject> listed = SPS.list(ctx);
      assertEquals(List.of(Names.safe(APP_ID)), listed.stream().map(SourceObject::name).toList());
      List<ExportedResource> out = KindHarness.export(SPS, ctx, listed.get(0));
      assertEquals(1, out.size());
      ObjectNode attrs = out.get(0).attrs();
      assertEquals(APP_ID, attrs.get("application_id").asText());
      assertEquals("etl-bot", attrs.get("display_name").asText());
      assertTrue(attrs.get("active").asBoolean());
      IdentityFixture.assertGolden("service_principal", listed.get(0).name() + ".tf.json", out);

      IdentityFixture.Importer imp = new IdentityFixture.Importer(dst.client());
      imp.apply(out);
      imp.assertInSync();
      String id = imp.ids.get(out.get(0).address());
      assertEquals(id, SPS.adopt(imp.ctx, attrs).orElseThrow(), "adopted by application id");

      ObjectNode changed = attrs.deepCopy();
      changed.put("display_name", "etl-bot-2");
      changed.remove("workspace_access");
      changed.put("active", false);
      SPS.update(imp.ctx, id, changed, attrs);
      assertEquals(changed, SPS.refresh(imp.ctx, id).orElseThrow());

      SPS.delete(imp.ctx, id, changed);
      assertNull(KindHarness.read(SPS, dst.client(), id));
      SPS.delete(imp.ctx, id, changed);
      assertTrue(SPS.adopt(imp.ctx, attrs).isEmpty());
    }
  }
}
