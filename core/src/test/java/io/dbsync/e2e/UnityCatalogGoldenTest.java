package io.dbsync.e2e;

import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.uc.UcMetastore;
import io.dbsync.report.ExportReport;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The Unity Catalog folders (and the variables they declare) of the sample workspace's export, byte for
 * byte, against core/src/test/resources/golden/uc/exports (UPDATE_GOLDEN=1 rewrites it); a second
 * export changes nothing. The metastore gets a fixed id, which the export records.
 */
class UnityCatalogGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/uc/exports");

  @TempDir
  Path tmp;

  @Test
  void unityCatalogExportMatchesGoldenAndIsStable() throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.unityCatalog = new UcMetastore("0f0e0d0c-0b0a-4908-8706-050403020100");
    try (TestWorkspace source = TestWorkspace.start(options)) {
      new SampleWorkspace(source.client()).populate();
      source.emulator().seed(Json.parse(UnityCatalogRoundTripTest.SQL_OBJECTS));
      Path repo = tmp.resolve("repo");
      UnityCatalogRoundTripTest.export(source.client(), repo, UnityCatalogRoundTripTest.CONFIG);
      Map<String, byte[]> files = unityCatalogFiles(E2eSupport.files(repo.resolve("exports")));
      GoldenExportTest.assertNoTimestamps(files);
      GoldenExportTest.assertMatchesGolden(GOLDEN, files);

      ExportReport second = UnityCatalogRoundTripTest.export(source.client(), repo, UnityCatalogRoundTripTest.CONFIG);
      assertNull(second.commit(), "an unchanged workspace makes no second commit: " + second.changelog());
      assertEquals(files.keySet(), unityCatalogFiles(E2eSupport.files(repo.resolve("exports"))).keySet());
    }
  }

  private static Map<String, byte[]> unityCatalogFiles(Map<String, byte[]> all) {
    Map<String, byte[]> out = new TreeMap<>();
    all.forEach((path, bytes) -> {
      if (path.startsWith("uc_") || path.equals("variables.tf.json")) {
        out.put(path, bytes);
      }
    });
    return out;
  }
}
