package io.dbsync.kind;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's "Supported objects" table is generated from {@link KindRegistry#standard()}: one row
 * per {@link KindInfo#objects} text, in registry order, so that it cannot drift from the kinds. On a
 * mismatch the failure shows the table to paste into the README.
 */
class SupportedObjectsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String HEADING = "## Supported objects";

  /**
   * The table for a registry: object text, export YAML key (a key no kind exports files for, like
   * that of permissions, means the resources come with their parent object), Terraform resource types.
   */
  static String table(KindRegistry registry) {
    Map<String, List<KindInfo>> rows = new LinkedHashMap<>();
    for (Kind k : registry.all()) {
      rows.computeIfAbsent(k.info().objects(), o -> new ArrayList<>()).add(k.info());
    }
    List<String> exportedKeys = registry.exportable().stream().map(k -> k.info().configKey()).toList();
    StringBuilder sb = new StringBuilder("| Object | `objects:` key | Terraform resource |\n|---|---|---|\n");
    rows.forEach((objects, kinds) -> {
      List<String> keys = kinds.stream()
          .map(i -> exportedKeys.contains(i.configKey()) ? "`" + i.configKey() + "`" : "with the parent object")
          .distinct().toList();
      List<String> types = kinds.stream().map(i -> "`" + i.type() + "`").toList();
      sb.append("| ").append(objects).append(" | ").append(String.join(", ", keys)).append(" | ")
          .append(String.join(", ", types)).append(" |\n");
    });
    return sb.toString();
  }

  /** The first table after the heading, up to the first line that is not a table row. */
  static String readmeTable(String readme) {
    int at = readme.indexOf(HEADING);
    if (at < 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    boolean inTable = false;
    for (String line : readme.substring(at + HEADING.length()).split("\n", -1)) {
      if (line.startsWith("|")) {
        inTable = true;
        sb.append(line).append('\n');
      } else if (inTable) {
        break;
      }
    }
    return sb.toString();
  }

  @Test
  void theReadmeTableIsTheRegistry() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    assertEquals(table(KindRegistry.standard()), readmeTable(readme),
        "README.md '" + HEADING + "' must be exactly the generated table (expected), to paste under the heading");
  }

  @Test
  void everyKindHasReadmeText() {
    for (Kind k : KindRegistry.standard().all()) {
      assertEquals(false, k.info().objects() == null || k.info().objects().isBlank(), k.info().type());
    }
  }
}
