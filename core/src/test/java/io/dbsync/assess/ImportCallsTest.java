package io.dbsync.assess;

import io.dbsync.kind.Kind;
import io.dbsync.kind.KindRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImportCallsTest {
  /** A new kind needs its row in ImportCalls, or assess cannot estimate its import. */
  @Test
  void everyRegisteredTypeHasAnImportFamily() {
    List<String> missing = KindRegistry.standard().all().stream().map(Kind::info).map(i -> i.type()).distinct()
        .filter(t -> ImportCalls.familyOf(t).isEmpty()).toList();
    assertEquals(List.of(), missing, "add these types to ImportCalls with the API family that creates them");
  }
}
