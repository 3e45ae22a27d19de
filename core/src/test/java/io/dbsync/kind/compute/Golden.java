package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ExportedResource;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files: the Terraform JSON document of exported resources, compared byte-for-byte with
 * core/src/test/resources/golden/<kind>/<file>. Run with UPDATE_GOLDEN=1 to (re)write them.
 */
final class Golden {
  private Golden() {}

  static String document(List<ExportedResource> resources) {
    ObjectNode doc = TfJson.object();
    ObjectNode res = doc.putObject("resource");
    for (ExportedResource r : resources) {
      res.withObjectProperty(r.type()).set(r.name(), r.attrs());
    }
    return TfJson.write(doc);
  }

  static void assertMatches(String kind, String file, List<ExportedResource> resources) throws IOException {
    String actual = document(resources);
    Path path = Path.of("src/test/resources/golden", kind, file);
    if ("1".equals(System.getenv("UPDATE_GOLDEN"))) {
      Files.createDirectories(path.getParent());
      Files.writeString(path, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(path), "golden file missing: " + path + " (run with UPDATE_GOLDEN=1)");
    assertEquals(Files.readString(path, StandardCharsets.UTF_8), actual, "golden " + path);
  }
}
