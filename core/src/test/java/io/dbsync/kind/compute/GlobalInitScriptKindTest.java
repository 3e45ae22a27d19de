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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobalInitScriptKindTest {
  private final GlobalInitScriptKind kind = new GlobalInitScriptKind();
  private static final String SCRIPT = "#!/bin/bash\necho \"hello from init\"\n";

  private static String createScript(TestWorkspace ws, String name, String body, boolean enabled) throws Exception {
    ObjectNode req = TfJson.object().put("name", name).put("enabled", enabled)
        .put("script", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    return Rest.post(ws.client(), GlobalInitScriptKind.BASE, req).get("script_id").asText();
  }

  @Test
  void scriptIsExportedAsArtifactAndRoundTrips(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      createScript(src, "install-agent", SCRIPT, true);
      createScript(src, "second", "echo 2\n", false);
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("global_init_script"), dir);
      List<SourceObject> listed = kind.list(ectx);
      assertEquals(2, listed.size());
      SourceObject agent = listed.stream().filter(o -> o.name().startsWith("install_agent")).findFirst().orElseThrow();
      List<ExportedResource> exported = KindHarness.export(kind, ectx, agent);
      ObjectNode attrs = exported.get(0).attrs();
      assertEquals(SCRIPT, Files.readString(ectx.artifactFile(attrs.get("source").asText())));
      Golden.assertMatches("global_init_script", "install_agent.tf.json", exported);

      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      ObjectNode desired = new Resolver(ectx, actx).resolve(attrs);
      assertTrue(desired.get("source").asText().startsWith("sha256:"));
      assertTrue(kind.adopt(actx, desired).isEmpty());
      String newId = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, newId).orElseThrow());
      assertEquals(Optional.of(newId), kind.adopt(actx, desired));
      String stored = KindHarness.read(kind, dst.client(), newId).get("script").asText();
      assertEquals(SCRIPT, new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8));

      Path edited = dir.resolve("edited.sh");
      Files.writeString(edited, "echo edited\n");
      String sha = io.dbsync.kind.RefreshRendering.sha256(out -> out.write(Files.readAllBytes(edited)));
      actx.artifacts.put(sha, edited);
      ObjectNode changed = desired.deepCopy();
      changed.put("source", sha);
      changed.put("enabled", false);
      kind.update(actx, newId, changed, desired);
      assertEquals(changed, kind.refresh(actx, newId).orElseThrow());

      kind.delete(actx, newId, changed);
      assertNull(KindHarness.read(kind, dst.client(), newId));
      kind.delete(actx, newId, changed);
    }
  }

  @Test
  void patternsSelectScriptsByName(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      createScript(src, "install-agent", SCRIPT, true);
      createScript(src, "second", "echo 2\n", false);
      KindSettings s = new KindSettings("global_init_script", TfJson.MAPPER.valueToTree(Map.of("patterns", List.of("install-*"))));
      List<SourceObject> listed = kind.list(new TestExportContext(src.client(), s, dir));
      assertEquals(1, listed.size());
      assertTrue(listed.get(0).name().startsWith("install_agent"));
    }
  }
}
