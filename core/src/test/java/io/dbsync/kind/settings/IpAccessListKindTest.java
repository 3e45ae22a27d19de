package io.dbsync.kind.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
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

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IpAccessListKindTest {
  private final IpAccessListKind kind = new IpAccessListKind();

  @Test
  void listsExportAndRoundTrip(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      Rest.post(src.client(), IpAccessListKind.BASE, TfJson.MAPPER.readTree("""
          {"label": "office", "list_type": "ALLOW", "ip_addresses": ["192.168.1.10", "10.0.0.0/16"]}"""));
      Rest.post(src.client(), IpAccessListKind.BASE, TfJson.MAPPER.readTree("""
          {"label": "blocked range", "list_type": "BLOCK", "ip_addresses": ["10.0.5.0/24"]}"""));

      TestExportContext ctx = exportContext(src.client(), "ip_access_list", "{\"patterns\": [\"off*\"]}", dir);
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of("office"), listed.stream().map(SourceObject::name).toList());
      List<ExportedResource> exported = KindHarness.export(kind, ctx, listed.get(0));
      ObjectNode attrs = exported.get(0).attrs();
      assertEquals("[\"192.168.1.10\",\"10.0.0.0/16\"]", attrs.get("ip_addresses").toString(), "in the workspace's order");
      assertGolden("ip_access_list/office.tf.json", document(exported));

      KindHarness.Apply actx = KindHarness.applying(dst.client());
      assertEquals(Optional.empty(), kind.adopt(actx, attrs));
      String id = kind.create(actx, attrs);
      assertEquals(attrs, kind.refresh(actx, id).orElseThrow());
      assertEquals(Optional.of(id), kind.adopt(actx, attrs), "same label and type: adopted");
      assertEquals(Optional.empty(), kind.adopt(KindHarness.applying(dst.client()).tracking((t, i) -> i.equals(id)), attrs),
          "a list the state already tracks is not adopted twice");

      ObjectNode changed = attrs.deepCopy();
      changed.put("enabled", false);
      changed.withArray("ip_addresses").add("172.16.0.1");
      kind.update(actx, id, changed, attrs);
      assertEquals(changed, kind.refresh(actx, id).orElseThrow());

      kind.delete(actx, id, changed);
      assertNull(KindHarness.read(kind, dst.client(), id));
      kind.delete(actx, id, changed);

      String disabled = kind.create(actx, changed);
      assertEquals(false, kind.refresh(actx, disabled).orElseThrow().path("enabled").asBoolean(true),
          "a list created disabled is switched off");
    }
  }
}
