package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.testing.TestExportContext;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CustomMapVarsTest {
  private static KindSettings settings(String json) throws Exception {
    return new KindSettings("notebook", TfJson.MAPPER.readTree(json));
  }

  @Test
  void theNamedCaptureBecomesAVariable(@TempDir Path tmp) throws Exception {
    KindSettings s = settings("{\"custom_map_vars\": {\"path\": \"/Users/%{DATA:variable}/%{GREEDYDATA}\"}}");
    TestExportContext ctx = new TestExportContext(null, s, tmp);
    ObjectNode attrs = TfJson.object().put("path", "/Users/ana@example.com/etl/nb").put("language", "PYTHON");

    CustomMapVars.apply(attrs, s, ctx);

    assertEquals("/Users/${var.ana_example_com_" + io.dbsync.tf.Names.hash8("ana@example.com") + "}/etl/nb", attrs.get("path").asText());
    assertEquals("ana@example.com", ctx.variables.values().iterator().next());
    assertEquals("PYTHON", attrs.get("language").asText());
  }

  @Test
  void nonMatchingValuesArrayElementsAndWholeValues(@TempDir Path tmp) throws Exception {
    KindSettings s = settings("{\"custom_map_vars\": {\"path\": \"/Users/%{DATA:u}/%{GREEDYDATA}\", \"tags[*]\": null}}");
    TestExportContext ctx = new TestExportContext(null, s, tmp);
    ObjectNode attrs = TfJson.object().put("path", "/Shared/nb");
    attrs.putArray("tags").add("prod").add("eu");

    CustomMapVars.apply(attrs, s, ctx);

    assertEquals("/Shared/nb", attrs.get("path").asText(), "no match: unchanged");
    assertEquals("${var.prod}", attrs.get("tags").get(0).asText());
    assertEquals("${var.eu}", attrs.get("tags").get(1).asText());
  }

  @Test
  void unknownGrokPatternsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> io.dbsync.config.Grok.compile("%{NOPE:x}"));
  }
}
