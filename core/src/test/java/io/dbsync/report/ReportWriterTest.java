package io.dbsync.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.git.Changelog;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
  static ExportReport sample() {
    Changelog changes = Changelog.between(
        Map.of("clusters/old.tf.json", "1", "jobs/nightly.tf.json", "2", "main.tf.json", "3"),
        Map.of("clusters/new.tf.json", "9", "jobs/nightly.tf.json", "3", "main.tf.json", "3", "jobs/.source-ids.json", "x"));
    return new ExportReport("nightly-dr", "git@github.com:org/dr.git", "main", false,
        Instant.parse("2026-11-25T14:30:00Z"), Instant.parse("2026-11-25T14:31:05Z"),
        List.of(new KindResult("databricks_cluster", "cluster", "clusters", 10, 10, 0, 0, 0, null),
            new KindResult("databricks_job", "job", "jobs", 5, 3, 1, 1, 1, null),
            new KindResult("databricks_notebook", "notebook", "notebooks", 0, 0, 0, 0, 42, "IOException: 503")),
        List.of(new Problem("databricks_job", "nightly", "IllegalStateException: 500"),
            new Problem("databricks_notebook", null, "listing failed, previous files kept: IOException: 503")),
        List.of(new Problem("databricks_job", "weekly", "reference to databricks_cluster x kept raw")),
        new ApiUsage(true, 120, 7, 1, 0), changes, "abc123", "export-20261125T143000Z");
  }

  @Test
  void consoleTableHasOneRowPerKindAndTheTotals() {
    String t = ReportWriter.table(sample());
    List<String> lines = t.lines().toList();
    assertTrue(lines.get(0).matches("KIND\\s+STATUS\\s+LISTED\\s+EXPORTED\\s+FAILED\\s+SKIPPED\\s+KEPT"), lines.get(0));
    assertTrue(lines.get(3).matches("databricks_job\\s+PARTIAL\\s+5\\s+3\\s+1\\s+1\\s+1"), lines.get(3));
    assertTrue(lines.get(4).matches("databricks_notebook\\s+LIST_FAILED\\s+0\\s+0\\s+0\\s+0\\s+42"), lines.get(4));
    assertTrue(lines.get(6).matches("TOTAL\\s+FAILURES\\s+15\\s+13\\s+1\\s+1\\s+43"), lines.get(6));
    assertTrue(t.contains("API calls: 120 (7 throttled with 429)"), t);
    assertTrue(t.contains("Changes: 1 added, 1 modified, 1 removed"), t);
    assertTrue(t.contains("  jobs: +0 ~1 -0"), t);
    assertTrue(t.contains("Commit: abc123  tag: export-20261125T143000Z"), t);
    assertTrue(t.contains("Failures (2):\n  databricks_job nightly: IllegalStateException: 500"), t);
    assertTrue(t.contains("Warnings (1):"), t);
  }

  @Test
  void jsonReportCarriesEverything(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("r/report.json");
    ReportWriter.writeJson(sample(), f);
    JsonNode j = TfJson.MAPPER.readTree(f.toFile());
    assertEquals("nightly-dr", j.path("name").asText());
    assertEquals(65000, j.path("duration_ms").asLong());
    assertEquals(13, j.path("totals").path("exported").asInt());
    assertEquals("LIST_FAILED", j.path("kinds").get(2).path("status").asText());
    assertEquals("IOException: 503", j.path("kinds").get(2).path("listing_error").asText());
    assertEquals(120, j.path("api").path("calls").asInt());
    assertEquals(7, j.path("api").path("throttled").asInt());
    assertEquals("clusters/new.tf.json", j.path("changes").path("by_directory").get(0).path("added").get(0).asText());
    assertEquals(2, j.path("failures").size());
    assertFalse(j.path("failures").get(1).has("object"));
    assertEquals("export-20261125T143000Z", j.path("tag").asText());
  }

  @Test
  void excelReportHasSummaryFailuresWarningsAndChanges(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("report.xlsx");
    ReportWriter.writeExcel(sample(), f);
    // read the OOXML parts directly: POI's reader needs commons-io >= 2.16 and the SDK pins 2.14 on
    // the classpath (writing is unaffected)
    Map<String, String> parts = new java.util.HashMap<>();
    try (InputStream in = Files.newInputStream(f); ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    String workbook = parts.get("xl/workbook.xml");
    List<String> sheets = new java.util.ArrayList<>();
    var m = java.util.regex.Pattern.compile("<sheet name=\"([^\"]+)\"").matcher(workbook);
    while (m.find()) {
      sheets.add(m.group(1));
    }
    assertEquals(List.of("Summary", "Failures", "Warnings", "Changes"), sheets);
    String strings = parts.getOrDefault("xl/sharedStrings.xml", "") + String.join("", parts.values());
    for (String expected : List.of("databricks_job", "PARTIAL", "LIST_FAILED", "IllegalStateException: 500",
        "clusters/new.tf.json", "removed", "export-20261125T143000Z")) {
      assertTrue(strings.contains(expected), expected);
    }
  }
}
