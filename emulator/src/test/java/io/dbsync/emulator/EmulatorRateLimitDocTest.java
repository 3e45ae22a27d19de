package io.dbsync.emulator;

import io.dbsync.emulator.http.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/emulator-rate-limits.md is the contract a client-side limiter implements: its path-prefix
 * table must put every route of the emulator in the route's family (longest prefix wins), and its
 * preset table must list every key of the published preset.
 */
class EmulatorRateLimitDocTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\|");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static String doc;

  @BeforeAll
  static void read() throws Exception {
    doc = Files.readString(Path.of("..", "docs", "emulator-rate-limits.md"));
  }

  private static String section(String heading) {
    int start = doc.indexOf("## " + heading);
    assertTrue(start >= 0, "doc section " + heading);
    int end = doc.indexOf("\n## ", start + 3);
    return end < 0 ? doc.substring(start) : doc.substring(start, end);
  }

  /** family -> its documented path prefixes. */
  private static Map<String, List<String>> prefixes() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : section("Route families").split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        List<String> p = new ArrayList<>();
        Matcher code = CODE.matcher(row.group(2));
        while (code.find()) {
          p.add(code.group(1));
        }
        out.put(row.group(1), p);
      }
    }
    return out;
  }

  /** Concrete paths of a template: alternatives expanded, variables filled. */
  private static List<String> paths(String template) {
    List<String> out = new ArrayList<>(List.of(""));
    for (String seg : template.substring(1).split("/")) {
      List<String> next = new ArrayList<>();
      for (String prefix : out) {
        for (String alt : seg.split("\\|")) {
          next.add(prefix + "/" + (alt.startsWith("{") ? "x" : alt));
        }
      }
      out = next;
    }
    return out;
  }

  @Test
  void everyRouteMapsToItsFamilyByLongestDocumentedPrefix() {
    Map<String, List<String>> table = prefixes();
    for (Router.Route r : new Emulator().router().routes()) {
      for (String path : paths(r.template())) {
        String best = null;
        int bestLength = -1;
        for (Map.Entry<String, List<String>> e : table.entrySet()) {
          for (String p : e.getValue()) {
            if (path.startsWith(p) && p.length() > bestLength) {
              best = e.getKey();
              bestLength = p.length();
            }
          }
        }
        assertEquals(r.family(), best, "docs/emulator-rate-limits.md must map " + r.method() + " " + path
            + " to family " + r.family() + " (add the family's path prefix to the Route families table)");
      }
    }
  }

  @Test
  void everyPresetKeyIsDocumentedWithItsValue() {
    String preset = section("The `published` preset");
    for (PublishedRateLimits.Entry e : PublishedRateLimits.TABLE) {
      Matcher m = Pattern.compile("\\| `" + Pattern.quote(e.key()) + "` \\| ([0-9.]+) \\|").matcher(preset);
      assertTrue(m.find(), "preset key " + e.key() + " is documented");
      assertEquals(e.perSecond(), Double.parseDouble(m.group(1)), 0.01, "documented value of " + e.key());
      String family = e.key().split(":")[0];
      assertNotNull(prefixes().get(family), "preset key " + e.key() + " names a documented family");
    }
  }
}
